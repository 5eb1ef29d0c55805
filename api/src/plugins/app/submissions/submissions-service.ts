// Progress submissions: drafts, versioned edits, and the review steps submit → (endorse →) accept or
// return. Every step is one transaction with its audit row and its timeline row (submission_events);
// accepting also appends the text to the measure's progress (izpildes gaita) in the same transaction.
// Who may do what is the shared policy's: `canWriteFor`, `canSeeSubmission`, `stepSources`,
// `submissionGaps`, `submissionAbilities`.
import type { FastifyInstance } from 'fastify'
import {
  AppError,
  type BulkReview,
  type BulkReviewResult,
  canCommentOnSubmission,
  canManagePlan,
  canSeeSubmission,
  canUndoAcceptance,
  canWriteFor,
  describeFieldErrors,
  ErrorCode,
  isEditableState,
  roundTakesWork,
  STEP_TARGET,
  stepSources,
  submissionAbilities,
  submissionGaps,
  type CreateSubmission,
  type PlanFacts,
  type ReviewStep,
  type Submission,
  type SubmissionComment,
  type SubmissionEvent,
  type SubmissionListItem,
  type SubmissionQuery,
  type UnacceptSubmission,
  type UpdateSubmission,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Round as RoundRow, Submission as SubmissionRow } from '../../../db/schema/index.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, isUniqueViolation, versionConflict } from '../errors.js'
import { evidenceRowsOf } from '../evidence/evidence-data.js'
import { withUploaders } from '../evidence/evidence-views.js'
import { plainText, plainTextOrNull } from '../input.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { submissionComment, submissionStep } from '../notifications/events.js'
import { planRow } from '../plans/plans-data.js'
import { roundRow, roundRowsById, roundWithPlan } from '../rounds/rounds-data.js'
import {
  insertSubmissionEvent,
  stateBeforeAcceptance,
  submissionTimeline,
  toSubmissionEvent,
  type SubmissionEventKind,
} from './submission-events-data.js'
import { roundClosed, submissionFacts } from './submission-facts.js'
import { toSubmissionItems, userNames } from './submission-views.js'
import {
  appendProgress,
  existingSubmissionId,
  insertSubmission,
  isOwed,
  planOfMeasure,
  removeProgress,
  submissionContext,
  submissionRows,
  updateSubmission,
  type SubmissionContext,
  type SubmissionFilter,
} from './submissions-data.js'

const EDITABLE_FIELDS = ['text', 'proposedStatus', 'reason'] as const

/** The timeline's name of each review step. */
const STEP_EVENT: Record<ReviewStep, SubmissionEventKind> = {
  submit: 'submitted',
  endorse: 'endorsed',
  return: 'returned',
  accept: 'accepted',
}

/** What must be there before a submission is handed in: 422 listing every gap at once. */
function assertComplete(submission: SubmissionRow) {
  const errors = submissionGaps(submission)
  if (errors.length)
    throw new AppError(ErrorCode.submissionIncomplete, `The submission is not complete: ${describeFieldErrors(errors)}`, { errors })
}

function alreadyExists(submissionId?: number) {
  return new AppError(
    ErrorCode.alreadyExists,
    'This institution already has a submission on this measure in this round',
    submissionId === undefined ? undefined : { submissionId },
  )
}

/**
 * The submission with its round, creator, evidence list, timeline and last returned version, and what
 * the actor may do with it: a fixed number of queries.
 */
async function detail(executor: DbOrTx, actor: Actor, { submission, round, plan, tree }: SubmissionContext): Promise<Submission> {
  // One query after another: the executor may be a transaction's single connection.
  const evidenceRows = await evidenceRowsOf(executor, submission.id)
  // Everyone the detail names, in one read: its creator, editor, endorser, accepter and uploaders.
  const names = await userNames(executor, [
    submission.createdBy,
    submission.updatedBy,
    submission.endorsedBy,
    submission.acceptedBy,
    ...evidenceRows.map((r) => r.createdBy),
  ])
  const [item] = await toSubmissionItems(
    executor,
    [submission],
    tree,
    (row) => submissionAbilities(actor, plan, round, submissionFacts(tree, row)),
    names,
  )
  const { timeline, returnedVersion } = await submissionTimeline(executor, submission.id)
  return {
    ...item!,
    round: { id: round.id, planId: round.planId, title: round.title, period: round.period, dueDate: round.dueDate, state: round.state },
    createdBy: submission.createdBy === null ? null : (names.get(submission.createdBy) ?? null),
    evidence: withUploaders(evidenceRows, names),
    timeline,
    returnedVersion,
  }
}

