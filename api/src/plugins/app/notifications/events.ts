// Who hears of what: for each event, the users told of it and what their texts need (params). Every
// function runs inside the caller's transaction and hands the event to `fastify.notifications.raise`,
// so a notification exists exactly when the change it tells of committed. The actor is never told
// of their own step. docs/api.md "Who hears of what" lists these rules.
import { and, eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Tx } from '../../../db/client.js'
import {
  institutions,
  measureInstitutions,
  measures,
  plans,
  surveyAudience,
  surveyResponses,
  type Round as RoundRow,
  type Submission as SubmissionRow,
  type Survey as SurveyRow,
  users,
} from '../../../db/schema/index.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { loadOwed, stateOf } from '../rounds/completeness.js'
import type { NotificationEvent } from './notifier.js'

/** Items not handed in yet: these are still owed (and late after the due date). */
const OUTSTANDING = new Set(['missing', 'draft', 'returned'])

const unique = (ids: Iterable<number>) => [...new Set(ids)].sort((a, b) => a - b)
const without = (ids: number[], actor?: Actor) => {
  const self = actor ? userIdOf(actor) : null
  return ids.filter((id) => id !== self)
}

// ---- recipient rules: plain queries ----

/**
 * Those who file for these institutions: their active reporters, and a ministry coordinator for the
 * ministry itself (a ministry has no reporter of its own; its coordinator files for it).
 */
export async function filersOf(tx: Tx, institutionIds: readonly number[]): Promise<number[]> {
  if (!institutionIds.length) return []
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.institutionId, [...institutionIds]),
        inArray(users.role, ['reporter', 'ministry_coordinator']),
      ),
    )
  return unique(rows.map((r) => r.id))
}

/** Every active user of these institutions, whatever their role: told when a measure of theirs is rated. */
export async function usersOf(tx: Tx, institutionIds: readonly number[]): Promise<number[]> {
  if (!institutionIds.length) return []
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.institutionId, [...institutionIds])))
  return unique(rows.map((r) => r.id))
}

/** The active ministry coordinators of the institution's sector (its ministry and the agencies under it). */
export async function sectorCoordinatorsOf(tx: Tx, institutionId: number, tree: InstitutionTree): Promise<number[]> {
  const sector = tree.root(institutionId).id
  const rows = await tx
    .select({ id: users.id, institutionId: users.institutionId })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, 'ministry_coordinator')))
  return unique(rows.filter((r) => tree.byId.has(r.institutionId) && tree.root(r.institutionId).id === sector).map((r) => r.id))
}

/** The active plan coordinators of a coordinating institution (a plan's or a survey's). */
export async function coordinatorsOf(tx: Tx, coordinatorInstitutionId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, 'plan_coordinator'), eq(users.institutionId, coordinatorInstitutionId)))
  return unique(rows.map((r) => r.id))
}

/** Institutions a round asks something of: all of them, or only those with something not yet handed in. */
export async function roundInstitutions(tx: Tx, roundId: number, which: 'all' | 'owing'): Promise<number[]> {
  const items = (await loadOwed(tx, [roundId])).get(roundId) ?? []
  return unique(items.filter((item) => which === 'all' || OUTSTANDING.has(stateOf(item))).map((item) => item.institutionId))
}

/** A survey's audience: all of it, or only those who have not submitted their response. */
export async function surveyInstitutions(tx: Tx, surveyId: number, which: 'all' | 'owing'): Promise<number[]> {
  const audience = await tx.select({ id: surveyAudience.institutionId }).from(surveyAudience).where(eq(surveyAudience.surveyId, surveyId))
  if (which === 'all') return unique(audience.map((a) => a.id))
  const submitted = await tx
    .select({ id: surveyResponses.institutionId })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.state, 'submitted')))
  const done = new Set(submitted.map((s) => s.id))
  return unique(audience.map((a) => a.id).filter((id) => !done.has(id)))
}

// ---- events ----

const raise = (fastify: FastifyInstance, tx: Tx, event: NotificationEvent) =>
  event.recipients.length ? fastify.notifications.raise(tx, event) : Promise.resolve()

