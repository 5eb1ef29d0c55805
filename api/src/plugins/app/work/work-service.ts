// The caller's own queues across every open round: what it owes (my work) and what waits for its
// endorsement or acceptance (my review). Each is a fixed number of queries however many plans and
// rounds are open; the shared policy decides what is whose.
import type { FastifyInstance } from 'fastify'
import {
  canTakeStep,
  canWriteFor,
  inGroup,
  isOverdue,
  rigaToday,
  submissionAbilities,
  type MyWorkEntry,
  type MyWorkItem,
  type SurveyWorkItem,
  type ReviewCount,
  type ReviewQueue,
  type ReviewQueueQuery,
  type ReviewStep,
  type SubmissionListItem,
  type SubmissionState,
} from '@apt/shared'
import type { Submission as SubmissionRow } from '../../../db/schema/index.js'
import { ReadCache } from '../../../db/read-cache.js'
import type { Actor } from '../auth/actor.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { isLate, loadOwed, stateOf } from '../rounds/completeness.js'
import { openRoundsWithPlans } from '../rounds/rounds-data.js'
import { submissionFacts } from '../submissions/submission-facts.js'
import { toSubmissionItems } from '../submissions/submission-views.js'
import { submissionCounts, submissionRows } from '../submissions/submissions-data.js'
import { owedSurveys } from '../surveys/responses-data.js'

/** The steps that make a submission wait for a reviewer. */
const REVIEW_STEPS: readonly ReviewStep[] = ['endorse', 'accept']
type ReviewSort = NonNullable<ReviewQueueQuery['sort']>

/** The states a review step can start from; only these are read. */
const UNDER_REVIEW: SubmissionState[] = ['submitted', 'endorsed']

/**
 * My work, kept per role, institution and sector (all a person's work depends on) until a table it
 * is read from changes (db/read-cache.ts), and at most a minute: "overdue" turns at the Riga midnight.
 */
const MY_WORK_CACHE = {
  tables: [
    'plans',
    'rounds',
    'round_measures',
    'measures',
    'measure_institutions',
    'submissions',
    'institutions',
    'surveys',
    'survey_audience',
    'survey_responses',
  ],
  maxEntries: 1_000,
  maxAgeMs: 60_000,
}

