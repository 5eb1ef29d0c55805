// A published survey's results as its public page shows them: each question of the questionnaire
// with its figures labelled — options and coded categories with count and share, a number's sum,
// mean and median, a number table's sums by row and column — and the free texts only where the
// read model carries them (the coordinator marked them publishable).
import type { PublicQuestionResult, PublishedSurveyResults, SurveyQuestion } from '@apt/shared'

export interface CountRow {
  label: string
  count: number
  share: number
}

export interface QuestionView {
  id: string
  heading: string
  help: string | null
  answered: number
  counts: CountRow[] | null
  categories: CountRow[] | null
  numbers: { sum: number | null; mean: number | null; median: number | null; unit: string | null } | null
  table: { columns: string[]; rows: { label: string; sums: (number | null)[] }[] } | null
  texts: string[]
  other: string[]
}

export interface SectionView {
  title: string
  description: string | null
  questions: QuestionView[]
}

function labelled(list: PublicQuestionResult['options'], labels: Map<string, string>): CountRow[] | null {
  return list ? list.map(({ id, count, share }) => ({ label: labels.get(id) ?? id, count, share })) : null
}

function questionView(
  question: SurveyQuestion,
  result: PublicQuestionResult | undefined,
  yesNo: { yes: string; no: string },
): QuestionView {
  const optionLabels = new Map<string, string>(
    question.type === 'yes_no' ? Object.entries(yesNo) : (question.options ?? []).map((o) => [o.id, o.label]),
  )
  const categoryLabels = new Map((question.categories ?? []).map((c) => [c.id, c.label]))
  const cells = result?.cells
  return {
    id: question.id,
    heading: question.number ? `${question.number} ${question.text}` : question.text,
    help: question.help ?? null,
    answered: result?.answered ?? 0,
    counts: labelled(result?.options, optionLabels),
    categories: labelled(result?.categories, categoryLabels),
    numbers:
      result && result.sum !== undefined
        ? { sum: result.sum ?? null, mean: result.mean ?? null, median: result.median ?? null, unit: question.unit ?? null }
        : null,
    table:
      cells && question.rows && question.columns
        ? {
            columns: question.columns.map((c) => c.label),
            rows: question.rows.map((row) => ({
              label: row.label,
              sums: question.columns!.map((column) => cells[row.id]?.[column.id]?.sum ?? null),
            })),
          }
        : null,
    texts: result?.texts ?? [],
    other: result?.other ?? [],
  }
}

export function surveySections(results: PublishedSurveyResults, yesNo: { yes: string; no: string }): SectionView[] {
  const byId = new Map(results.questions.map((q) => [q.id, q]))
  return results.sections.map((section) => ({
    title: section.title,
    description: section.description ?? null,
    questions: section.questions.map((question) => questionView(question, byId.get(question.id), yesNo)),
  }))
}