/** Who did it, when a person did (texts.ts reads `actor`). */
export const actorName = (actor: Actor): { actor?: string } => (actor.kind === 'user' ? { actor: actor.name } : {})

/** A round's params (texts.ts reads `title`, `plan`, `dueDate`). */
export async function roundParams(tx: Tx, round: Pick<RoundRow, 'id' | 'title' | 'period' | 'dueDate' | 'planId'>) {
  const [plan] = await tx.select({ title: plans.title, code: plans.code }).from(plans).where(eq(plans.id, round.planId))
  return {
    roundId: round.id,
    title: round.title,
    period: round.period,
    dueDate: round.dueDate,
    plan: plan?.title ?? '',
    planCode: plan?.code ?? '',
  }
}

export const surveyParams = (survey: Pick<SurveyRow, 'id' | 'title' | 'dueDate'>) => ({
  surveyId: survey.id,
  title: survey.title,
  ...(survey.dueDate ? { dueDate: survey.dueDate } : {}),
})

/** A round opened: those who file for every institution that owes something in it. */
export async function roundOpened(fastify: FastifyInstance, tx: Tx, actor: Actor, round: RoundRow) {
  const recipients = without(await filersOf(tx, await roundInstitutions(tx, round.id, 'all')), actor)
  await raise(fastify, tx, {
    kind: 'work_opened',
    eventKey: `round:${round.id}:opened`,
    recipients,
    params: await roundParams(tx, round),
    link: '/my-work',
  })
}

/** A survey opened (or opened again): those who file for its audience. */
export async function surveyOpened(fastify: FastifyInstance, tx: Tx, actor: Actor, survey: SurveyRow) {
  const recipients = without(await filersOf(tx, await surveyInstitutions(tx, survey.id, 'all')), actor)
  await raise(fastify, tx, {
    kind: 'work_opened',
    eventKey: `survey:${survey.id}:opened:${survey.version}`,
    recipients,
    params: surveyParams(survey),
    link: `/surveys/${survey.id}/answer`,
  })
}

/** What every text about a submission needs: the measure, the institution, the round. */
async function submissionParams(tx: Tx, submission: SubmissionRow, round: RoundRow, actor: Actor) {
  const [measure] = await tx
    .select({ number: measures.number, title: measures.title })
    .from(measures)
    .where(eq(measures.id, submission.measureId))
  const [institution] = await tx
    .select({ code: institutions.code, name: institutions.name })
    .from(institutions)
    .where(eq(institutions.id, submission.institutionId))
  // texts.ts reads title, measure (its number), institution (a name), actor; the rest is for the web app.
  return {
    submissionId: submission.id,
    title: round.title,
    measure: measure?.number ?? '',
    measureTitle: measure?.title ?? '',
    institution: institution?.name ?? '',
    institutionCode: institution?.code ?? '',
    roundId: round.id,
    dueDate: round.dueDate,
    ...actorName(actor),
  }
}

/**
 * A review step taken on a submission (`after` is the row after it):
 * - submitted → the sector's ministry coordinators; the plan's coordinators when the sector has none (no ministry step);
 * - endorsed → its author, and the plan's coordinators (now theirs to accept);
 * - returned → its author and its institution's filers, with the comment;
 * - accepted → its author.
 */