export function createWorkService(fastify: FastifyInstance) {
  const { db } = fastify
  const kept = new ReadCache<string, MyWorkEntry[]>(fastify.changes, MY_WORK_CACHE)

  /** The surveys the caller's own institution has not submitted, open or reopened for it (filers only: they answer). */
  async function surveyWork(actor: Actor): Promise<SurveyWorkItem[]> {
    if (actor.kind !== 'user' || !inGroup(actor, 'filers')) return []
    const today = rigaToday()
    return (await owedSurveys(db, [actor.institutionId])).map(({ survey, response }) => ({
      kind: 'survey' as const,
      survey: { id: survey.id, code: survey.code, title: survey.title, period: survey.period, dueDate: survey.dueDate },
      institution: actor.institutionCode,
      state: response ? ('draft' as const) : ('missing' as const),
      reopened: response?.reopenedAt != null,
      version: response?.version ?? 0,
      overdue: survey.dueDate !== null && isOverdue(survey.dueDate, today),
    }))
  }

  /** What the caller owes in open rounds, for every institution it may report for: overdue first, then by due date. */
  async function roundWork(actor: Actor): Promise<MyWorkItem[]> {
    const [open, tree] = await Promise.all([openRoundsWithPlans(db), InstitutionTree.load(db)])
    if (!open.length) return []
    // Only the rows of institutions the caller may write for in some open round's plan are read
    // (a reporter's own, a sector's); the policy below still decides each item.
    const writable = new Set<number>()
    for (const { plan } of open) for (const id of tree.byId.keys()) if (canWriteFor(actor, plan, tree.ref(id))) writable.add(id)
    if (!writable.size) return []
    const owed = await loadOwed(
      db,
      open.map((o) => o.round.id),
      writable.size < tree.byId.size ? [...writable] : undefined,
    )
    const today = rigaToday()
    const work = open.flatMap(({ round, plan }, roundOrder) => {
      const overdue = isOverdue(round.dueDate, today)
      return owed
        .get(round.id)!
        .filter((item) => canWriteFor(actor, plan, tree.ref(item.institutionId)))
        .map((item, itemOrder) => ({
          item: {
            kind: 'round' as const,
            round: { id: round.id, planId: round.planId, title: round.title, period: round.period, dueDate: round.dueDate },
            measure: { id: item.measure.id, number: item.measure.number, title: item.measure.title },
            institution: tree.codeOf(item.institutionId)!,
            role: item.role,
            state: stateOf(item),
            submissionId: item.submission?.id ?? null,
            version: item.submission?.version ?? null,
            overdue: isLate(item, overdue),
          },
          roundOrder,
          itemOrder,
        }))
    })
    work.sort((a, b) => Number(b.item.overdue) - Number(a.item.overdue) || a.roundOrder - b.roundOrder || a.itemOrder - b.itemOrder)
    return work.map((w) => w.item)
  }

  return {
    /**
     * What the caller owes: measures of open rounds for every institution it may report for, and
     * the surveys its own institution is asked to answer. Overdue first; then rounds by due date,
     * then surveys by due date.
     */
    async myWork(actor: Actor): Promise<MyWorkEntry[]> {
      const key = actor.kind === 'user' ? JSON.stringify([actor.role, actor.institutionId, actor.institutionCode, actor.sectorId]) : null
      const read = async () => {
        const [rounds, surveys] = await Promise.all([roundWork(actor), surveyWork(actor)])
        const entries: MyWorkEntry[] = [...rounds, ...surveys]
        return [...entries.filter((e) => e.overdue), ...entries.filter((e) => !e.overdue)]
      }
      return key ? kept.get(key, read) : read()
    },

    /**
     * How many submissions wait for the caller's endorsement or acceptance: the review queue's `total`,
     * from counts per round, institution and state (one aggregate query) asked of the same rule.
     */
    async reviewCount(actor: Actor): Promise<ReviewCount> {
      const open = await openRoundsWithPlans(db)
      if (!open.length) return { count: 0 }
      const byRound = new Map(open.map((o) => [o.round.id, o]))
      const [groups, tree] = await Promise.all([submissionCounts(db, [...byRound.keys()], UNDER_REVIEW), InstitutionTree.load(db)])
      let count = 0
      for (const group of groups) {
        const { round, plan } = byRound.get(group.roundId)!
        if (REVIEW_STEPS.some((step) => canTakeStep(step, actor, plan, round, submissionFacts(tree, group)))) count += group.n
      }
      return { count }
    },

    /**
     * What waits for the caller's endorsement or acceptance across open rounds: the submissions from
     * whose state it may take one of those steps now. `total` and the rounds with their counts are the
     * whole queue (the header's badge, the list's choices); `items` are those matching the query's
     * plan, round, institution and state, in its sort — by default endorsed first (they have passed
     * the sector), then the longest waiting.
     */
    async reviewQueue(actor: Actor, query: ReviewQueueQuery = {}): Promise<ReviewQueue> {
      const open = await openRoundsWithPlans(db)
      if (!open.length) return { total: 0, rounds: [], items: [] }
      const byRound = new Map(open.map((o) => [o.round.id, o]))
      const [rows, tree] = await Promise.all([
        submissionRows(db, { roundIds: [...byRound.keys()], states: UNDER_REVIEW }),
        InstitutionTree.load(db),
      ])
      const contextOf = (row: SubmissionRow) => byRound.get(row.roundId)!
      const waiting = rows.filter((row) => {
        const { round, plan } = contextOf(row)
        return REVIEW_STEPS.some((step) => canTakeStep(step, actor, plan, round, submissionFacts(tree, row)))
      })
      const counts = new Map<number, number>()
      for (const row of waiting) counts.set(row.roundId, (counts.get(row.roundId) ?? 0) + 1)

      const institutionId = query.institution === undefined ? undefined : (tree.byCode.get(query.institution)?.id ?? -1)
      const shown = waiting.filter(
        (row) =>
          (query.plan === undefined || contextOf(row).plan.id === query.plan) &&
          (query.round === undefined || row.roundId === query.round) &&
          (institutionId === undefined || row.institutionId === institutionId) &&
          (query.state === undefined || row.state === query.state),
      )
      // In the annex's order: by round, measure, then the measure's own order of its institutions.
      const listed = await toSubmissionItems(db, shown, tree, (row) => {
        const { round, plan } = contextOf(row)
        return submissionAbilities(actor, plan, round, submissionFacts(tree, row))
      })
      const rowById = new Map(shown.map((row) => [row.id, row]))
      const roundOrder = new Map(open.map(({ round }, index) => [round.id, index]))
      const annexOrder = new Map(listed.map((item, index) => [item.id, index]))
      const waitedSince = (item: SubmissionListItem) => {
        const row = rowById.get(item.id)!
        return (row.submittedAt ?? row.updatedAt).getTime()
      }
      const byMeasure = (a: SubmissionListItem, b: SubmissionListItem) =>
        contextOf(rowById.get(a.id)!).plan.code.localeCompare(contextOf(rowById.get(b.id)!).plan.code, 'lv') ||
        a.measure.number.localeCompare(b.measure.number, 'lv', { numeric: true }) ||
        roundOrder.get(a.roundId)! - roundOrder.get(b.roundId)! ||
        annexOrder.get(a.id)! - annexOrder.get(b.id)!
      const compare: Record<ReviewSort | 'default', (a: SubmissionListItem, b: SubmissionListItem) => number> = {
        default: (a, b) =>
          Number(b.state === 'endorsed') - Number(a.state === 'endorsed') || waitedSince(a) - waitedSince(b) || a.id - b.id,
        oldest: (a, b) => waitedSince(a) - waitedSince(b) || a.id - b.id,
        newest: (a, b) => waitedSince(b) - waitedSince(a) || b.id - a.id,
        measure: byMeasure,
        institution: (a, b) => a.institution.localeCompare(b.institution, 'lv') || byMeasure(a, b),
      }
      const items = [...listed].sort(compare[query.sort ?? 'default'])

      return {
        total: waiting.length,
        rounds: open
          .filter(({ round }) => counts.has(round.id))
          .map(({ round, plan }) => ({
            id: round.id,
            planId: plan.id,
            planCode: plan.code,
            title: round.title,
            count: counts.get(round.id)!,
          })),
        items: items.map((submission) => {
          const { round, plan } = contextOf(rowById.get(submission.id)!)
          return {
            submission,
            round: { id: round.id, planId: plan.id, planCode: plan.code, title: round.title, dueDate: round.dueDate },
          }
        }),
      }
    },
  }
}

export type WorkService = ReturnType<typeof createWorkService>
