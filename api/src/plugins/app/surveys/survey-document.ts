// A survey's rows as the lossless `survey/1` document: export → import → export gives the same
// JSON. Keys whose value is null are left out (the format allows it, and the demo document writes
// them so), except an institution's `parent`, which is always written as the plan format does; the
// sections and the answers are written exactly as stored. No permissions here: the caller has
// checked that the actor may see the survey (./survey-access.ts).
import {
  type DocResponse,
  type DocSurvey,
  questionsOf,
  SURVEY_FORMAT,
  type SurveyAnswers,
  type SurveyDocument,
  type SurveySection,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { loadSurveyRows, type SurveyRows } from './surveys-data.js'

// jsonb keeps an object's keys in its own order (shortest first), so the stored sections and answers
// are written back with the format's key order: a diff of two exports shows only real changes.
const QUESTION_KEYS = [
  'id',
  'number',
  'type',
  'text',
  'help',
  'required',
  'options',
  'other',
  'rows',
  'columns',
  'unit',
  'long',
  'categories',
]
const SECTION_KEYS = ['title', 'description', 'questions']
const CHOICE_KEYS = ['id', 'label']
const ANSWER_KEYS = ['value', 'other', 'codes']

function inOrder<T extends object>(value: T, keys: readonly string[]): T {
  const source = value as Record<string, unknown>
  const known = keys.filter((k) => k in source)
  const rest = Object.keys(source).filter((k) => !keys.includes(k))
  return Object.fromEntries([...known, ...rest].map((k) => [k, source[k]])) as T
}

/**
 * The sections as stored and exported: keys in the format's order, `required` and `long` only when
 * true (values otherwise exactly as given).
 */
export function orderedSections(sections: readonly SurveySection[]): SurveySection[] {
  const choices = (list: unknown) => (Array.isArray(list) ? list.map((c: object) => inOrder(c, CHOICE_KEYS)) : list)
  return sections.map((section) => {
    const s = inOrder(section, SECTION_KEYS)
    return {
      ...s,
      questions: s.questions.map((question) => {
        const q = inOrder(question, QUESTION_KEYS) as Record<string, unknown>
        // false is their default, which the API's validator writes in: left out, as null values are.
        for (const flag of ['required', 'long']) if (q[flag] === false) delete q[flag]
        for (const part of ['options', 'rows', 'columns', 'categories']) if (part in q) q[part] = choices(q[part])
        return q as typeof question
      }),
    }
  })
}

/** The answers in the questionnaire's order (unknown ids last), each with its keys in the format's order. */
export function orderedAnswers(sections: readonly SurveySection[], answers: SurveyAnswers): SurveyAnswers {
  const ids = questionsOf(sections).map(({ question }) => question.id)
  const order = [...ids.filter((id) => id in answers), ...Object.keys(answers).filter((id) => !ids.includes(id))]
  return Object.fromEntries(order.map((id) => [id, inOrder(answers[id]!, ANSWER_KEYS)]))
}

/** A timestamp as the format writes it: ISO 8601 in UTC, without milliseconds when there are none. */
export const formatTimestamp = (date: Date) => date.toISOString().replace(/\.000Z$/, 'Z')

/** The object without its null and undefined values. */
function withoutNulls<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T
}

/** The lossless document of a survey (404 when there is none). */
export async function toSurveyDocument(executor: DbOrTx, surveyId: number): Promise<SurveyDocument> {
  return surveyDocumentOf(await loadSurveyRows(executor, surveyId))
}

export function surveyDocumentOf(rows: SurveyRows): SurveyDocument {
  const { survey, tree } = rows
  const code = (id: number) => tree.codeOf(id)!
  const header: DocSurvey = withoutNulls({
    code: survey.code,
    title: survey.title,
    description: survey.description,
    period: survey.period,
    opens: survey.opens,
    dueDate: survey.dueDate,
    coordinator: code(survey.coordinatorId),
    plan: rows.plan ? withoutNulls({ code: rows.plan.code, measure: rows.plan.measure }) : null,
    audience: rows.audience.map(code),
    sections: orderedSections(survey.sections),
  })
  const responses: DocResponse[] = rows.responses.map((r) =>
    withoutNulls({
      institution: code(r.institutionId),
      state: r.state,
      submittedAt: r.submittedAt ? formatTimestamp(r.submittedAt) : null,
      answers: orderedAnswers(survey.sections, r.answers),
    }),
  )
  return {
    format: SURVEY_FORMAT,
    institutions: documentInstitutions(rows).map((id) => {
      const inst = tree.byId.get(id)!
      return { code: inst.code, name: inst.name, kind: inst.kind, parent: tree.codeOf(inst.parentId) }
    }),
    survey: header,
    ...(responses.length ? { responses } : {}),
  }
}

/**
 * The institutions the document lists: those an imported document named, in its order, then any
 * used since (the coordinator, an audience changed in the builder, a response) with their ancestors,
 * so the export always imports again.
 */
function documentInstitutions(rows: SurveyRows): number[] {
  const ids = [...rows.named]
  const listed = new Set(ids)
  const add = (id: number | null) => {
    while (id !== null && !listed.has(id)) {
      listed.add(id)
      ids.push(id)
      id = rows.tree.byId.get(id)?.parentId ?? null
    }
  }
  add(rows.survey.coordinatorId)
  rows.audience.forEach(add)
  rows.responses.forEach((r) => add(r.institutionId))
  for (const id of [...ids]) add(rows.tree.byId.get(id)?.parentId ?? null)
  return ids
}
