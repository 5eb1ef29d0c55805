// Progress submissions: drafts, versioned edits, and the review steps submit → (endorse →) accept or
// return. Every step is one transaction with its audit row; accepting also appends the text to the
// measure's progress (izpildes gaita) in the same transaction.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, eq, max, type SQL } from 'drizzle-orm'
import {
  ErrorCode,
  type CreateSubmission,
  type Submission,
  type SubmissionListItem,
  type SubmissionQuery,
  type UpdateSubmission,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import {
  measureInstitutions,
  measures,
  progressEntries,
  roundMeasures,
  submissions,
  type Round as RoundRow,
  type Submission as SubmissionRow,
} from '../../../db/schema/index.js'
import { currentUser } from '../auth/access.js'
import { forbidden } from '../auth/scope.js'
import { AppError, isUniqueViolation, notFound, versionConflict } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { plainText, plainTextOrNull } from './input.js'
import {
  assertCanSeeSubmission,
  assertCanWriteFor,
  assertRoundTakesWork,
  canSeeSubmission,
  isEditable,
  type ReviewAction,
  TARGET_STATE,
  transitionSources,
} from './round-scope.js'
import { planRow } from '../plans/plans-repository.js'
import { roundRow } from './rounds-repository.js'
import { evidenceOf, toSubmissionItems, userNames } from './submission-views.js'

/** A submission with what every rule about it needs: its round, the round's plan and the institution tree. */
export async function submissionContext(executor: DbOrTx, id: number, opts: { lock?: boolean } = {}) {
  const query = executor.select().from(submissions).where(eq(submissions.id, id))
  const [submission] = opts.lock ? await query.for('update') : await query
  if (!submission) throw notFound('Submission')
  const round = await roundRow(executor, submission.roundId, opts.lock ? { lock: 'share' } : {})
  const plan = await planRow(executor, round.planId)
  const tree = await InstitutionTree.load(executor)
  return { submission, round, plan, tree }
}

async function detail(executor: DbOrTx, submission: SubmissionRow, round: RoundRow, tree: InstitutionTree): Promise<Submission> {
  const [item] = await toSubmissionItems(executor, [submission], tree)
  const evidence = await evidenceOf(executor, submission.id)
  const names = await userNames(executor, [submission.createdBy])
  return {
    ...item!,
    round: { id: round.id, planId: round.planId, title: round.title, period: round.period, dueDate: round.dueDate, state: round.state },
    createdBy: submission.createdBy === null ? null : (names.get(submission.createdBy) ?? null),
    evidence,
  }
}

/** What must be there before a submission is handed in; all gaps are reported at once. */
function assertComplete(submission: SubmissionRow) {
  const errors: { path: string; message: string }[] = []
  if (!submission.text.trim()) errors.push({ path: '/text', message: 'is required before submitting' })
  if (submission.proposedStatus === 'pending')
    errors.push({ path: '/proposedStatus', message: 'must propose done, partial or not_done before submitting' })
  if (!submission.reason?.trim()) errors.push({ path: '/reason', message: 'is required before submitting' })
  if (errors.length)
    throw new AppError(ErrorCode.submissionIncomplete,
      `The submission is not complete: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      { errors },
    )
}

const EDITABLE_FIELDS = ['text', 'proposedStatus', 'reason'] as const

export function createSubmissionsRepository(fastify: FastifyInstance) {
  const { db } = fastify

  /** Visible submissions matching `where`, as list items. */
  async function visible(request: FastifyRequest, plan: { coordinatorId: number }, where: SQL[]) {
    const user = currentUser(request)
    const [rows, tree] = await Promise.all([
      db
        .select()
        .from(submissions)
        .where(and(...where)),
      InstitutionTree.load(db),
    ])
    return toSubmissionItems(
      db,
      rows.filter((row) => canSeeSubmission(user, tree, plan, row)),
      tree,
    )
  }

  return {
    async get(request: FastifyRequest, id: number): Promise<Submission> {
      const { submission, round, plan, tree } = await submissionContext(db, id)
      assertCanSeeSubmission(currentUser(request), tree, plan, submission)
      return detail(db, submission, round, tree)
    },

    /** A round's submissions the caller may see; others' work in progress is left out, not refused. */
    async listForRound(request: FastifyRequest, roundId: number, query: SubmissionQuery): Promise<SubmissionListItem[]> {
      const round = await roundRow(db, roundId)
      const plan = await planRow(db, round.planId)
      const where: SQL[] = [eq(submissions.roundId, roundId)]
      if (query.measure) where.push(eq(submissions.measureId, query.measure))
      if (query.state) where.push(eq(submissions.state, query.state))
      if (query.institution) {
        const inst = (await InstitutionTree.load(db)).byCode.get(query.institution)
        if (!inst) return []
        where.push(eq(submissions.institutionId, inst.id))
      }
      return visible(request, plan, where)
    },

    /** Every round's submissions on one measure: the institutions' proposals side by side for rating it. */
    async listForMeasure(request: FastifyRequest, measureId: number): Promise<SubmissionListItem[]> {
      const [measure] = await db.select({ planId: measures.planId }).from(measures).where(eq(measures.id, measureId))
      if (!measure) throw notFound('Measure')
      const plan = await planRow(db, measure.planId)
      return visible(request, plan, [eq(submissions.measureId, measureId)])
    },

    /** A draft for one institution on one measure of the round: only one per round × measure × institution. */
    async create(request: FastifyRequest, roundId: number, input: CreateSubmission): Promise<Submission> {
      const user = currentUser(request)
      try {
        return await db.transaction(async (tx) => {
          const round = await roundRow(tx, roundId, { lock: 'share' })
          const plan = await planRow(tx, round.planId)
          const tree = await InstitutionTree.load(tx)
          const institution = tree.byCode.get(input.institution)
          if (!institution)
            throw new AppError(ErrorCode.unknownInstitutions, `Unknown institution ${input.institution}`, {
              codes: [{ code: input.institution }],
            })
          assertCanWriteFor(user, tree, plan, institution.id)
          assertRoundTakesWork(round)
          const [asked] = await tx
            .select({ measureId: roundMeasures.measureId })
            .from(roundMeasures)
            .innerJoin(measureInstitutions, eq(measureInstitutions.measureId, roundMeasures.measureId))
            .where(
              and(
                eq(roundMeasures.roundId, roundId),
                eq(roundMeasures.measureId, input.measureId),
                eq(measureInstitutions.institutionId, institution.id),
              ),
            )
            .limit(1)
          if (!asked)
            throw new AppError(ErrorCode.invalidReference,
              `${input.institution} owes no report on measure ${input.measureId} in this round`,
              {
                errors: [{ path: '/measureId', message: 'is not a measure this institution reports on in this round' }],
              },
            )
          const [existing] = await tx
            .select({ id: submissions.id })
            .from(submissions)
            .where(
              and(
                eq(submissions.roundId, roundId),
                eq(submissions.measureId, input.measureId),
                eq(submissions.institutionId, institution.id),
              ),
            )
          if (existing) throw alreadyExists(existing.id)

          const [created] = await tx
            .insert(submissions)
            .values({
              roundId,
              measureId: input.measureId,
              institutionId: institution.id,
              text: plainText(input.text ?? ''),
              proposedStatus: input.proposedStatus ?? 'pending',
              reason: plainTextOrNull(input.reason),
              createdBy: user.id,
              updatedBy: user.id,
            })
            .returning()
          await fastify.audit.record(tx, request, {
            action: 'submission.create',
            entityType: 'submission',
            entityId: created!.id,
            planId: round.planId,
            after: created,
          })
          return detail(tx, created!, round, tree)
        })
      } catch (error) {
        // Two first drafts at the same moment: the unique index lets one in.
        if (isUniqueViolation(error)) throw alreadyExists()
        throw error
      }
    },

    /** Edits a draft (or a returned submission) with the version last read: a stale one is 409, never a silent overwrite. */
    async update(request: FastifyRequest, id: number, input: UpdateSubmission): Promise<Submission> {
      const user = currentUser(request)
      return db.transaction(async (tx) => {
        const { submission: before, round, plan, tree } = await submissionContext(tx, id, { lock: true })
        assertCanWriteFor(user, tree, plan, before.institutionId)
        if (before.version !== input.version) throw versionConflict('Submission')
        if (!isEditable(before.state))
          throw new AppError(ErrorCode.invalidTransition,
            `A ${before.state} submission cannot be edited; only drafts and returned ones can`,
          )
        assertRoundTakesWork(round, before)

        const changes: Partial<Pick<SubmissionRow, (typeof EDITABLE_FIELDS)[number]>> = {}
        if (input.text !== undefined) changes.text = plainText(input.text)
        if (input.proposedStatus !== undefined) changes.proposedStatus = input.proposedStatus
        if (input.reason !== undefined) changes.reason = plainTextOrNull(input.reason)
        const [after] = await tx
          .update(submissions)
          .set({ ...changes, updatedBy: user.id, updatedAt: new Date(), version: before.version + 1 })
          .where(and(eq(submissions.id, id), eq(submissions.version, input.version)))
          .returning()
        if (!after) throw versionConflict('Submission')

        const changed = EDITABLE_FIELDS.filter((k) => k in changes)
        await fastify.audit.record(tx, request, {
          action: 'submission.update',
          entityType: 'submission',
          entityId: id,
          planId: round.planId,
          before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), version: before.version },
          after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), version: after.version },
        })
        return detail(tx, after, round, tree)
      })
    },

    /**
     * One review step. The checks run in the order that tells the caller most: may this person ever
     * take it (403), did they read the current version (409 VERSION_CONFLICT), does it fit the
     * submission's state (409 INVALID_TRANSITION).
     */
    async transition(
      request: FastifyRequest,
      id: number,
      action: ReviewAction,
      input: { version: number; comment?: string },
    ): Promise<Submission> {
      const user = currentUser(request)
      return db.transaction(async (tx) => {
        const { submission: before, round, plan, tree } = await submissionContext(tx, id, { lock: true })
        const sources = transitionSources(action, user, tree, plan, before.institutionId)
        if (!sources.length) throw forbidden(`You may not ${action} this submission`)
        if (before.version !== input.version) throw versionConflict('Submission')
        if (!sources.includes(before.state))
          throw new AppError(ErrorCode.invalidTransition, `You cannot ${action} a submission that is ${before.state}`, {
            state: before.state,
            allowedFrom: sources,
          })
        if (action === 'submit') {
          assertRoundTakesWork(round, before)
          assertComplete(before)
        }

        const now = new Date()
        const stamp: Partial<SubmissionRow> =
          action === 'submit'
            ? { submittedAt: now }
            : action === 'endorse'
              ? { endorsedBy: user.id, endorsedAt: now }
              : action === 'return'
                ? { returnComment: plainText(input.comment ?? '') }
                : { acceptedBy: user.id, acceptedAt: now }
        const [after] = await tx
          .update(submissions)
          .set({ ...stamp, state: TARGET_STATE[action], updatedAt: now, version: before.version + 1 })
          .where(and(eq(submissions.id, id), eq(submissions.version, input.version)))
          .returning()
        if (!after) throw versionConflict('Submission')

        const progressEntryId = action === 'accept' ? await appendProgress(tx, after, round.period) : undefined
        await fastify.audit.record(tx, request, {
          action: `submission.${action}`,
          entityType: 'submission',
          entityId: id,
          planId: round.planId,
          before: { state: before.state, version: before.version },
          after: { state: after.state, version: after.version, ...stamp, ...(progressEntryId ? { progressEntryId } : {}) },
          reason: action === 'return' ? after.returnComment : null,
        })
        return detail(tx, after, round, tree)
      })
    },
  }
}

function alreadyExists(submissionId?: number) {
  return new AppError(ErrorCode.alreadyExists,
    'This institution already has a submission on this measure in this round',
    submissionId === undefined ? undefined : { submissionId },
  )
}

/**
 * The accepted text becomes the measure's next progress entry, after every existing one, in the
 * order the report's annex shows them. The measure row is locked so two acceptances on one measure
 * cannot take the same position.
 */
async function appendProgress(tx: DbOrTx, submission: SubmissionRow, period: string): Promise<number> {
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

export type SubmissionsRepository = ReturnType<typeof createSubmissionsRepository>
