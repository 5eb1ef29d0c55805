// Data access for surveys: one way to read a survey row, the rows its document is built from, the
// list's counts as aggregate queries, and the writes of the builder and the importer. No
// permissions here: the services above decide who may ask.
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../../db/client.js'
import {
  institutions,
  measures,
  plans,
  surveyAudience,
  surveyInstitutions,
  surveyResponses,
  surveys,
  type Survey as SurveyRow,
  type SurveyResponse as SurveyResponseRow,
} from '../../../db/schema/index.js'
import { notFound } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'

export type { SurveyRow, SurveyResponseRow }
export type NewSurveyRow = typeof surveys.$inferInsert
export type NewSurveyResponseRow = typeof surveyResponses.$inferInsert

export async function surveyRow(executor: DbOrTx, id: number): Promise<SurveyRow> {
  const [row] = await executor.select().from(surveys).where(eq(surveys.id, id))
  if (!row) throw notFound('Survey')
  return row
}

/** The survey row locked until the transaction ends: changes of one survey take turns. */
export async function lockSurveyRow(tx: Tx, id: number): Promise<SurveyRow> {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update')
  if (!row) throw notFound('Survey')
  return row
}

/** Every survey, by code. */
export const surveyRows = (executor: DbOrTx) => executor.select().from(surveys).orderBy(asc(surveys.code))

export async function surveyIdByCode(executor: DbOrTx, code: string): Promise<number | undefined> {
  const [row] = await executor.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, code))
  return row?.id
}

/** The surveys linked to a plan that have been opened (its report's survey chapters), by code. */
export const surveyRowsOfPlan = (executor: DbOrTx, planId: number) =>
  executor
    .select()
    .from(surveys)
    .where(and(eq(surveys.planId, planId), ne(surveys.state, 'draft')))
    .orderBy(asc(surveys.code))

/** The audience of a survey in its order: institution ids. */
export async function audienceIds(executor: DbOrTx, surveyId: number): Promise<number[]> {
  const rows = await executor
    .select({ id: surveyAudience.institutionId })
    .from(surveyAudience)
    .where(eq(surveyAudience.surveyId, surveyId))
    .orderBy(asc(surveyAudience.position))
  return rows.map((r) => r.id)
}

/** The audience of a survey in its order, with codes and names. */
export async function audienceInstitutions(executor: DbOrTx, surveyId: number) {
  return executor
    .select({ id: institutions.id, code: institutions.code, name: institutions.name, kind: institutions.kind })
    .from(surveyAudience)
    .innerJoin(institutions, eq(institutions.id, surveyAudience.institutionId))
    .where(eq(surveyAudience.surveyId, surveyId))
    .orderBy(asc(surveyAudience.position))
}

/** Whether the institution is asked by the survey. */
export async function inAudience(executor: DbOrTx, surveyId: number, institutionId: number): Promise<boolean> {
  const [row] = await executor
    .select({ n: count() })
    .from(surveyAudience)
    .where(and(eq(surveyAudience.surveyId, surveyId), eq(surveyAudience.institutionId, institutionId)))
  return (row?.n ?? 0) > 0
}

/** The size of each survey's audience. */
export async function audienceCounts(executor: DbOrTx): Promise<Map<number, number>> {
  const rows = await executor.select({ id: surveyAudience.surveyId, n: count() }).from(surveyAudience).groupBy(surveyAudience.surveyId)
  return new Map(rows.map((r) => [r.id, r.n]))
}

/** The submitted responses of each survey. */
export async function respondedCounts(executor: DbOrTx): Promise<Map<number, number>> {
  const rows = await executor
    .select({ id: surveyResponses.surveyId, n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.state, 'submitted'))
    .groupBy(surveyResponses.surveyId)
  return new Map(rows.map((r) => [r.id, r.n]))
}

/** Some response of the survey has an answer: its questions may then change their wording only. */
export async function surveyHasAnswers(executor: DbOrTx, surveyId: number): Promise<boolean> {
  const [row] = await executor
    .select({ n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), sql`${surveyResponses.answers} <> '{}'::jsonb`))
  return (row?.n ?? 0) > 0
}

/** The number of response rows of a survey, answered or not. */
export async function responseCount(executor: DbOrTx, surveyId: number): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))
  return row?.n ?? 0
}

/** A survey's responses in the order they were first saved (an imported document's order). */
export const responseRows = (executor: DbOrTx, surveyId: number) =>
  executor.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).orderBy(asc(surveyResponses.id))

/** The plan (and measure) a survey serves, as the document names them. */
export async function planLinkOf(executor: DbOrTx, survey: Pick<SurveyRow, 'planId' | 'measureId'>) {
  if (survey.planId === null) return null
  const [plan] = await executor.select({ id: plans.id, code: plans.code }).from(plans).where(eq(plans.id, survey.planId))
  if (!plan) return null
  const [measure] =
    survey.measureId === null
      ? []
      : await executor.select({ number: measures.number }).from(measures).where(eq(measures.id, survey.measureId))
  return { id: plan.id, code: plan.code, measure: measure?.number ?? null }
}

