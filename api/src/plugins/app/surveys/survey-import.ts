// Importing a `survey/1` document: its schema and the checks a schema cannot express — the
// questionnaire's ids and parts, each response's answers against it, one response per institution
// and only from the audience, known institution codes, the plan link, a free code — all in one pass
// and reported at once (../imports/document-problems.ts), and then the whole survey is written in
// one transaction, or nothing is. The rules are the plan import's (../plans/plan-import.ts).
import {
  answersErrors,
  canCoordinateFrom,
  canImportPlans,
  canManagePlan,
  canSeePlan,
  type DocInstitution,
  type DocumentError,
  ErrorCode,
  fieldErrors,
  questionnaireErrors,
  questionsOf,
  type SurveyAnswers,
  type SurveyDocument,
  SurveyDocumentSchema,
  type SurveyDryRun,
  type SurveyPlanLink,
  type SurveySection,
  type SurveyState,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { userIdOf } from '../auth/actor.js'
import { ensure, forbidden } from '../errors.js'
import {
  compileDocumentSchema,
  fieldOf,
  importRefusal,
  isRecord,
  listOf,
  locateSurveyPath,
  repeated,
  schemaErrors,
  textOf,
} from '../imports/document-problems.js'
import { plainText, plainTextOrNull } from '../input.js'
import { documentInstitutionErrors } from '../institutions/document-institutions.js'
import { insertDocumentInstitutions } from '../institutions/institutions-data.js'
import { orderedSections } from './survey-document.js'
import { findPlanLink, insertResponses, insertSurvey, saveAudience, saveSurveyInstitutions, surveyIdByCode } from './surveys-data.js'

/** Plain text in every string of a stored JSON value: PostgreSQL's jsonb refuses NUL, and control characters mean nothing here. */
export function plainJson<T>(value: T): T {
  if (typeof value === 'string') return plainText(value) as T
  if (Array.isArray(value)) return value.map(plainJson) as T
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)])) as T
  return value
}

/**
 * Checks beyond the JSON Schema, every one at once, each error on its JSON path as the schema's
 * are. It reads only what has the shape it needs, so a document that also breaks its schema is
 * checked all the same.
 */
export function surveyDocumentErrors(doc: unknown): DocumentError[] {
  const errors: DocumentError[] = []
  for (const { index, key } of repeated(listOf(fieldOf(doc, 'institutions')), (inst) => textOf(fieldOf(inst, 'code'))))
    errors.push({
      path: `/institutions/${index}/code`,
      message: `duplicate institution code "${key}"`,
      code: 'duplicate_code',
      params: { value: key },
    })
  const survey = fieldOf(doc, 'survey')
  const sections = listOf(fieldOf(survey, 'sections')) as SurveySection[]
  errors.push(...questionnaireErrors(sections, '/survey'))
  const opens = textOf(fieldOf(survey, 'opens'))
  const dueDate = textOf(fieldOf(survey, 'dueDate'))
  if (opens && dueDate && dueDate < opens)
    errors.push({ path: '/survey/dueDate', message: 'must not be before the survey opens', code: 'due_before_opens' })
  const audience = new Set(listOf(fieldOf(survey, 'audience')))
  const firstResponse = new Map<string, number>()
  listOf(fieldOf(doc, 'responses')).forEach((response, i) => {
    const path = `/responses/${i}`
    const institution = textOf(fieldOf(response, 'institution'))
    if (institution !== undefined) {
      const first = firstResponse.get(institution)
      if (first !== undefined)
        errors.push({
          path: `${path}/institution`,
          message: `a second response of "${institution}" (first at index ${first}): one response per institution`,
          code: 'duplicate_response',
          params: { value: institution },
        })
      else firstResponse.set(institution, i)
      if (!audience.has(institution))
        errors.push({
          path: `${path}/institution`,
          message: `"${institution}" is not in the survey's audience`,
          code: 'not_in_audience',
          params: { value: institution },
        })
    }
    errors.push(...answersErrors(sections, fieldOf(response, 'answers') as SurveyAnswers, `${path}/answers`))
  })
  return errors
}

