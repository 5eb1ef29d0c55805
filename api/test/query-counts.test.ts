// How many SQL statements each read route sends, counted through drizzle's logger on the real
// database: once on the demo plan with a round under way, and again after 80 more measures — each
// with institutions, budget lines, three progress texts, a place in the open round and a handed-in
// submission. A route whose count grows with the number of measures reads per measure (N+1) and
// fails here. Counts, not times: nothing here depends on the machine's speed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, max } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { MeasureListItem, PlanDocument } from '@apt/shared'
import {
  actionLines,
  budgetLines,
  institutions,
  measureInstitutions,
  measures,
  progressEntries,
  roundMeasures,
  submissions,
  users,
} from '../src/db/schema/index.js'
import { computeFigures } from '../src/report/figures.js'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { draft, measuresByNumber, openRound, step } from './round-fixtures.js'

/** Statements the app sent while `counting` was on. */
const statements: string[] = []
let counting = false
const queryLogger = { logQuery: (query: string) => void (counting && statements.push(query)) }

type Who = 'viewer' | 'planCoordinator' | 'ministryCoordinator' | 'reporterVPD'
interface Route {
  name: string
  who: Who
  url: () => string
  bytes?: boolean
}

let t: TestApp
let clients: Record<Who, Client>
let planId: number
let measureId: number
let roundId: number
let submissionId: number
let lineId: number

const ROUTES: Route[] = [
  { name: 'plans', who: 'viewer', url: () => '/api/plans' },
  { name: 'plan', who: 'viewer', url: () => `/api/plans/${planId}` },
  { name: 'plan summary', who: 'viewer', url: () => `/api/plans/${planId}/summary` },
  { name: 'measure list', who: 'viewer', url: () => `/api/plans/${planId}/measures` },
  { name: 'measure list, table view, a page', who: 'viewer', url: () => `/api/plans/${planId}/measures?view=table&limit=20&offset=10` },
  { name: 'measure list, filtered', who: 'viewer', url: () => `/api/plans/${planId}/measures?institution=TM&q=a&sort=deadline` },
  { name: 'measure', who: 'viewer', url: () => `/api/measures/${measureId}` },
  { name: 'measure history', who: 'viewer', url: () => `/api/measures/${measureId}/history` },
  { name: 'measure submissions', who: 'planCoordinator', url: () => `/api/measures/${measureId}/submissions` },
  { name: 'plan rounds', who: 'viewer', url: () => `/api/plans/${planId}/rounds` },
  { name: 'round', who: 'viewer', url: () => `/api/rounds/${roundId}` },
  { name: 'round completeness', who: 'viewer', url: () => `/api/rounds/${roundId}/completeness` },
  { name: 'round completeness, summary', who: 'viewer', url: () => `/api/rounds/${roundId}/completeness?view=summary` },
  { name: 'round submissions', who: 'planCoordinator', url: () => `/api/rounds/${roundId}/submissions` },
  { name: 'submission', who: 'planCoordinator', url: () => `/api/submissions/${submissionId}` },
  { name: 'my work (reporter)', who: 'reporterVPD', url: () => '/api/my/work' },
  { name: 'my work (plan coordinator)', who: 'planCoordinator', url: () => '/api/my/work' },
  { name: 'review queue (plan coordinator)', who: 'planCoordinator', url: () => '/api/my/review' },
  { name: 'review queue (ministry coordinator)', who: 'ministryCoordinator', url: () => '/api/my/review' },
  { name: 'review count (plan coordinator)', who: 'planCoordinator', url: () => '/api/my/review/count' },
  { name: 'plan export', who: 'viewer', url: () => `/api/plans/${planId}/export` },
  { name: 'report', who: 'planCoordinator', url: () => `/api/plans/${planId}/report` },
  { name: 'report check', who: 'planCoordinator', url: () => `/api/plans/${planId}/report/check` },
  { name: 'report.docx', who: 'planCoordinator', url: () => `/api/plans/${planId}/report.docx`, bytes: true },
  { name: 'measures.xlsx', who: 'viewer', url: () => `/api/plans/${planId}/measures.xlsx`, bytes: true },
]

