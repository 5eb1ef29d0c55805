// A survey's results from its document, in one pass over the responses: per question how many
// answered, per option and coding category the count, the share of those who answered and which
// institutions, the "other" and free texts with their codes, number sums, means and medians, and a
// number table's sum and count per cell. Pure, so the results route, the survey report and the
// plan report's survey chapter all state the same figures.
import {
  isAnswered,
  questionsOf,
  rigaToday,
  type QuestionResult,
  type SurveyAnswer,
  type SurveyDocument,
  type SurveyQuestion,
  type SurveyResults,
} from '@apt/shared'

export interface TallyOptions {
  /** Responses submitted after this Riga day are late; the survey's due date by default. */
  dueDate?: string | null
}

/** A count's institutions in audience order, as they are added. */
interface Counter {
  id: string
  count: number
  institutions: string[]
}
type CodedText = { institution: string; text: string; codes: string[] }

/** What one question collects while the responses pass. */
interface Acc {
  question: SurveyQuestion
  answered: number
  options?: Map<string, Counter>
  categories?: Map<string, Counter>
  other?: CodedText[]
  texts?: CodedText[]
  numbers?: number[]
  cells?: Record<string, Record<string, { sum: number; count: number }>>
}

const counters = (ids: readonly string[]) => new Map(ids.map((id) => [id, { id, count: 0, institutions: [] as string[] }]))

function bump(map: Map<string, Counter> | undefined, id: string, institution: string) {
  const c = map?.get(id)
  if (!c || c.institutions.at(-1) === institution) return
  c.count++
  c.institutions.push(institution)
}

function accumulator(q: SurveyQuestion): Acc {
  const acc: Acc = { question: q, answered: 0 }
  if (q.type === 'yes_no') acc.options = counters(['yes', 'no'])
  if (q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'scale')
    acc.options = counters((q.options ?? []).map((o) => o.id))
  if (q.categories?.length) acc.categories = counters(q.categories.map((c) => c.id))
  if ((q.type === 'single_choice' || q.type === 'multiple_choice') && q.other) acc.other = []
  if (q.type === 'text') acc.texts = []
  if (q.type === 'number') acc.numbers = []
  if (q.type === 'number_table')
    acc.cells = Object.fromEntries(
      (q.rows ?? []).map((r) => [r.id, Object.fromEntries((q.columns ?? []).map((c) => [c.id, { sum: 0, count: 0 }]))]),
    )
  return acc
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function add(acc: Acc, answer: SurveyAnswer, institution: string) {
  const { question: q } = acc
  const v = answer.value
  acc.answered++
  const codes = (answer.codes ?? []).filter((code) => acc.categories?.has(code))
  switch (q.type) {
    case 'yes_no':
      if (typeof v === 'boolean') bump(acc.options, v ? 'yes' : 'no', institution)
      break
    case 'single_choice':
    case 'scale':
      if (typeof v === 'string') bump(acc.options, v, institution)
      break
    case 'multiple_choice':
      if (Array.isArray(v)) for (const id of v) bump(acc.options, id, institution)
      break
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v)) acc.numbers!.push(v)
      break
    case 'number_table':
      if (isRecord(v))
        for (const [rowId, row] of Object.entries(v)) {
          if (!isRecord(row)) continue
          for (const [columnId, cell] of Object.entries(row)) {
            const target = acc.cells![rowId]?.[columnId]
            if (target && typeof cell === 'number' && Number.isFinite(cell)) {
              target.sum += cell
              target.count++
            }
          }
        }
      break
    case 'text':
      if (typeof v === 'string' && v.trim()) acc.texts!.push({ institution, text: v, codes })
      break
  }
  const other = answer.other?.trim()
  if (other && acc.other) acc.other.push({ institution, text: answer.other!, codes })
  for (const code of codes) bump(acc.categories, code, institution)
}

function median(sorted: number[]): number | null {
  if (!sorted.length) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function result(acc: Acc): QuestionResult {
  const share = (count: number) => (acc.answered ? count / acc.answered : 0)
  const list = (map: Map<string, Counter>) => [...map.values()].map((c) => ({ ...c, share: share(c.count) }))
  const r: QuestionResult = { id: acc.question.id, type: acc.question.type, answered: acc.answered }
  if (acc.options) r.options = list(acc.options)
  if (acc.categories) r.categories = list(acc.categories)
  if (acc.other) r.other = acc.other
  if (acc.texts) r.texts = acc.texts
  if (acc.numbers) {
    const sorted = [...acc.numbers].sort((a, b) => a - b)
    const sum = sorted.reduce((s, n) => s + n, 0)
    r.sum = sorted.length ? sum : null
    r.mean = sorted.length ? sum / sorted.length : null
    r.median = median(sorted)
  }
  if (acc.cells) r.cells = acc.cells
  return r
}

/** The Riga day of an instant. */
const rigaDay = (at: string) => rigaToday(new Date(at))

/**
 * The results of a survey document. Only submitted responses of the audience count (a draft, or a
 * response reopened for correction, counts again once submitted); a question is answered by a
 * response whose answer to it says something (`isAnswered`: the key is there with a value or an
 * "other" text). Institutions are listed in the audience's order.
 */
export function tallySurvey(doc: SurveyDocument, options: TallyOptions = {}): SurveyResults {
  const { survey } = doc
  const dueDate = options.dueDate === undefined ? (survey.dueDate ?? null) : options.dueDate
  const position = new Map(survey.audience.map((code, i) => [code, i]))
  const submitted = (doc.responses ?? [])
    .filter((r) => r.state === 'submitted' && position.has(r.institution))
    .sort((a, b) => position.get(a.institution)! - position.get(b.institution)!)

  const accs = questionsOf(survey.sections).map(({ question }) => accumulator(question))
  const responded = new Set<string>()
  const late: string[] = []
  for (const response of submitted) {
    if (responded.has(response.institution)) continue
    responded.add(response.institution)
    if (dueDate && response.submittedAt && rigaDay(response.submittedAt) > dueDate) late.push(response.institution)
    for (const acc of accs) {
      const answer = response.answers[acc.question.id]
      if (answer && isAnswered(answer)) add(acc, answer, response.institution)
    }
  }

  return {
    audience: survey.audience.length,
    responded: responded.size,
    notResponded: survey.audience.filter((code) => !responded.has(code)),
    late,
    questions: accs.map(result),
  }
}