/** Every institution code the document uses, with every place it is used. */
export function usedSurveyCodes(doc: unknown): Map<string, string[]> {
  const used = new Map<string, string[]>()
  const use = (code: unknown, path: string) => {
    if (typeof code !== 'string') return
    used.set(code, [...(used.get(code) ?? []), path])
  }
  listOf(fieldOf(doc, 'institutions')).forEach((inst, i) => use(fieldOf(inst, 'parent'), `/institutions/${i}/parent`))
  const survey = fieldOf(doc, 'survey')
  use(fieldOf(survey, 'coordinator'), '/survey/coordinator')
  listOf(fieldOf(survey, 'audience')).forEach((code, i) => use(code, `/survey/audience/${i}`))
  listOf(fieldOf(doc, 'responses')).forEach((r, i) => use(fieldOf(r, 'institution'), `/responses/${i}/institution`))
  return used
}

/**
 * The plan (and measure) a survey links to, as ids, and what is wrong with the link: no such plan
 * (a draft plan the actor may not see is not there either), no such measure in it, or a plan the
 * actor does not manage (the survey would become a chapter of its report).
 */
export async function planLinkErrors(
  executor: DbOrTx,
  actor: Actor,
  link: SurveyPlanLink | null | undefined,
  path: string,
): Promise<{ planId: number | null; measureId: number | null; errors: DocumentError[] }> {
  const none = { planId: null, measureId: null }
  if (!link) return { ...none, errors: [] }
  const { plan, measureId } = await findPlanLink(executor, link.code, link.measure)
  if (!plan || !canSeePlan(actor, plan))
    return {
      ...none,
      errors: [{ path: `${path}/code`, message: `no plan has the code "${link.code}"`, code: 'unknown_plan', params: { code: link.code } }],
    }
  // A linked survey becomes a chapter of the plan's report: only those who manage the plan link to it.
  if (!canManagePlan(actor, plan))
    return {
      ...none,
      errors: [
        {
          path: `${path}/code`,
          message: `Only the coordinators of plan ${link.code} may link a survey to it`,
          code: 'plan_not_managed',
          params: { code: link.code },
        },
      ],
    }
  if (measureId === undefined)
    return {
      ...none,
      errors: [
        {
          path: `${path}/measure`,
          message: `plan ${link.code} has no measure numbered "${link.measure}"`,
          code: 'unknown_measure',
          params: { plan: link.code, measure: String(link.measure) },
        },
      ],
    }
  return { planId: plan.id, measureId, errors: [] }
}

/**
 * The plan (and measure) a survey links to, as ids: 422 INVALID_REFERENCE naming the path when the
 * plan, or its measure, is not there; 403 when the actor does not manage the plan.
 */
export async function resolvePlanLink(executor: DbOrTx, actor: Actor, link: SurveyPlanLink | null | undefined, path: string) {
  const { planId, measureId, errors } = await planLinkErrors(executor, actor, link, path)
  const [error] = errors
  if (error?.code === 'plan_not_managed') throw forbidden(error.message)
  if (error) throw fieldErrors(ErrorCode.invalidReference, [{ path: error.path, message: error.message }])
  return { planId, measureId }
}

/** The state an imported survey starts in: with responses it is closed (counted; its coordinator may open it again), without a draft. */
export const importedState = (doc: SurveyDocument): SurveyState => (doc.responses?.length ? 'closed' : 'draft')

const validateSurveyDocument = compileDocumentSchema(SurveyDocumentSchema)

/**
 * Checks the whole document in one pass — its shape, its own checks, the institutions it uses and
 * lists, the coordinator, the plan link, its code — and asks the policy; throws the 403 of a role
 * that may not import, or one refusal listing every problem (see importRefusal for its status).
 */
