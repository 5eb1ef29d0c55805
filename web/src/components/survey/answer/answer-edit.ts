// Pure helpers of the answering form: answers changed immutably (a question left empty loses its
// key, so "not answered" is one thing), numbers written and read as Latvians do, and a number
// table's live totals.
import { parseLatvianNumber, type AnswerValue, type SurveyAnswer, type SurveyAnswers, type SurveyQuestion } from '@apt/shared'

export type NumberTable = Record<string, Record<string, number>>

/** The answers with one question's answer replaced, or removed when `answer` is null. */
export function withAnswer(answers: SurveyAnswers, id: string, answer: SurveyAnswer | null): SurveyAnswers {
  const next = { ...answers }
  if (answer === null) delete next[id]
  else next[id] = answer
  return next
}

/** A new answer with `value` (and `other`), keeping the coordinator's codes of the previous one. */
export function answerOf(previous: SurveyAnswer | undefined, value: AnswerValue, other?: string | null): SurveyAnswer {
  const answer: SurveyAnswer = { value }
  if (other !== undefined && other !== null) answer.other = other
  if (previous?.codes?.length) answer.codes = previous.codes
  return answer
}

/**
 * A number in the UI language, in a form parseLatvianNumber reads back: "1 234,5" (no-break spaces)
 * in Latvian, "1234.5" in English.
 */
export function formatNumber(value: number, locale: string): string {
  if (locale.startsWith('lv')) return new Intl.NumberFormat('lv-LV', { maximumFractionDigits: 10, useGrouping: true }).format(value)
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10, useGrouping: false }).format(value)
}

/** What a typed number field holds: empty, a number, or text that is not one number. */
export type NumberInput = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid' }

export function readNumber(text: string): NumberInput {
  if (text.trim() === '') return { kind: 'empty' }
  const value = parseLatvianNumber(text)
  return value === null ? { kind: 'invalid' } : { kind: 'number', value }
}

/** A table value with one cell set (or cleared); empty rows are dropped, an empty table is null. */
export function withCell(table: NumberTable | undefined, row: string, column: string, value: number | null): NumberTable | null {
  const next: NumberTable = {}
  for (const [r, cells] of Object.entries(table ?? {})) next[r] = { ...cells }
  const cells = next[row] ?? {}
  if (value === null) delete cells[column]
  else cells[column] = value
  if (Object.keys(cells).length) next[row] = cells
  else delete next[row]
  return Object.keys(next).length ? next : null
}

/** Row sums, column sums and the grand total of the filled cells (null where nothing is filled). */
export function tableTotals(
  table: NumberTable | undefined,
  rows: readonly { id: string }[],
  columns: readonly { id: string }[],
): { rows: Record<string, number | null>; columns: Record<string, number | null>; total: number | null } {
  const add = (a: number | null, b: number | undefined) => (b === undefined ? a : (a ?? 0) + b)
  const rowTotals: Record<string, number | null> = {}
  const columnTotals: Record<string, number | null> = Object.fromEntries(columns.map((c) => [c.id, null]))
  let total: number | null = null
  for (const r of rows) {
    let sum: number | null = null
    for (const c of columns) {
      const cell = table?.[r.id]?.[c.id]
      sum = add(sum, cell)
      columnTotals[c.id] = add(columnTotals[c.id] ?? null, cell)
      total = add(total, cell)
    }
    rowTotals[r.id] = sum
  }
  // Sums of decimals: round away the binary noise (0.1 + 0.2).
  const clean = (n: number | null) => (n === null ? null : Math.round(n * 1e9) / 1e9)
  return {
    rows: Object.fromEntries(Object.entries(rowTotals).map(([k, v]) => [k, clean(v)])),
    columns: Object.fromEntries(Object.entries(columnTotals).map(([k, v]) => [k, clean(v)])),
    total: clean(total),
  }
}

export const isNumberTable = (v: AnswerValue | undefined): v is NumberTable => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Keys sorted at every level: the same answers compare equal however the database ordered them. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** The answers without what only the coordinator sets (codes): what the respondent changes. */
export function respondentPart(answers: SurveyAnswers): SurveyAnswers {
  return Object.fromEntries(
    Object.entries(answers).map(([id, a]) => {
      const { codes: _codes, ...rest } = a
      return [id, rest]
    }),
  )
}

/** One answer as plain text to copy (after a conflict): option labels, numbers, table cells as lines. */
export function answerAsText(
  q: SurveyQuestion,
  answer: SurveyAnswer | undefined,
  words: { yes: string; no: string; other: string; locale: string },
): string {
  if (!answer) return ''
  const v = answer.value
  const label = (id: string) => q.options?.find((o) => o.id === id)?.label ?? id
  const lines: string[] = []
  if (typeof v === 'boolean') lines.push(v ? words.yes : words.no)
  else if (typeof v === 'number') lines.push(`${formatNumber(v, words.locale)}${q.unit ? ` ${q.unit}` : ''}`)
  else if (typeof v === 'string') lines.push(q.type === 'text' ? v : label(v))
  else if (Array.isArray(v)) lines.push(...v.map(label))
  else if (isNumberTable(v))
    for (const r of q.rows ?? [])
      for (const c of q.columns ?? []) {
        const cell = v[r.id]?.[c.id]
        if (cell !== undefined) lines.push(`${r.label} / ${c.label}: ${formatNumber(cell, words.locale)}`)
      }
  if (answer.other?.trim()) lines.push(`${q.other?.label ?? words.other}: ${answer.other}`)
  return lines.join('\n')
}
