// One flat row per measure with every field, the model both measures.xlsx and measures.csv are
// written from, so the two files always carry the same columns and values.
import type { PlanDocument } from '@apt/shared'
import { measureStatusText } from './sentences.js'
import { sanitizeText } from './text.js'

export interface MeasureRow {
  actionLine: string
  number: string
  sourceRef: string
  title: string
  responsible: string
  involved: string
  deadlineText: string
  /** ISO date, '' when none. */
  deadlineDue: string
  budgetText: string
  /** Sum of the measure's budget lines in euro; null when it has none. */
  budgetTotalEur: number | null
  expectedResult: string
  indicator: string
  status: string
  assessment: string
  progress: string
}

export interface MeasureColumn {
  key: keyof MeasureRow
  header: string
  /** Column width in characters, for the spreadsheet. */
  width: number
}

export const MEASURE_COLUMNS: readonly MeasureColumn[] = [
  { key: 'actionLine', header: 'Rīcības virziens', width: 10 },
  { key: 'number', header: 'Nr.', width: 8 },
  { key: 'sourceRef', header: 'Nr. plānā', width: 10 },
  { key: 'title', header: 'Pasākums', width: 60 },
  { key: 'responsible', header: 'Atbildīgās institūcijas', width: 16 },
  { key: 'involved', header: 'Iesaistītās institūcijas', width: 16 },
  { key: 'deadlineText', header: 'Izpildes termiņš', width: 18 },
  { key: 'deadlineDue', header: 'Termiņa datums', width: 13 },
  { key: 'budgetText', header: 'Budžets', width: 40 },
  { key: 'budgetTotalEur', header: 'Budžets kopā, euro', width: 14 },
  { key: 'expectedResult', header: 'Darbības rezultāts', width: 40 },
  { key: 'indicator', header: 'Rezultatīvais rādītājs', width: 40 },
  { key: 'status', header: 'Izpildes pakāpe', width: 16 },
  { key: 'assessment', header: 'Vērtējums', width: 50 },
  { key: 'progress', header: 'Izpildes gaita', width: 80 },
]

// Numbers compared as people read them: runs of digits by value, so "2.2" < "2.10" < "10.1".
const NATURAL = new Intl.Collator('lv', { numeric: true, sensitivity: 'base' })

/** Compares measure (or action line) numbers naturally: 2.2 before 2.10. */
export const compareNumbers = (a: string, b: string): number => NATURAL.compare(a, b)

/**
 * Every measure of the plan ordered by action line and measure number, naturally (2.2 before
 * 2.10, whatever order the plan stores them in), texts cleaned of characters XML cannot carry.
 */
export function buildMeasureRows(doc: PlanDocument): MeasureRow[] {
  const clean = (text: string | null | undefined) => sanitizeText(text ?? '').trim()
  const rows = doc.plan.actionLines.flatMap((line) =>
    line.measures.map((measure): MeasureRow => {
      const lines = measure.budget?.lines ?? []
      return {
        actionLine: line.number,
        number: measure.number,
        sourceRef: clean(measure.sourceRef),
        title: clean(measure.title),
        // Codes, not names: short, and what users filter by.
        responsible: measure.responsible.join(', '),
        involved: (measure.involved ?? []).join(', '),
        deadlineText: clean(measure.deadline?.text),
        deadlineDue: measure.deadline?.due ?? '',
        budgetText: clean(measure.budget?.text),
        budgetTotalEur: lines.length > 0 ? lines.reduce((sum, budgetLine) => sum + budgetLine.amountEur, 0) : null,
        expectedResult: clean(measure.expectedResult),
        indicator: clean(measure.indicator),
        // "Izslēgts (act, date)" for a measure an amendment excluded.
        status: measureStatusText(measure),
        assessment: clean(measure.assessment),
        // A blank line between institutions, since one institution's text may span lines itself.
        progress: (measure.progress ?? [])
          .filter((entry) => entry.text.trim() !== '')
          .map((entry) => `(${entry.institution}) ${clean(entry.text)}`)
          .join('\n\n'),
      }
    }),
  )
  // A stable sort: measures sharing a number (never in a valid plan) keep the plan's order.
  return rows.sort((a, b) => compareNumbers(a.actionLine, b.actionLine) || compareNumbers(a.number, b.number))
}