export async function checkSurveyDocument(executor: DbOrTx, actor: Actor, doc: unknown) {
  ensure(canImportPlans(actor), 'Your role may not import surveys')
  const errors = [...schemaErrors(validateSurveyDocument, doc), ...surveyDocumentErrors(doc)]
  const {
    tree,
    fresh,
    errors: institutionErrors,
  } = await documentInstitutionErrors(executor, actor, fieldOf(doc, 'institutions'), usedSurveyCodes(doc))
  errors.push(...institutionErrors)
  const survey = fieldOf(doc, 'survey')
  const coordinatorCode = textOf(fieldOf(survey, 'coordinator'))
  const coordinator = coordinatorCode === undefined ? undefined : tree.byCode.get(coordinatorCode)
  // A new coordinator institution can only come with an administrator's (or the system's) import.
  if (coordinator && !canCoordinateFrom(actor, coordinator.id))
    errors.push({
      path: '/survey/coordinator',
      message: 'A plan coordinator imports surveys its own institution coordinates',
      code: 'coordinator_not_allowed',
      params: { code: coordinator.code },
    })
  const linkValue = fieldOf(survey, 'plan')
  const link = isRecord(linkValue) && typeof linkValue.code === 'string' ? (linkValue as SurveyPlanLink) : null
  const { errors: linkErrors, ...resolved } = await planLinkErrors(executor, actor, link, '/survey/plan')
  errors.push(...linkErrors)
  const code = textOf(fieldOf(survey, 'code'))
  if (code && (await surveyIdByCode(executor, code)) !== undefined)
    errors.push({ path: '/survey/code', message: `A survey with code ${code} already exists`, code: 'code_taken', params: { code } })
  if (errors.length) throw importRefusal(errors, { entity: 'survey', locate: (path) => locateSurveyPath(doc, path) })
  return { fresh, link: resolved }
}

/** What a dry run answers when the document would import. */
export function dryRunOf(doc: SurveyDocument, fresh: DocInstitution[]): SurveyDryRun {
  return {
    valid: true,
    code: doc.survey.code,
    questions: questionsOf(doc.survey.sections).length,
    audience: doc.survey.audience.length,
    responses: doc.responses?.length ?? 0,
    state: importedState(doc),
    newInstitutions: fresh.map((i) => i.code),
  }
}

/**
 * Writes a checked document: the new institutions (audited one by one by `audit`), the survey, the
 * institutions it lists and its audience in their order, and its responses. Returns the survey row.
 */
export async function writeSurveyDocument(
  tx: Tx,
  actor: Actor,
  doc: SurveyDocument,
  checked: Awaited<ReturnType<typeof checkSurveyDocument>>,
  onInstitution: (row: { id: number }) => Promise<void>,
) {
  const { rows, tree } = await insertDocumentInstitutions(tx, checked.fresh)
  for (const row of rows) await onInstitution(row)
  const id = (code: string) => tree.byCode.get(code)!.id
  const { survey } = doc
  const row = await insertSurvey(tx, {
    code: plainText(survey.code),
    title: plainText(survey.title),
    description: plainTextOrNull(survey.description),
    period: plainTextOrNull(survey.period),
    opens: survey.opens ?? null,
    dueDate: survey.dueDate ?? null,
    coordinatorId: id(survey.coordinator),
    planId: checked.link.planId,
    measureId: checked.link.measureId,
    state: importedState(doc),
    sections: orderedSections(plainJson(survey.sections)),
    narratives: {},
  })
  await saveSurveyInstitutions(
    tx,
    row.id,
    doc.institutions.map((i) => id(i.code)),
  )
  await saveAudience(tx, row.id, survey.audience.map(id))
  await insertResponses(
    tx,
    (doc.responses ?? []).map((r) => ({
      surveyId: row.id,
      institutionId: id(r.institution),
      state: r.state,
      submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
      answers: plainJson(r.answers),
      updatedBy: userIdOf(actor),
    })),
  )
  return row
}