/** Plans by id with their codes, for the list's plan links. */
export async function planLinks(executor: DbOrTx, rows: readonly Pick<SurveyRow, 'planId' | 'measureId'>[]) {
  const planIds = [...new Set(rows.map((r) => r.planId).filter((id): id is number => id !== null))]
  const measureIds = [...new Set(rows.map((r) => r.measureId).filter((id): id is number => id !== null))]
  const planCodes = planIds.length
    ? await executor.select({ id: plans.id, code: plans.code }).from(plans).where(inArray(plans.id, planIds))
    : []
  const numbers = measureIds.length
    ? await executor.select({ id: measures.id, number: measures.number }).from(measures).where(inArray(measures.id, measureIds))
    : []
  const codeOf = new Map(planCodes.map((p) => [p.id, p.code]))
  const numberOf = new Map(numbers.map((m) => [m.id, m.number]))
  return (row: Pick<SurveyRow, 'planId' | 'measureId'>) => {
    const code = row.planId === null ? undefined : codeOf.get(row.planId)
    if (code === undefined) return null
    return { id: row.planId!, code, measure: row.measureId === null ? null : (numberOf.get(row.measureId) ?? null) }
  }
}

/** A plan by code (with what the policy needs to know of it) and, when given, its measure by number; undefined when not found. */
export async function findPlanLink(executor: DbOrTx, code: string, measure: string | null | undefined) {
  const [plan] = await executor
    .select({ id: plans.id, state: plans.state, coordinatorId: plans.coordinatorId })
    .from(plans)
    .where(eq(plans.code, code))
  if (!plan) return { plan: undefined, measureId: undefined }
  if (measure == null) return { plan, measureId: null }
  const [row] = await executor
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.planId, plan.id), eq(measures.number, measure)))
  return { plan, measureId: row?.id }
}

/** Every row a survey's document is built from. */
export async function loadSurveyRows(executor: DbOrTx, surveyId: number) {
  const survey = await surveyRow(executor, surveyId)
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const audience = await audienceIds(executor, surveyId)
  const named = await executor
    .select({ id: surveyInstitutions.institutionId })
    .from(surveyInstitutions)
    .where(eq(surveyInstitutions.surveyId, surveyId))
    .orderBy(asc(surveyInstitutions.position))
  const responses = await responseRows(executor, surveyId)
  const plan = await planLinkOf(executor, survey)
  const tree = await InstitutionTree.load(executor)
  return { survey, audience, named: named.map((n) => n.id), responses, plan, tree }
}
export type SurveyRows = Awaited<ReturnType<typeof loadSurveyRows>>

export async function insertSurvey(tx: Tx, values: NewSurveyRow): Promise<SurveyRow> {
  const [row] = await tx.insert(surveys).values(values).returning()
  return row!
}

/** Changes a survey if it still has `version`; undefined when someone changed it meanwhile. */
export async function updateSurveyRow(tx: Tx, id: number, version: number, changes: Partial<SurveyRow>): Promise<SurveyRow | undefined> {
  const [row] = await tx
    .update(surveys)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(surveys.id, id), eq(surveys.version, version)))
    .returning()
  return row
}

/** Removes a survey at `version` (its audience and institutions go with it); false when it moved. */
export async function deleteSurveyRow(tx: Tx, id: number, version: number): Promise<boolean> {
  const rows = await tx
    .delete(surveys)
    .where(and(eq(surveys.id, id), eq(surveys.version, version)))
    .returning({ id: surveys.id })
  return rows.length > 0
}

/** Replaces a survey's audience with these institutions, in this order. */
export async function saveAudience(tx: Tx, surveyId: number, institutionIds: readonly number[]) {
  await tx.delete(surveyAudience).where(eq(surveyAudience.surveyId, surveyId))
  if (institutionIds.length)
    await tx.insert(surveyAudience).values(institutionIds.map((institutionId, position) => ({ surveyId, institutionId, position })))
}

/** Replaces the institutions a survey's document lists, in this order. */
export async function saveSurveyInstitutions(tx: Tx, surveyId: number, institutionIds: readonly number[]) {
  await tx.delete(surveyInstitutions).where(eq(surveyInstitutions.surveyId, surveyId))
  if (institutionIds.length)
    await tx.insert(surveyInstitutions).values(institutionIds.map((institutionId, position) => ({ surveyId, institutionId, position })))
}

export async function insertResponses(tx: Tx, rows: NewSurveyResponseRow[]) {
  if (rows.length) await tx.insert(surveyResponses).values(rows)
}
