// Data access for survey responses: one institution's response, the audience with its responses,
// what an institution still owes, and the versioned writes. No permissions here: the responses
// service decides who may ask.
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../../db/client.js'
import { institutions, surveyAudience, surveyResponses, surveys } from '../../../db/schema/index.js'
import { notFound } from '../errors.js'
import type { NewSurveyResponseRow, SurveyResponseRow, SurveyRow } from './surveys-data.js'

export interface InstitutionRow {
  id: number
  code: string
  name: string
}

/** An institution by code; 404 naming `what` when there is none. */
export async function institutionByCode(executor: DbOrTx, code: string, what: string): Promise<InstitutionRow> {
  const [row] = await executor
    .select({ id: institutions.id, code: institutions.code, name: institutions.name })
    .from(institutions)
    .where(eq(institutions.code, code))
  if (!row) throw notFound(what)
  return row
}

/** The survey row, shared-locked until the transaction ends: answers are saved against a questionnaire that cannot change meanwhile. */
export async function sharedLockSurveyRow(tx: Tx, id: number): Promise<SurveyRow> {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('share')
  if (!row) throw notFound('Survey')
  return row
}

/** The position of the institution in the survey's audience, or undefined when it is not asked. */
export async function audiencePosition(executor: DbOrTx, surveyId: number, institutionId: number): Promise<number | undefined> {
  const [row] = await executor
    .select({ position: surveyAudience.position })
    .from(surveyAudience)
    .where(and(eq(surveyAudience.surveyId, surveyId), eq(surveyAudience.institutionId, institutionId)))
  return row?.position
}

/** One institution's response to a survey, if it has saved one. */
export async function responseOf(executor: DbOrTx, surveyId: number, institutionId: number): Promise<SurveyResponseRow | undefined> {
  const [row] = await executor
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.institutionId, institutionId)))
  return row
}

/** The same, locked until the transaction ends. */
export async function lockResponseOf(tx: Tx, surveyId: number, institutionId: number): Promise<SurveyResponseRow | undefined> {
  const [row] = await tx
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.institutionId, institutionId)))
    .for('update')
  return row
}

/** Inserts the first save of a response; undefined when another first save got there meanwhile. */
export async function insertResponse(tx: Tx, values: NewSurveyResponseRow): Promise<SurveyResponseRow | undefined> {
  const [row] = await tx.insert(surveyResponses).values(values).onConflictDoNothing().returning()
  return row
}

/** Changes a response if it still has `version`; undefined when someone changed it meanwhile. */
export async function updateResponseRow(
  tx: Tx,
  id: number,
  version: number,
  changes: Partial<Omit<SurveyResponseRow, 'id' | 'surveyId' | 'institutionId' | 'version'>>,
): Promise<SurveyResponseRow | undefined> {
  const [row] = await tx
    .update(surveyResponses)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(surveyResponses.id, id), eq(surveyResponses.version, version)))
    .returning()
  return row
}

/** Every response of a survey that answers the question, locked until the transaction ends. */
export const lockResponsesAnswering = (tx: Tx, surveyId: number, questionId: string): Promise<SurveyResponseRow[]> =>
  tx
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), sql`${surveyResponses.answers} -> ${questionId} is not null`))
    .orderBy(asc(surveyResponses.id))
    .for('update')

/** The survey's audience in its order, each with its response if it has one; then responses of institutions no longer asked. */
export async function audienceWithResponses(executor: DbOrTx, surveyId: number) {
  const audience = await executor
    .select({ id: institutions.id, code: institutions.code, name: institutions.name })
    .from(surveyAudience)
    .innerJoin(institutions, eq(institutions.id, surveyAudience.institutionId))
    .where(eq(surveyAudience.surveyId, surveyId))
    .orderBy(asc(surveyAudience.position))
  const responses = await executor
    .select()
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(asc(surveyResponses.id))
  const byInstitution = new Map(responses.map((r) => [r.institutionId, r]))
  const asked = new Set(audience.map((a) => a.id))
  const strays = responses.filter((r) => !asked.has(r.institutionId))
  const strayInstitutions = strays.length
    ? await executor
        .select({ id: institutions.id, code: institutions.code, name: institutions.name })
        .from(institutions)
        .where(
          inArray(
            institutions.id,
            strays.map((r) => r.institutionId),
          ),
        )
    : []
  const strayById = new Map(strayInstitutions.map((i) => [i.id, i]))
  return [
    ...audience.map((institution) => ({ institution, response: byInstitution.get(institution.id), inAudience: true })),
    ...strays.map((response) => ({ institution: strayById.get(response.institutionId)!, response, inAudience: false })),
  ]
}

/**
 * The surveys these institutions are asked to answer and have not submitted: open ones, and closed
 * ones whose response the coordinator reopened. By due date (none last), then code.
 */
export async function owedSurveys(executor: DbOrTx, institutionIds: readonly number[]) {
  if (!institutionIds.length) return []
  const rows = await executor
    .select({
      survey: {
        id: surveys.id,
        code: surveys.code,
        title: surveys.title,
        period: surveys.period,
        dueDate: surveys.dueDate,
        state: surveys.state,
        coordinatorId: surveys.coordinatorId,
      },
      institutionId: surveyAudience.institutionId,
      response: {
        id: surveyResponses.id,
        state: surveyResponses.state,
        reopenedAt: surveyResponses.reopenedAt,
        version: surveyResponses.version,
      },
    })
    .from(surveyAudience)
    .innerJoin(surveys, eq(surveys.id, surveyAudience.surveyId))
    .leftJoin(
      surveyResponses,
      and(eq(surveyResponses.surveyId, surveyAudience.surveyId), eq(surveyResponses.institutionId, surveyAudience.institutionId)),
    )
    .where(
      and(
        inArray(surveyAudience.institutionId, [...institutionIds]),
        or(eq(surveys.state, 'open'), and(eq(surveys.state, 'closed'), isNotNull(surveyResponses.reopenedAt))),
      ),
    )
    .orderBy(asc(surveys.dueDate), asc(surveys.code))
  return rows.filter((r) => r.response?.state !== 'submitted')
}