/** Each route's statements, asked one after another (nothing else runs: the notification loop is off). */
async function countAll(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const route of ROUTES) {
    // Counted cold: what the read caches keep (db/read-cache.ts) is forgotten first, so every
    // statement a route needs is counted, whatever was asked before it.
    t.app.changes.changed()
    statements.length = 0
    counting = true
    const request = clients[route.who].get(route.url())
    const res = await (route.bytes ? asBytes(request) : request)
    // Anything the request set going before it answered has had its turn.
    await new Promise((resolve) => setImmediate(resolve))
    counting = false
    expect(res.status, `${route.name}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200)
    counts[route.name] = statements.length
    if (process.env.PRINT_QUERIES === route.name) console.log(statements.join('\n'))
  }
  return counts
}

/** Measures on the plan's first action line, each with what makes a measure heavy to read. */
async function addMeasures(n: number) {
  const db = t.app.db
  const idOf = async (code: string) =>
    (await db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code)))[0]!.id
  const [vpd, vp] = [await idOf('VPD'), await idOf('VP')]
  const [reporter] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO.reporterVPD.email))
  await db.transaction(async (tx) => {
    const [last] = await tx
      .select({ position: max(measures.position) })
      .from(measures)
      .where(eq(measures.planId, planId))
    const position = last?.position ?? 0
    const added = await tx
      .insert(measures)
      .values(
        Array.from({ length: n }, (_, i) => ({
          planId,
          actionLineId: lineId,
          number: `9.${i + 1}`,
          title: `Papildu pasākums ${i + 1}`,
          deadlineText: '2024. gada 31. decembris',
          deadlineDue: '2024-12-31',
          budgetText: 'Valsts budžets',
          expectedResult: 'Rezultāts',
          indicator: 'Rādītājs',
          status: 'partial' as const,
          assessment: 'Daļēji izpildīts',
          // The last is excluded by an amendment: listed, never counted.
          ...(i === n - 1 ? { excludedAct: 'Grozījumi Nr. 1', excludedDate: '2024-06-01' } : {}),
          position: position + 1 + i,
        })),
      )
      .returning({ id: measures.id })
    const ids = added.map((m) => m.id)
    // The one before the last names no institution (its sector is "several").
    await tx.insert(measureInstitutions).values(
      ids
        .slice(0, -2)
        .concat(ids.slice(-1))
        .flatMap((measureId) => [
          { measureId, institutionId: vpd, role: 'responsible' as const, position: 0 },
          { measureId, institutionId: vp, role: 'involved' as const, position: 0 },
        ]),
    )
    await tx
      .insert(budgetLines)
      .values(ids.map((measureId) => ({ measureId, amountEur: 1000, source: 'state_budget' as const, institutionId: vpd, position: 0 })))
    await tx.insert(progressEntries).values(
      ids.flatMap((measureId) =>
        [0, 1, 2].map((position) => ({
          measureId,
          institutionId: vpd,
          period: '2023',
          text: `Izpildes gaita ${position}. `.repeat(40),
          position,
        })),
      ),
    )
    await tx.insert(roundMeasures).values(ids.map((measureId) => ({ roundId, measureId })))
    await tx.insert(submissions).values(
      ids.map((measureId) => ({
        roundId,
        measureId,
        institutionId: vpd,
        text: 'Iesniegts teksts. '.repeat(20),
        proposedStatus: 'partial' as const,
        reason: 'Pamatojums',
        state: 'submitted' as const,
        createdBy: reporter!.id,
        updatedBy: reporter!.id,
        submittedAt: new Date(),
      })),
    )
  })
}

beforeAll(async () => {
  // A 500's cause is printed: the status alone would not say which statement failed.
  const printErrors = (app: FastifyInstance) => app.addHook('onError', async (request, _reply, error) => console.error(request.url, error))
  t = await startTestApp({ NOTIFY_INTERVAL_SECONDS: '0' }, printErrors, { queryLogger })
  clients = await t.loginAll()
  planId = await t.demoPlanId()
  const byNumber = await measuresByNumber(clients.planCoordinator, planId)
  measureId = byNumber.get('2.3')!.id
  const round = await openRound(clients.planCoordinator, planId)
  roundId = round.id
  const handedIn = await draft(clients.reporterVPD, roundId, measureId, 'VPD')
  submissionId = (await step(clients.reporterVPD, handedIn.id, 'submit', handedIn.version)).id
  const [line] = await t.app.db.select({ id: actionLines.id }).from(actionLines).where(eq(actionLines.planId, planId)).limit(1)
  lineId = line!.id
}, 120_000)

afterAll(async () => {
  await t?.close()
})

/** The summary counted in the database says what the report's figures say from the whole document. */
async function expectSummaryAsReport() {
  const [summary, document] = await Promise.all([
    clients.viewer.get(`/api/plans/${planId}/summary`),
    clients.viewer.get(`/api/plans/${planId}/export`),
  ])
  const figures = computeFigures(document.body)
  expect(summary.body).toEqual({
    total: figures.total,
    byStatus: figures.byStatus,
    byActionLine: figures.byActionLine.map(({ number, title, total, done, partial, not_done, pending }) => ({
      number,
      title,
      total,
      done,
      partial,
      not_done,
      pending,
    })),
    bySector: figures.bySector,
  })
}

describe('queries per read route', () => {
  it('do not grow with the number of measures', async () => {
    const before = await countAll()
    await expectSummaryAsReport()
    await addMeasures(80)
    const after = await countAll()
    await expectSummaryAsReport()
    // Past 100 measures the list reads links and budget lines by the plan: still each measure's own.
    const [list, document] = await Promise.all([
      clients.viewer.get(`/api/plans/${planId}/measures`),
      clients.viewer.get(`/api/plans/${planId}/export`),
    ])
    const documented = new Map(
      (document.body as PlanDocument).plan.actionLines.flatMap((line) => line.measures.map((m) => [m.number, m] as const)),
    )
    expect(list.body.length).toBeGreaterThan(100)
    for (const m of list.body as MeasureListItem[]) {
      const doc = documented.get(m.number)!
      expect({ responsible: m.responsible, involved: m.involved, budget: m.budget }).toEqual({
        responsible: doc.responsible,
        involved: doc.involved ?? [],
        budget: doc.budget ?? null,
      })
    }
    if (process.env.PRINT_QUERY_COUNTS)
      console.table(Object.fromEntries(ROUTES.map((r) => [r.name, { demo: before[r.name], '+80': after[r.name] }])))
    expect(after).toEqual(before)
    // A fixed number, and a small one: a detail or list is a handful of statements, the session's included.
    for (const [name, n] of Object.entries(after)) expect(n, name).toBeLessThanOrEqual(name === 'report.docx' ? 24 : 16)
  }, 240_000)
})
