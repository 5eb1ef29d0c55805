// Importing a `survey/1` document: the schema is checked by the route; here come the checks a
// schema cannot express — the questionnaire's ids and parts, each response's answers against it,
// one response per institution and only from the audience, known institution codes, the plan link —
// all reported at once, and then the whole survey is written in one transaction, or nothing is. The
// rules are the plan import's (../plans/plan-import.ts): 400 VALIDATION_FAILED naming every path,
// 422 UNKNOWN_INSTITUTIONS / INVALID_REFERENCE, 403 for new institutions unless an administrator
// (or the system) imports, 409 ALREADY_EXISTS for a taken code.
import {
  AppError,
  answersErrors,
  canCoordinateFrom,
  canImportPlans,
  canManagePlan,
  canSeePlan,
  type DocInstitution,
  ErrorCode,
  type FieldError,
  fieldErrors,
  questionnaireErrors,
  questionsOf,
  type SurveyDocument,
  type SurveyDryRun,
  type SurveyPlanLink,
  type SurveyState,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { userIdOf } from '../auth/actor.js'
import { ensure } from '../errors.js'
import { plainText, plainTextOrNull } from '../input.js'
import { checkDocumentInstitutions } from '../institutions/document-institutions.js'
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

/** Checks beyond the JSON Schema, every one at once; each error names its JSON path as the schema errors do. */
export function surveyDocumentErrors(doc: SurveyDocument): FieldError[] {
  const errors: FieldError[] = []
  const firstInstitution = new Map<string, number>()
  doc.institutions.forEach((inst, i) => {
    const first = firstInstitution.get(inst.code)
    if (first !== undefined)
      errors.push({ path: `/institutions/${i}/code`, message: `duplicate institution code "${inst.code}" (first at index ${first})` })
    else firstInstitution.set(inst.code, i)
  })
  const { survey } = doc
  errors.push(...questionnaireErrors(survey.sections, '/survey'))
  if (survey.opens && survey.dueDate && survey.dueDate < survey.opens)
    errors.push({ path: '/survey/dueDate', message: 'must not be before the survey opens' })
  const audience = new Set(survey.audience)
  const firstResponse = new Map<string, number>()
  ;(doc.responses ?? []).forEach((response, i) => {
    const path = `/responses/${i}`
    const first = firstResponse.get(response.institution)
    if (first !== undefined)
      errors.push({
        path: `${path}/institution`,
        message: `a second response of "${response.institution}" (first at index ${first}): one response per institution`,
      })
    else firstResponse.set(response.institution, i)
    if (!audience.has(response.institution))
      errors.push({ path: `${path}/institution`, message: `"${response.institution}" is not in the survey's audience` })
    errors.push(...answersErrors(survey.sections, response.answers, `${path}/answers`))
  })
  return errors
}

/** Every institution code the document uses, with the first place it is used. */
export function usedSurveyCodes(doc: SurveyDocument): Map<string, string> {
  const used = new Map<string, string>()
  const use = (code: string | null | undefined, path: string) => {
    if (code != null && !used.has(code)) used.set(code, path)
  }
  doc.institutions.forEach((inst, i) => use(inst.parent, `/institutions/${i}/parent`))
  use(doc.survey.coordinator, '/survey/coordinator')
  doc.survey.audience.forEach((code, i) => use(code, `/survey/audience/${i}`))
  doc.responses?.forEach((r, i) => use(r.institution, `/responses/${i}/institution`))
  return used
}

/**
 * The plan (and measure) a survey links to, as ids: 422 INVALID_REFERENCE naming the path when the
 * plan, or its measure, is not there — a draft plan the actor may not see is not there either;
 * 403 when the actor does not manage the plan (the survey would become a chapter of its report).
 */
export async function resolvePlanLink(executor: DbOrTx, actor: Actor, link: SurveyPlanLink | null | undefined, path: string) {
  if (!link) return { planId: null, measureId: null }
  const { plan, measureId } = await findPlanLink(executor, link.code, link.measure)
  if (!plan || !canSeePlan(actor, plan))
    throw fieldErrors(ErrorCode.invalidReference, [{ path: `${path}/code`, message: `no plan has the code "${link.code}"` }])
  // A linked survey becomes a chapter of the plan's report: only those who manage the plan link to it.
  ensure(canManagePlan(actor, plan), `Only the coordinators of plan ${link.code} may link a survey to it`)
  if (measureId === undefined)
    throw fieldErrors(ErrorCode.invalidReference, [
      { path: `${path}/measure`, message: `plan ${link.code} has no measure numbered "${link.measure}"` },
    ])
  return { planId: plan.id, measureId }
}

/** The state an imported survey starts in: with responses it is closed (counted; its coordinator may open it again), without a draft. */
export const importedState = (doc: SurveyDocument): SurveyState => (doc.responses?.length ? 'closed' : 'draft')

/** Validates what the schema cannot, resolves codes and asks the policy; throws the 400/403/409/422 a client must see. */
export async function checkSurveyDocument(executor: DbOrTx, actor: Actor, doc: SurveyDocument) {
  ensure(canImportPlans(actor), 'Your role may not import surveys')
  const errors = surveyDocumentErrors(doc)
  if (errors.length) throw fieldErrors(ErrorCode.validationFailed, errors)
  const { tree, fresh } = await checkDocumentInstitutions(executor, actor, doc.institutions, usedSurveyCodes(doc))
  const coordinator = tree.byCode.get(doc.survey.coordinator)
  // A new coordinator institution can only come with an administrator's (or the system's) import.
  if (coordinator) ensure(canCoordinateFrom(actor, coordinator.id), 'A plan coordinator imports surveys its own institution coordinates')
  const link = await resolvePlanLink(executor, actor, doc.survey.plan, '/survey/plan')
  if ((await surveyIdByCode(executor, doc.survey.code)) !== undefined)
    throw new AppError(ErrorCode.alreadyExists, `A survey with code ${doc.survey.code} already exists`)
  return { fresh, link }
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
