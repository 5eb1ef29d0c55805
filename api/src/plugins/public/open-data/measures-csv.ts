// measures.csv of a published plan: one row per measure with what its public page shows, under
// stable English column names (docs/formats/measures-csv.md is their data dictionary; a column is
// only ever added at the end, never renamed or removed). UTF-8 with a BOM, CRLF, RFC 4180 quoting
// and formula-looking texts neutralised, as the product's own measures.csv (report/csv.ts).
import { MEASURE_STATUS_LABELS, type PublicInstitution, type PublishedPlan } from '@apt/shared'
import { csvTable } from '../../../report/csv.js'

type Measure = PublishedPlan['actionLines'][number]['measures'][number]

const codes = (list: readonly PublicInstitution[]) => list.map((i) => i.code).join('; ')
const names = (list: readonly PublicInstitution[]) => list.map((i) => i.name).join('; ')

/** Each column: its name and how a measure's row fills it. */
export const PUBLIC_MEASURE_COLUMNS: readonly {
  name: string
  value: (m: Measure, line: string, planCode: string) => string | number | null
}[] = [
  { name: 'plan_code', value: (_m, _line, planCode) => planCode },
  { name: 'action_line', value: (_m, line) => line },
  { name: 'number', value: (m) => m.number },
  { name: 'source_ref', value: (m) => m.sourceRef },
  { name: 'title', value: (m) => m.title },
  { name: 'responsible_codes', value: (m) => codes(m.responsible) },
  { name: 'responsible_names', value: (m) => names(m.responsible) },
  { name: 'involved_codes', value: (m) => codes(m.involved) },
  { name: 'involved_names', value: (m) => names(m.involved) },
  { name: 'sector', value: (m) => m.sector },
  { name: 'deadline_text', value: (m) => m.deadline?.text ?? null },
  { name: 'deadline_due', value: (m) => m.deadline?.due ?? null },
  { name: 'budget_text', value: (m) => m.budget?.text ?? null },
  {
    name: 'budget_total_eur',
    value: (m) => (m.budget && m.budget.lines.length ? m.budget.lines.reduce((sum, line) => sum + line.amountEur, 0) : null),
  },
  { name: 'expected_result', value: (m) => m.expectedResult },
  { name: 'indicator', value: (m) => m.indicator },
  { name: 'status', value: (m) => m.status },
  { name: 'status_lv', value: (m) => MEASURE_STATUS_LABELS.lv[m.status] },
  { name: 'assessment', value: (m) => m.assessment },
  { name: 'status_changed_at', value: (m) => m.statusHistory.at(-1)?.at ?? null },
  { name: 'excluded_act', value: (m) => m.excluded?.act ?? null },
  { name: 'excluded_date', value: (m) => m.excluded?.date ?? null },
  { name: 'progress_count', value: (m) => m.progress.length },
  {
    name: 'progress',
    value: (m) => m.progress.map((p) => `[${[p.period, p.institution.code].filter(Boolean).join(', ')}] ${p.text}`).join('\n\n'),
  },
  { name: 'public_evidence_count', value: (m) => m.evidence.length },
]

/** The published plan's measures as CSV text, in the plan's order. */
export function publishedMeasuresCsv(plan: PublishedPlan): string {
  return csvTable(
    PUBLIC_MEASURE_COLUMNS.map((c) => c.name),
    plan.actionLines.flatMap((line) => line.measures.map((m) => PUBLIC_MEASURE_COLUMNS.map((c) => c.value(m, line.number, plan.code)))),
  )
}
