// What a questionnaire and its answers must be beyond their JSON shape: ids unique, each question's
// parts fitting its type, and each answer's value fitting its question. Pure functions, so the API
// checks imports and saves with them and the web app shows the same gaps while a form is filled in.
import type { FieldError } from '../errors.js'
import type { SurveyAnswer, SurveyAnswers, SurveyQuestion, SurveySection } from '../schemas/survey-document.js'

const CHOICE_TYPES = new Set(['single_choice', 'multiple_choice', 'scale'])

/** Every question of the questionnaire, in order, with its JSON path. */
export function questionsOf(sections: readonly SurveySection[]): { question: SurveyQuestion; path: string }[] {
  return sections.flatMap((s, si) => s.questions.map((question, qi) => ({ question, path: `/sections/${si}/questions/${qi}` })))
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, path: (i: number) => string, what: string): FieldError[] {
  const first = new Map<string, number>()
  const errors: FieldError[] = []
  items.forEach((item, i) => {
    const k = key(item)
    if (first.has(k)) errors.push({ path: path(i), message: `duplicate ${what} "${k}"` })
    else first.set(k, i)
  })
  return errors
}

/** A questionnaire's errors: unique question ids across the survey, and each question's parts as its type needs them. */
export function questionnaireErrors(sections: readonly SurveySection[], base = ''): FieldError[] {
  const all = questionsOf(sections)
  const errors = duplicates(
    all,
    (q) => q.question.id,
    (i) => `${base}${all[i]!.path}/id`,
    'question id',
  )
  for (const { question: q, path } of all) {
    const at = `${base}${path}`
    const has = (part: keyof SurveyQuestion) => q[part] !== undefined && q[part] !== null
    if (CHOICE_TYPES.has(q.type) && !q.options?.length) errors.push({ path: `${at}/options`, message: `is required for ${q.type}` })
    if (!CHOICE_TYPES.has(q.type) && has('options'))
      errors.push({ path: `${at}/options`, message: `is only for choice and scale questions` })
    if (q.type !== 'single_choice' && q.type !== 'multiple_choice' && has('other'))
      errors.push({ path: `${at}/other`, message: 'is only for single and multiple choice questions' })
    if (q.type === 'number_table') {
      if (!q.rows?.length) errors.push({ path: `${at}/rows`, message: 'is required for number_table' })
      if (!q.columns?.length) errors.push({ path: `${at}/columns`, message: 'is required for number_table' })
    } else {
      if (has('rows')) errors.push({ path: `${at}/rows`, message: 'is only for number_table' })
      if (has('columns')) errors.push({ path: `${at}/columns`, message: 'is only for number_table' })
    }
    for (const part of ['options', 'rows', 'columns', 'categories'] as const)
      errors.push(
        ...duplicates(
          q[part] ?? [],
          (c) => c.id,
          (i) => `${at}/${part}/${i}/id`,
          `${part.replace(/s$/, '').replace(/ie$/, 'y')} id`,
        ),
      )
  }
  return errors
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The errors of one answer against its question (`path` points at the answer). */
export function answerErrors(q: SurveyQuestion, answer: SurveyAnswer, path: string): FieldError[] {
  const errors: FieldError[] = []
  const bad = (message: string, at = '/value') => errors.push({ path: `${path}${at}`, message })
  const v = answer.value
  const optionIds = new Set((q.options ?? []).map((o) => o.id))
  switch (q.type) {
    case 'yes_no':
      if (typeof v !== 'boolean' && v !== null) bad('must be true or false')
      break
    case 'single_choice':
    case 'scale':
      if (v !== null && typeof v !== 'string') bad('must be an option id')
      else if (typeof v === 'string' && !optionIds.has(v)) bad(`"${v}" is not an option of this question`)
      break
    case 'multiple_choice':
      if (!Array.isArray(v)) bad('must be a list of option ids')
      else v.forEach((id, i) => !optionIds.has(id) && bad(`"${id}" is not an option of this question`, `/value/${i}`))
      break
    case 'number':
      if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) bad('must be a number')
      break
    case 'number_table': {
      if (!isObject(v)) {
        bad('must be an object rowId → columnId → number')
        break
      }
      const rows = new Set((q.rows ?? []).map((r) => r.id))
      const columns = new Set((q.columns ?? []).map((c) => c.id))
      for (const [rowId, row] of Object.entries(v)) {
        if (!rows.has(rowId)) bad(`"${rowId}" is not a row of this table`, `/value/${rowId}`)
        else if (!isObject(row)) bad('must be an object columnId → number', `/value/${rowId}`)
        else
          for (const [columnId, cell] of Object.entries(row)) {
            if (!columns.has(columnId)) bad(`"${columnId}" is not a column of this table`, `/value/${rowId}/${columnId}`)
            else if (typeof cell !== 'number' || !Number.isFinite(cell)) bad('must be a number', `/value/${rowId}/${columnId}`)
          }
      }
      break
    }
    case 'text':
      if (v !== null && typeof v !== 'string') bad('must be text')
      break
  }
  if (answer.other != null && q.type !== 'single_choice' && q.type !== 'multiple_choice')
    bad('is only for single and multiple choice questions', '/other')
  else if (answer.other != null && !q.other) bad('this question has no "other" choice', '/other')
  const categories = new Set((q.categories ?? []).map((c) => c.id))
  answer.codes?.forEach((code, i) => !categories.has(code) && bad(`"${code}" is not a category of this question`, `/codes/${i}`))
  return errors
}

/** The errors of a set of answers: unknown question ids, and each answer against its question. */
export function answersErrors(sections: readonly SurveySection[], answers: SurveyAnswers, path = '/answers'): FieldError[] {
  const byId = new Map(questionsOf(sections).map(({ question }) => [question.id, question]))
  return Object.entries(answers).flatMap(([id, answer]) => {
    const q = byId.get(id)
    return q ? answerErrors(q, answer, `${path}/${id}`) : [{ path: `${path}/${id}`, message: `"${id}" is not a question of this survey` }]
  })
}

/** Whether the answer says anything: an empty text, list or table, or a null without "other", is no answer. */
export function isAnswered(answer: SurveyAnswer | undefined): boolean {
  if (!answer) return false
  const v = answer.value
  if (answer.other?.trim()) return true
  if (v === null) return false
  if (typeof v === 'string') return v.trim() !== ''
  if (Array.isArray(v)) return v.length > 0
  if (isObject(v)) return Object.values(v).some((row) => isObject(row) && Object.keys(row).length > 0)
  return true
}

/** The ids of required questions not yet answered: what stands between a draft and its submission. */
export function missingRequired(sections: readonly SurveySection[], answers: SurveyAnswers): string[] {
  return questionsOf(sections)
    .filter(({ question }) => question.required && !isAnswered(answers[question.id]))
    .map(({ question }) => question.id)
}

/**
 * A number as Latvians write it: "1 234,5", "1234.5", "−3", with no-break or thin spaces between
 * thousands. Null for anything that is not one number.
 */
export function parseLatvianNumber(text: string): number | null {
  const compact = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[−–]/, '-')
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return null
  return Number(compact.replace(',', '.'))
}
