// An imported document's problems in Latvian (the `importProblems.*` keys of lv.ts): the error
// summary and its groups, and the wording of each problem's code, place and field — those three
// tables are shared with the API, which words its Latvian `message` with them
// (shared/src/import-problem-wording.ts). vue-i18n treats { } @ $ | as syntax, so they never
// appear literally.
import { IMPORT_PROBLEM_WORDING } from '@apt/shared'

const lv = {
  summary: 'Problēmu nav | Atrasta {n} problēma | Atrastas {n} problēmas',
  summaryHint:
    'Nekas nav importēts. Izlabojiet to un pārbaudiet vēlreiz. | Nekas nav importēts. Izlabojiet tās un pārbaudiet vēlreiz — visas problēmas ir atrastas uzreiz.',
  warningsOnly: 'Nav brīdinājumu | {n} brīdinājums | {n} brīdinājumi',
  alsoWarnings:
    'Brīdinājumu, kas importu neaptur, nav. | Vēl ir {n} brīdinājums, kas importu neaptur. | Vēl ir {n} brīdinājumi, kas importu neaptur.',
  warningsHint: 'Brīdinājumi importu neaptur: pārskatiet tos un vajadzības gadījumā labojiet plānu pēc importa.',
  groupCount: 'nav problēmu | {n} problēma | {n} problēmas',
  general: 'Dokuments kopumā',
  labelled: '{step} „{label}”',
  severity: { error: 'Kļūda', warning: 'Brīdinājums' },
  path: 'Vieta failā: {path}',
  showMeasure: 'Rādīt pasākumu {number}',
  fix: 'Labot',
  problem: IMPORT_PROBLEM_WORDING.lv.problem,
  step: IMPORT_PROBLEM_WORDING.lv.step,
  field: IMPORT_PROBLEM_WORDING.lv.field,
}

export default lv
