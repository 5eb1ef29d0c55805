// An imported document's problems in English: the same keys as import.lv.ts.
import { IMPORT_PROBLEM_WORDING } from '@apt/shared'
import type lv from './import.lv'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const en: Widen<typeof lv> = {
  summary: 'No problems | {n} problem found | {n} problems found',
  summaryHint:
    'Nothing was imported. Fix it and check again. | Nothing was imported. Fix them and check again — every problem was found at once.',
  warningsOnly: 'No warnings | {n} warning | {n} warnings',
  alsoWarnings:
    'There are no warnings that would not stop the import. | There is also {n} warning that does not stop the import. | There are also {n} warnings that do not stop the import.',
  warningsHint: 'Warnings do not stop the import: review them and correct the plan after importing if need be.',
  groupCount: 'no problems | {n} problem | {n} problems',
  general: 'The document as a whole',
  labelled: '{step} “{label}”',
  severity: { error: 'Error', warning: 'Warning' },
  path: 'Place in the file: {path}',
  showMeasure: 'Show measure {number}',
  fix: 'Fix',
  problem: IMPORT_PROBLEM_WORDING.en.problem,
  step: IMPORT_PROBLEM_WORDING.en.step,
  field: IMPORT_PROBLEM_WORDING.en.field,
}

export default en
