// What a questionnaire and its answers must be beyond their JSON shape: ids unique, each question's
// parts fitting its type, and each answer's value fitting its question. Pure functions, so the API
// checks imports and saves with them and the web app shows the same gaps while a form is filled in.
// Each error carries a stable code (../schemas/import-problems.ts) besides its English message, so an
// import can word it in the reader's language. They read only what has the shape they need, so a
// document that also breaks its schema is checked all the same.
import type { DocumentError, ImportProblemCode, ProblemParams } from '../schemas/import-problems.js'
import type { SurveyAnswer, SurveyAnswers, SurveyQuestion, SurveySection } from '../schemas/survey-document.js'

const CHOICE_TYPES = new Set(['single_choice', 'multiple_choice', 'scale'])

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const listOf = <T>(v: readonly T[] | null | undefined): readonly T[] => (Array.isArray(v) ? v : [])

/** Every question of the questionnaire, in order, with its JSON path. */
export function questionsOf(sections: readonly SurveySection[]): { question: SurveyQuestion; path: string }[] {
  return listOf(sections).flatMap((s, si) =>
    listOf(isObject(s) ? s.questions : undefined)
      .map((question, qi) => ({ question, path: `/sections/${si}/questions/${qi}` }))
      .filter(({ question }) => isObject(question)),
  )
}

const error = (path: string, message: string, code: ImportProblemCode, params?: ProblemParams): DocumentError => ({
  path,
  message,
  code,
  ...(params ? { params } : {}),
})

function duplicates<T>(items: readonly T[], key: (item: T) => unknown, path: (i: number) => string, what: string): DocumentError[] {
  const first = new Map<string, number>()
  const errors: DocumentError[] = []
  items.forEach((item, i) => {
    const k = key(item)
    if (typeof k !== 'string') return
    if (first.has(k)) errors.push(error(path(i), `duplicate ${what} "${k}"`, 'duplicate_id', { value: k }))
    else first.set(k, i)
  })
  return errors
}

/** A questionnaire's errors: unique question ids across the survey, and each question's parts as its type needs them. */
export function questionnaireErrors(sections: readonly SurveySection[], base = ''): DocumentError[] {
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
    const required = (part: string, message: string) => errors.push(error(`${at}/${part}`, message, 'part_required'))
    const notHere = (part: string, message: string) => errors.push(error(`${at}/${part}`, message, 'part_not_allowed'))
    if (CHOICE_TYPES.has(q.type) && !q.options?.length) required('options', `is required for ${q.type}`)
    if (!CHOICE_TYPES.has(q.type) && has('options')) notHere('options', `is only for choice and scale questions`)
    if (q.type !== 'single_choice' && q.type !== 'multiple_choice' && has('other'))
      notHere('other', 'is only for single and multiple choice questions')
    if (q.type === 'number_table') {
      if (!q.rows?.length) required('rows', 'is required for number_table')
      if (!q.columns?.length) required('columns', 'is required for number_table')
    } else {
      if (has('rows')) notHere('rows', 'is only for number_table')
      if (has('columns')) notHere('columns', 'is only for number_table')
    }
    for (const part of ['options', 'rows', 'columns', 'categories'] as const)
      errors.push(
        ...duplicates(
          listOf(q[part]),
          (c) => (isObject(c) ? c.id : undefined),
          (i) => `${at}/${part}/${i}/id`,
          `${part.replace(/s$/, '').replace(/ie$/, 'y')} id`,
        ),
      )
  }
  return errors
}

const idsOf = (items: readonly unknown[] | null | undefined) => new Set(listOf(items).map((c) => (isObject(c) ? c.id : undefined)))

/** The errors of one answer against its question (`path` points at the answer). */
export function answerErrors(q: SurveyQuestion, answer: SurveyAnswer, path: string): DocumentError[] {
  const errors: DocumentError[] = []
  if (!isObject(answer)) return errors
  const bad = (message: string, code: ImportProblemCode, at = '/value', params?: ProblemParams) =>
    errors.push(error(`${path}${at}`, message, code, params))
  const v = answer.value
  const optionIds = idsOf(q.options)
  switch (q.type) {
    case 'yes_no':
      if (typeof v !== 'boolean' && v !== null) bad('must be true or false', 'expect_boolean')
      break
    case 'single_choice':
    case 'scale':
      if (v !== null && typeof v !== 'string') bad('must be an option id', 'expect_option')
      else if (typeof v === 'string' && !optionIds.has(v))
        bad(`"${v}" is not an option of this question`, 'unknown_option', '/value', { value: v })
      break
    case 'multiple_choice':
      if (!Array.isArray(v)) bad('must be a list of option ids', 'expect_options')
      else
        v.forEach(
          (id, i) =>
            !optionIds.has(id) && bad(`"${id}" is not an option of this question`, 'unknown_option', `/value/${i}`, { value: String(id) }),
        )
      break
    case 'number':
      if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) bad('must be a number', 'expect_number')
      break
    case 'number_table': {
      if (!isObject(v)) {
        bad('must be an object rowId → columnId → number', 'expect_table')
        break
      }
      const rows = idsOf(q.rows)
      const columns = idsOf(q.columns)
      for (const [rowId, row] of Object.entries(v)) {
        if (!rows.has(rowId)) bad(`"${rowId}" is not a row of this table`, 'unknown_row', `/value/${rowId}`, { value: rowId })
        else if (!isObject(row)) bad('must be an object columnId → number', 'expect_table', `/value/${rowId}`)
        else
          for (const [columnId, cell] of Object.entries(row)) {
            const at = `/value/${rowId}/${columnId}`
            if (!columns.has(columnId)) bad(`"${columnId}" is not a column of this table`, 'unknown_column', at, { value: columnId })
            else if (typeof cell !== 'number' || !Number.isFinite(cell)) bad('must be a number', 'expect_number', at)
          }
      }
      break
    }
    case 'text':
      if (v !== null && typeof v !== 'string') bad('must be text', 'expect_text')
      break
  }
  if (answer.other != null && q.type !== 'single_choice' && q.type !== 'multiple_choice')
    bad('is only for single and multiple choice questions', 'other_not_allowed', '/other')
  else if (answer.other != null && !q.other) bad('this question has no "other" choice', 'no_other_choice', '/other')
  const categories = idsOf(q.categories)
  listOf(answer.codes).forEach(
    (code, i) =>
      !categories.has(code) &&
      bad(`"${code}" is not a category of this question`, 'unknown_category', `/codes/${i}`, { value: String(code) }),
  )
  return errors
}

/** The errors of a set of answers: unknown question ids, and each answer against its question. */
export function answersErrors(sections: readonly SurveySection[], answers: SurveyAnswers, path = '/answers'): DocumentError[] {
  if (!isObject(answers)) return []
  const byId = new Map(questionsOf(sections).map(({ question }) => [question.id, question]))
  return Object.entries(answers).flatMap(([id, answer]) => {
    const q = byId.get(id)
    return q
      ? answerErrors(q, answer, `${path}/${id}`)
      : [error(`${path}/${id}`, `"${id}" is not a question of this survey`, 'unknown_question', { value: id })]
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