export function createSubmissionsService(fastify: FastifyInstance) {
  const { db } = fastify

  /** The submissions matching `filter` that the actor may see, as list items; the rest are left out. */
  async function visible(
    actor: Actor,
    plan: PlanFacts,
    filter: SubmissionFilter,
    tree: InstitutionTree,
    round?: RoundRow,
  ): Promise<SubmissionListItem[]> {
    const rows = (await submissionRows(db, filter)).filter((row) => canSeeSubmission(actor, plan, submissionFacts(tree, row)))
    // A round's own list knows its round; a measure's reads the rounds its submissions are in.
    const rounds = round
      ? new Map([[round.id, round]])
      : await roundRowsById(
          db,
          rows.map((r) => r.roundId),
        )
    return toSubmissionItems(db, rows, tree, (row) =>
      submissionAbilities(actor, plan, rounds.get(row.roundId)!, submissionFacts(tree, row)),
    )
  }

  /**
   * One review step inside `tx`. The checks run in the order that tells the caller most: may this
   * person ever take it (403), did they read the current version (409 VERSION_CONFLICT), does it fit
   * the submission's state (409 INVALID_TRANSITION), is the round still taking work (409
   * ROUND_CLOSED), is a submission complete (422 SUBMISSION_INCOMPLETE). Writes the step, its
   * timeline row and audit row, and tells those concerned.
   */
  async function takeStep(tx: Tx, actor: Actor, id: number, step: ReviewStep, input: { version: number; comment?: string }) {
    const context = await submissionContext(tx, id, { lock: true })
    const { submission: before, round, plan, tree } = context
    const sources = stepSources(step, actor, plan, tree.ref(before.institutionId))
    ensure(sources.length > 0, `You may not ${step} this submission`)
    if (before.version !== input.version) throw versionConflict('Submission')
    if (!sources.includes(before.state))
      throw new AppError(ErrorCode.invalidTransition, `You cannot ${step} a submission that is ${before.state}`, {
        state: before.state,
        allowedFrom: sources,
      })
    if (step === 'submit') {
      if (!roundTakesWork(round, before)) throw roundClosed()
      assertComplete(before)
    }

    const now = new Date()
    const stamp: Partial<SubmissionRow> =
      step === 'submit'
        ? { submittedAt: now }
        : step === 'endorse'
          ? { endorsedBy: userIdOf(actor), endorsedAt: now }
          : step === 'return'
            ? { returnComment: plainText(input.comment ?? '') }
            : { acceptedBy: userIdOf(actor), acceptedAt: now }
    const after = await updateSubmission(tx, id, input.version, { ...stamp, state: STEP_TARGET[step], updatedAt: now })
    if (!after) throw versionConflict('Submission')

    const progressEntryId = step === 'accept' ? await appendProgress(tx, after, round.period) : undefined
    // The timeline's row: a return keeps the submission as it was returned, for the diff on resubmission.
    const comment = step === 'return' ? after.returnComment : input.comment === undefined ? null : plainText(input.comment).trim()
    await insertSubmissionEvent(tx, {
      submissionId: id,
      kind: STEP_EVENT[step],
      userId: userIdOf(actor),
      createdAt: now,
      comment,
      ...(step === 'return' ? { text: before.text, proposedStatus: before.proposedStatus, reason: before.reason } : {}),
    })
    await fastify.audit.record(tx, actor, {
      action: `submission.${step}`,
      entityType: 'submission',
      entityId: id,
      planId: round.planId,
      before: { state: before.state, version: before.version },
      after: { state: after.state, version: after.version, ...stamp, ...(progressEntryId ? { progressEntryId } : {}) },
      reason: comment,
    })
    await submissionStep(fastify, tx, actor, step, after, round, plan, tree)
    return { ...context, submission: after }
  }

  return {
    async get(actor: Actor, id: number): Promise<Submission> {
      const context = await submissionContext(db, id)
      ensure(canSeeSubmission(actor, context.plan, submissionFacts(context.tree, context.submission)), 'You may not see this submission')
      return detail(db, actor, context)
    },

    /** A round's submissions the caller may see; others' work in progress is left out, not refused. */
    async listForRound(actor: Actor, roundId: number, query: SubmissionQuery): Promise<SubmissionListItem[]> {
      const { round, plan } = await roundWithPlan(db, roundId)
      const tree = await InstitutionTree.load(db)
      const filter: SubmissionFilter = { roundIds: [roundId], measureId: query.measure, states: query.state ? [query.state] : undefined }
      if (query.institution) {
        const institution = tree.byCode.get(query.institution)
        if (!institution) return []
        filter.institutionId = institution.id
      }
      return visible(actor, plan, filter, tree, round)
    },

    /** Every round's submissions on one measure: the institutions' proposals side by side for rating it. */
    async listForMeasure(actor: Actor, measureId: number): Promise<SubmissionListItem[]> {
      const plan = await planOfMeasure(db, measureId)
      return visible(actor, plan, { measureId }, await InstitutionTree.load(db))
    },

    /** A draft for one institution on one measure of the round: only one per round × measure × institution. */
    async create(actor: Actor, roundId: number, input: CreateSubmission): Promise<Submission> {
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
          ensure(canWriteFor(actor, plan, tree.ref(institution.id)), 'You may not report for this institution')
          if (!roundTakesWork(round)) throw roundClosed()
          if (!(await isOwed(tx, roundId, input.measureId, institution.id)))
            throw new AppError(
              ErrorCode.invalidReference,
              `${input.institution} owes no report on measure ${input.measureId} in this round`,
              {
                errors: [{ path: '/measureId', message: 'is not a measure this institution reports on in this round' }],
              },
            )
          const existing = await existingSubmissionId(tx, roundId, input.measureId, institution.id)
          if (existing !== null) throw alreadyExists(existing)

          const created = await insertSubmission(tx, {
            roundId,
            measureId: input.measureId,
            institutionId: institution.id,
            text: plainText(input.text ?? ''),
            proposedStatus: input.proposedStatus ?? 'pending',
            reason: plainTextOrNull(input.reason),
            createdBy: userIdOf(actor),
            updatedBy: userIdOf(actor),
          })
          await fastify.audit.record(tx, actor, {
            action: 'submission.create',
            entityType: 'submission',
            entityId: created.id,
            planId: round.planId,
            after: created,
          })
          return detail(tx, actor, { submission: created, round, plan, tree })
        })
      } catch (error) {
        // Two first drafts at the same moment: the unique index lets one in.
        if (isUniqueViolation(error)) throw alreadyExists()
        throw error
      }
    },

    /** Edits a draft (or a returned submission) with the version last read: a stale one is 409, never a silent overwrite. */
    async update(actor: Actor, id: number, input: UpdateSubmission): Promise<Submission> {
      return db.transaction(async (tx) => {
        const context = await submissionContext(tx, id, { lock: true })
        const { submission: before, round, plan, tree } = context
        ensure(canWriteFor(actor, plan, tree.ref(before.institutionId)), 'You may not report for this institution')
        if (before.version !== input.version) throw versionConflict('Submission')
        if (!isEditableState(before.state))
          throw new AppError(
            ErrorCode.invalidTransition,
            `A ${before.state} submission cannot be edited; only drafts and returned ones can`,
          )
        if (!roundTakesWork(round, before)) throw roundClosed()

        const changes: Partial<Pick<SubmissionRow, (typeof EDITABLE_FIELDS)[number]>> = {}
        if (input.text !== undefined) changes.text = plainText(input.text)
        if (input.proposedStatus !== undefined) changes.proposedStatus = input.proposedStatus
        if (input.reason !== undefined) changes.reason = plainTextOrNull(input.reason)
        const after = await updateSubmission(tx, id, input.version, { ...changes, updatedBy: userIdOf(actor), updatedAt: new Date() })
        if (!after) throw versionConflict('Submission')

        const changed = EDITABLE_FIELDS.filter((k) => k in changes)
        await fastify.audit.record(tx, actor, {
          action: 'submission.update',
          entityType: 'submission',
          entityId: id,
          planId: round.planId,
          before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), version: before.version },
          after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), version: after.version },
        })
        return detail(tx, actor, { ...context, submission: after })
      })
    },

    /** One review step in its own transaction (see `takeStep`); the submission after it. */
    async transition(actor: Actor, id: number, step: ReviewStep, input: { version: number; comment?: string }): Promise<Submission> {
      return db.transaction(async (tx) => detail(tx, actor, await takeStep(tx, actor, id, step, input)))
    },

    /**
     * Endorses or accepts many submissions, each on its own: one transaction (with its audit row and
     * timeline row) per item, so a stale, refused or missing one is reported in its result and does
     * not stop the others. Results in the order of the items.
     */
    async bulk(actor: Actor, input: BulkReview): Promise<BulkReviewResult> {
      const results: BulkReviewResult['results'] = []
      for (const item of input.items) {
        try {
          await db.transaction((tx) => takeStep(tx, actor, item.id, input.action, { version: item.version, comment: input.comment }))
          results.push({ id: item.id, ok: true, error: null })
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          results.push({ id: item.id, ok: false, error: { code: error.code, message: error.message } })
        }
      }
      return { results }
    },

    /**
     * A comment in the submission's thread, by its institution or its reviewers (`canCommentOnSubmission`);
     * audited, and the other side is told. Comments change nothing else, so they need no version.
     */
    async comment(actor: Actor, id: number, input: SubmissionComment): Promise<SubmissionEvent> {
      return db.transaction(async (tx) => {
        const { submission, round, plan, tree } = await submissionContext(tx, id)
        ensure(canCommentOnSubmission(actor, plan, submissionFacts(tree, submission)), 'You may not comment on this submission')
        const event = await insertSubmissionEvent(tx, {
          submissionId: id,
          kind: 'comment',
          userId: userIdOf(actor),
          comment: plainText(input.text).trim(),
        })
        await fastify.audit.record(tx, actor, {
          action: 'submission.comment',
          entityType: 'submission',
          entityId: id,
          planId: round.planId,
          after: { eventId: event.id, comment: event.comment },
        })
        await submissionComment(fastify, tx, actor, submission, round, plan, tree, { id: event.id, text: event.comment! })
        return toSubmissionEvent({
          ...event,
          userName: actor.kind === 'user' ? actor.name : null,
          institutionCode: actor.kind === 'user' ? actor.institutionCode : null,
        })
      })
    },

    /**
     * Undoes an acceptance (`canUndoAcceptance`: the plan's coordinators, while the round is open),
     * with a reason. The submission goes back to the state it was accepted from — endorsed, or
     * submitted when it was accepted without the ministry's endorsement — so it waits for the same
     * reviewer again; the progress entry its acceptance appended to the measure is removed. One
     * transaction with its audit row (what was removed, and why) and its timeline row.
     */
    async unaccept(actor: Actor, id: number, input: UnacceptSubmission): Promise<Submission> {
      return db.transaction(async (tx) => {
        const context = await submissionContext(tx, id, { lock: true })
        const { submission: before, round, plan, tree } = context
        ensure(canManagePlan(actor, plan), 'Only the plan’s coordinators may undo an acceptance')
        if (before.version !== input.version) throw versionConflict('Submission')
        if (before.state !== 'accepted')
          throw new AppError(
            ErrorCode.invalidTransition,
            `Only an accepted submission's acceptance can be undone; this one is ${before.state}`,
            {
              state: before.state,
              allowedFrom: ['accepted'],
            },
          )
        if (!canUndoAcceptance(actor, plan, round, submissionFacts(tree, before)))
          throw new AppError(ErrorCode.roundClosed, 'The round is closed: its acceptances stand')

        const now = new Date()
        const state = await stateBeforeAcceptance(tx, id, before.endorsedAt)
        const removed = await removeProgress(tx, before)
        const after = await updateSubmission(tx, id, input.version, { state, acceptedBy: null, acceptedAt: null, updatedAt: now })
        if (!after) throw versionConflict('Submission')
        const reason = plainText(input.reason).trim()
        await insertSubmissionEvent(tx, { submissionId: id, kind: 'unaccepted', userId: userIdOf(actor), createdAt: now, comment: reason })
        await fastify.audit.record(tx, actor, {
          action: 'submission.unaccept',
          entityType: 'submission',
          entityId: id,
          planId: round.planId,
          before: {
            state: before.state,
            version: before.version,
            acceptedBy: before.acceptedBy,
            acceptedAt: before.acceptedAt,
            progressEntries: removed.map((entry) => ({
              id: entry.id,
              measureId: entry.measureId,
              period: entry.period,
              text: entry.text,
              position: entry.position,
            })),
          },
          after: { state: after.state, version: after.version },
          reason,
        })
        await submissionStep(fastify, tx, actor, 'unaccept', after, round, plan, tree, reason)
        return detail(tx, actor, { ...context, submission: after })
      })
    },
  }
}

export type SubmissionsService = ReturnType<typeof createSubmissionsService>
