// Data access for progress submissions: rows in, rows out. No permissions here; the submissions,
// evidence and work services decide who may ask.
import { and, asc, count, eq, inArray, max, type SQL } from 'drizzle-orm'
import type { SubmissionState } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import {
  measureInstitutions,
  measures,
  plans,
  progressEntries,
  roundMeasures,
  rounds,
  submissions,
  type ProgressEntry,
  type Submission as SubmissionRow,
} from '../../../db/schema/index.js'
import { notFound } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { planRow } from '../plans/plans-data.js'
import { roundRow } from '../rounds/rounds-data.js'

export async function submissionRow(executor: DbOrTx, id: number, opts: { lock?: boolean } = {}): Promise<SubmissionRow> {
  const query = executor.select().from(submissions).where(eq(submissions.id, id))
  const [row] = opts.lock ? await query.for('update') : await query
  if (!row) throw notFound('Submission')
  return row
}

/**
 * A submission with what every rule about it needs: its round, the round's plan and the institution
 * tree. Locking locks the submission for update and its round for share (see `roundRow`).
 */
export async function submissionContext(executor: DbOrTx, id: number, opts: { lock?: boolean } = {}) {
  if (!opts.lock) {
    // A read: the submission, its round and the round's plan in one query.
    const [row] = await executor
      .select({ submission: submissions, round: rounds, plan: plans })
      .from(submissions)
      .innerJoin(rounds, eq(rounds.id, submissions.roundId))
      .innerJoin(plans, eq(plans.id, rounds.planId))
      .where(eq(submissions.id, id))
    if (!row) throw notFound('Submission')
    return { ...row, tree: await InstitutionTree.load(executor) }
  }
  // One query after another: the executor may be a transaction's single connection.
  const submission = await submissionRow(executor, id, opts)
  const round = await roundRow(executor, submission.roundId, { lock: 'share' })
  const plan = await planRow(executor, round.planId)
  const tree = await InstitutionTree.load(executor)
  return { submission, round, plan, tree }
}
export type SubmissionContext = Awaited<ReturnType<typeof submissionContext>>

export interface SubmissionFilter {
  roundIds?: number[]
  measureId?: number
  institutionId?: number
  states?: SubmissionState[]
}

/** Submissions matching every given condition, oldest first. */
export function submissionRows(executor: DbOrTx, filter: SubmissionFilter): Promise<SubmissionRow[]> {
  const where: SQL[] = []
  if (filter.roundIds) where.push(inArray(submissions.roundId, filter.roundIds))
  if (filter.measureId !== undefined) where.push(eq(submissions.measureId, filter.measureId))
  if (filter.institutionId !== undefined) where.push(eq(submissions.institutionId, filter.institutionId))
  if (filter.states) where.push(inArray(submissions.state, filter.states))
  return executor
    .select()
    .from(submissions)
    .where(and(...where))
    .orderBy(asc(submissions.id))
}

/**
 * How many submissions of these rounds are in each of these states, per round and institution: what
 * every rule about a submission in a queue needs (`submissionFacts`), counted in the database.
 */
export function submissionCounts(executor: DbOrTx, roundIds: number[], states: SubmissionState[]) {
  return executor
    .select({ roundId: submissions.roundId, institutionId: submissions.institutionId, state: submissions.state, n: count() })
    .from(submissions)
    .where(and(inArray(submissions.roundId, roundIds), inArray(submissions.state, states)))
    .groupBy(submissions.roundId, submissions.institutionId, submissions.state)
}

/** Does the round ask this institution about this measure (as responsible or involved)? */
export async function isOwed(executor: DbOrTx, roundId: number, measureId: number, institutionId: number): Promise<boolean> {
  const [asked] = await executor
    .select({ measureId: roundMeasures.measureId })
    .from(roundMeasures)
    .innerJoin(measureInstitutions, eq(measureInstitutions.measureId, roundMeasures.measureId))
    .where(
      and(eq(roundMeasures.roundId, roundId), eq(roundMeasures.measureId, measureId), eq(measureInstitutions.institutionId, institutionId)),
    )
    .limit(1)
  return asked !== undefined
}

/** The id of the one submission of this round × measure × institution, if there is one. */
export async function existingSubmissionId(executor: DbOrTx, roundId: number, measureId: number, institutionId: number) {
  const [existing] = await executor
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.roundId, roundId), eq(submissions.measureId, measureId), eq(submissions.institutionId, institutionId)))
  return existing?.id ?? null
}

export async function insertSubmission(executor: DbOrTx, values: typeof submissions.$inferInsert): Promise<SubmissionRow> {
  const [created] = await executor.insert(submissions).values(values).returning()
  return created!
}

/** Writes the changes if the row is still at `version`; undefined when someone changed it meanwhile. */
export async function updateSubmission(
  executor: DbOrTx,
  id: number,
  version: number,
  changes: Partial<typeof submissions.$inferInsert>,
): Promise<SubmissionRow | undefined> {
  const [after] = await executor
    .update(submissions)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(submissions.id, id), eq(submissions.version, version)))
    .returning()
  return after
}

/** The plan a measure belongs to; 404 for an unknown measure. */
export async function planOfMeasure(executor: DbOrTx, measureId: number) {
  const [row] = await executor
    .select({ plan: plans })
    .from(measures)
    .innerJoin(plans, eq(plans.id, measures.planId))
    .where(eq(measures.id, measureId))
  if (!row) throw notFound('Measure')
  return row.plan
}

/** The id of the plan a measure belongs to; 404 for an unknown measure. */
export async function planIdOfMeasure(executor: DbOrTx, measureId: number): Promise<number> {
  const [measure] = await executor.select({ planId: measures.planId }).from(measures).where(eq(measures.id, measureId))
  if (!measure) throw notFound('Measure')
  return measure.planId
}

/**
 * The accepted text becomes the measure's next progress entry, after every existing one, in the
 * order the report's annex shows them. The measure row is locked so two acceptances on one measure
 * cannot take the same position.
 */
export async function appendProgress(tx: DbOrTx, submission: SubmissionRow, period: string): Promise<number> {
  await tx.select({ id: measures.id }).from(measures).where(eq(measures.id, submission.measureId)).for('update')
  const [last] = await tx
    .select({ position: max(progressEntries.position) })
    .from(progressEntries)
    .where(eq(progressEntries.measureId, submission.measureId))
  const [entry] = await tx
    .insert(progressEntries)
    .values({
      measureId: submission.measureId,
      institutionId: submission.institutionId,
      period,
      text: submission.text,
      position: (last?.position ?? -1) + 1,
      submissionId: submission.id,
    })
    .returning({ id: progressEntries.id })
  return entry!.id
}

/**
 * Undoes `appendProgress`: removes the progress entries the submission's acceptance wrote (the
 * entries after it keep their positions; the annex reads them in order). Returns what was removed.
 */
export async function removeProgress(tx: DbOrTx, submission: SubmissionRow): Promise<ProgressEntry[]> {
  await tx.select({ id: measures.id }).from(measures).where(eq(measures.id, submission.measureId)).for('update')
  return tx.delete(progressEntries).where(eq(progressEntries.submissionId, submission.id)).returning()
}