export async function submissionStep(
  fastify: FastifyInstance,
  tx: Tx,
  actor: Actor,
  step: 'submit' | 'endorse' | 'return' | 'accept' | 'unaccept',
  after: SubmissionRow,
  round: RoundRow,
  plan: { coordinatorId: number },
  tree: InstitutionTree,
  /** Why an acceptance was undone. */
  reason?: string,
) {
  const params = await submissionParams(tx, after, round, actor)
  const key = (what: string) => `submission:${after.id}:${what}:v${after.version}`
  const review = `/review/${after.id}`
  const own = `/submissions/${after.id}`
  const author = after.createdBy === null ? [] : [after.createdBy]
  switch (step) {
    case 'submit': {
      const ministry = await sectorCoordinatorsOf(tx, after.institutionId, tree)
      const reviewers = ministry.length ? ministry : await coordinatorsOf(tx, plan.coordinatorId)
      await raise(fastify, tx, {
        kind: 'submitted',
        eventKey: key('submitted'),
        recipients: without(reviewers, actor),
        params,
        link: review,
      })
      return
    }
    case 'endorse': {
      await raise(fastify, tx, { kind: 'endorsed', eventKey: key('endorsed'), recipients: without(author, actor), params, link: own })
      const coordinators = without(await coordinatorsOf(tx, plan.coordinatorId), actor).filter((id) => !author.includes(id))
      await raise(fastify, tx, { kind: 'endorsed', eventKey: key('endorsed'), recipients: coordinators, params, link: review })
      return
    }
    case 'return': {
      const recipients = without(unique([...author, ...(await filersOf(tx, [after.institutionId]))]), actor)
      await raise(fastify, tx, {
        kind: 'returned',
        eventKey: key('returned'),
        recipients,
        params: { ...params, comment: after.returnComment ?? '' },
        link: own,
      })
      return
    }
    case 'accept':
      await raise(fastify, tx, { kind: 'accepted', eventKey: key('accepted'), recipients: without(author, actor), params, link: own })
      return
    case 'unaccept': {
      // The accepted text left the measure: those who file for the institution hear why.
      const recipients = without(unique([...author, ...(await filersOf(tx, [after.institutionId]))]), actor)
      await raise(fastify, tx, {
        kind: 'unaccepted',
        eventKey: key('unaccepted'),
        recipients,
        params: { ...params, comment: reason ?? '' },
        link: own,
      })
    }
  }
}

/**
 * A comment in a submission's thread: the other side hears of it, with the comment. Written by a
 * person of the submission's institution → its reviewers (the sector's ministry coordinators and the
 * plan's coordinators); written by a reviewer → its author and its institution's filers.
 */
export async function submissionComment(
  fastify: FastifyInstance,
  tx: Tx,
  actor: Actor,
  submission: SubmissionRow,
  round: RoundRow,
  plan: { coordinatorId: number },
  tree: InstitutionTree,
  comment: { id: number; text: string },
) {
  const params = { ...(await submissionParams(tx, submission, round, actor)), comment: comment.text }
  const eventKey = `submission:${submission.id}:comment:${comment.id}`
  const fromInstitution = actor.kind === 'user' && actor.institutionId === submission.institutionId
  if (fromInstitution) {
    const reviewers = unique([
      ...(await sectorCoordinatorsOf(tx, submission.institutionId, tree)),
      ...(await coordinatorsOf(tx, plan.coordinatorId)),
    ])
    await raise(fastify, tx, { kind: 'comment', eventKey, recipients: without(reviewers, actor), params, link: `/review/${submission.id}` })
    return
  }
  const author = submission.createdBy === null ? [] : [submission.createdBy]
  const recipients = without(unique([...author, ...(await filersOf(tx, [submission.institutionId]))]), actor)
  await raise(fastify, tx, { kind: 'comment', eventKey, recipients, params, link: `/submissions/${submission.id}` })
}

/** A measure's official status changed: every user of its responsible and involved institutions. */
export async function measureStatusChanged(
  fastify: FastifyInstance,
  tx: Tx,
  actor: Actor,
  before: { id: number; status: string },
  after: { id: number; number: string; title: string; status: string; version: number; planId: number },
  reason: string | null,
) {
  const links = await tx
    .select({ id: measureInstitutions.institutionId })
    .from(measureInstitutions)
    .where(eq(measureInstitutions.measureId, after.id))
  const [plan] = await tx.select({ code: plans.code, title: plans.title }).from(plans).where(eq(plans.id, after.planId))
  const recipients = without(await usersOf(tx, unique(links.map((l) => l.id))), actor)
  await raise(fastify, tx, {
    kind: 'status_changed',
    eventKey: `measure:${after.id}:status:v${after.version}`,
    recipients,
    params: {
      // texts.ts reads title, measure (its number), plan, status (the new one's code, named in the reader's language), actor.
      measureId: after.id,
      title: after.title,
      measure: after.number,
      plan: plan?.title ?? '',
      planCode: plan?.code ?? '',
      status: after.status,
      from: before.status,
      ...(reason ? { comment: reason } : {}),
      ...actorName(actor),
    },
    link: `/measures/${after.id}`,
  })
}
