// Rounds that do not surprise, in English: the same keys as round-safety.lv.ts.
import type lv from './round-safety.lv'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const en: Widen<typeof lv> = {
  check: {
    checking: 'Checking the round…',
    title: 'Before you open the round',
    dueInPast: 'The due date ({date}) has already passed: every institution will be late at once.',
    overlap: 'The open round “{title}” (due {date}) already asks about {measures}: {numbers}.',
    overlapMeasures: '{n} of these measures | {n} of these measures | {n} of these measures',
    overlapConsequence:
      'Institutions will have to submit two reports on these measures. | Institutions will have to submit two reports on this measure. | Institutions will have to submit two reports on these measures.',
    question: 'Open the round anyway?',
    confirm: 'Yes, open the round',
    back: 'No, change the round',
  },
  progress: {
    notStarted: 'Not started yet',
    late: 'Late',
    missingLate: 'Not started, late',
    owed: 'The round asks for {reports} on {measures}: each responsible and each involved institution of a measure submits its own report.',
    reports: '{n} reports | {n} report | {n} reports',
    measures: '{n} measures | {n} measure | {n} measures',
    dueIn: 'due today | due in {n} day | due in {n} days',
    notLateYet: 'Nothing is late before the due date.',
    openRounds: 'Open reporting rounds ({n})',
    byInstitution: 'Submissions by institution: {title}',
  },
}
export default en
