// GET /api/my/review: what waits for the caller's endorsement or acceptance across open rounds, in
// one request; GET /api/my/review/count, its total alone, checked beside it at every step. Its own
// database copy, so the queue holds exactly what these tests put there.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plans } from '../src/db/schema/index.js'
import { type Client, startTestApp, type TestApp } from './helpers/app.js'
import { daysFromNow, draft, measuresByNumber, type MeasureRef, NONE, openRound, step } from './round-fixtures.js'

let t: TestApp
let admin: Client
let coordinator: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let planCode: string
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ admin, planCoordinator: coordinator, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  const [plan] = await t.app.db.select({ code: plans.code }).from(plans).where(eq(plans.id, planId))
  planCode = plan!.code
  measures = await measuresByNumber(coordinator, planId)
})
afterAll(() => t.close())

const id = (number: string) => measures.get(number)!.id

interface Queue {
  total: number
  rounds: { id: number; planId: number; planCode: string; title: string; count: number }[]
  items: {
    submission: { id: number; roundId: number; institution: string; state: string; abilities: typeof NONE }
    round: { id: number; planId: number; planCode: string; title: string; dueDate: string }
  }[]
}

/** The queue, and the count-only read saying the same total. */
async function queue(client: Client): Promise<Queue> {
  const [res, count] = await Promise.all([client.get('/api/my/review'), client.get('/api/my/review/count')])
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  expect(count.status, JSON.stringify(count.body)).toBe(200)
  expect(count.body).toEqual({ count: res.body.total })
  return res.body
}

/** Drafts and submits one institution's text on one measure of the round. */
async function handIn(client: Client, roundId: number, measure: string, institution: string) {
  const d = await draft(client, roundId, id(measure), institution)
  return step(client, d.id, 'submit', d.version)
}

describe('the review queue', () => {
  it('is empty before anything is handed in, and for reviewers only', async () => {
    for (const client of [admin, coordinator, ministry]) expect(await queue(client)).toEqual({ total: 0, rounds: [], items: [] })
    for (const path of ['/api/my/review', '/api/my/review/count']) {
      for (const client of [reporterVP, reporterVPD, viewer]) expect((await client.get(path)).status).toBe(403)
      expect((await t.http.get(path)).status).toBe(401)
    }
  })

  it('lists exactly what waits for each reviewer in open rounds, with counts per round, leaving closed rounds out', async () => {
    // Round A (due soonest): VPD submitted, IeVP endorsed by TM, VP submitted, LM a draft.
    const a = await openRound(coordinator, planId, {
      title: 'A',
      dueDate: daysFromNow(10),
      measures: [id('2.3'), id('2.9'), id('3.5'), id('2.7')],
    })
    const aVpd = await handIn(reporterVPD, a.id, '2.3', 'VPD')
    const aIevp = await handIn(ministry, a.id, '2.9', 'IeVP')
    const aIevpEndorsed = await step(ministry, aIevp.id, 'endorse', aIevp.version)
    const aVp = await handIn(reporterVP, a.id, '3.5', 'VP')
    await draft(coordinator, a.id, id('2.7'), 'LM')

    // Round B: VPD submitted; IeVP accepted (nothing left to do with it).
    const b = await openRound(coordinator, planId, { title: 'B', dueDate: daysFromNow(40), measures: [id('2.3'), id('2.9')] })
    const bVpd = await handIn(reporterVPD, b.id, '2.3', 'VPD')
    const bIevp = await handIn(ministry, b.id, '2.9', 'IeVP')
    await step(coordinator, bIevp.id, 'accept', bIevp.version)

    // Round C: VPD submitted, then the round closed: out of every queue.
    const c = await openRound(coordinator, planId, { title: 'C', dueDate: daysFromNow(5), measures: [id('2.3')] })
    await handIn(reporterVPD, c.id, '2.3', 'VPD')
    expect((await coordinator.post(`/api/rounds/${c.id}/close`)).status).toBe(200)

    const roundOf = (round: { id: number; title: string }, count: number) => ({ id: round.id, planId, planCode, title: round.title, count })

    // TM endorses its sector's (VPD, IeVP) submitted ones: the endorsed IeVP and IeM's VP are not its.
    const tm = await queue(ministry)
    expect(tm.total).toBe(2)
    expect(tm.rounds).toEqual([roundOf(a, 1), roundOf(b, 1)])
    expect(tm.items.map((i) => [i.round.title, i.submission.institution, i.submission.state])).toEqual([
      ['A', 'VPD', 'submitted'],
      ['B', 'VPD', 'submitted'],
    ])
    expect(tm.items.map((i) => i.submission.id)).toEqual([aVpd.id, bVpd.id])
    for (const item of tm.items) expect(item.submission.abilities).toEqual({ ...NONE, endorse: true, return: true, comment: true })
    expect(tm.items[0]!.round).toEqual({ id: a.id, planId, planCode, title: 'A', dueDate: daysFromNow(10) })

    // IeM accepts everything submitted or endorsed in its plan: endorsed first, then the longest waiting.
    const iem = await queue(coordinator)
    expect(iem.total).toBe(4)
    expect(iem.rounds).toEqual([roundOf(a, 3), roundOf(b, 1)])
    expect(iem.items.map((i) => i.submission.id)).toEqual([aIevpEndorsed.id, aVpd.id, aVp.id, bVpd.id])
    expect(iem.items.map((i) => i.submission.state)).toEqual(['endorsed', 'submitted', 'submitted', 'submitted'])
    for (const item of iem.items) expect(item.submission.abilities).toEqual({ ...NONE, accept: true, return: true, comment: true })
    expect(iem.items.every((i) => i.round.id === i.submission.roundId)).toBe(true)

    // An admin accepts in every plan; there is one.
    const all = await queue(admin)
    expect(all.total).toBe(4)
    expect(all.items.map((i) => i.submission.id)).toEqual(iem.items.map((i) => i.submission.id))
  })

  it('follows each step: an endorsement moves an item from TM’s queue, an acceptance or a return from everyone’s', async () => {
    const before = { tm: (await queue(ministry)).total, iem: (await queue(coordinator)).total }
    const round = await openRound(coordinator, planId, { title: 'D', measures: [id('2.3')] })
    const vpd = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    expect((await queue(ministry)).total).toBe(before.tm + 1)
    expect((await queue(coordinator)).total).toBe(before.iem + 1)

    const endorsed = await step(ministry, vpd.id, 'endorse', vpd.version)
    expect((await queue(ministry)).total).toBe(before.tm)
    const iem = await queue(coordinator)
    expect(iem.total).toBe(before.iem + 1)
    // Endorsed items lead the plan coordinator's queue, the longest waiting (round A's IeVP) first.
    expect(iem.items.map((i) => i.submission.state).slice(0, 3)).toEqual(['endorsed', 'endorsed', 'submitted'])
    expect(iem.items[1]!.submission.id).toBe(vpd.id)

    await step(coordinator, vpd.id, 'return', endorsed.version, 200, { comment: 'Papildināt' })
    expect((await queue(coordinator)).total).toBe(before.iem)
    expect((await queue(coordinator)).rounds.find((r) => r.id === round.id)).toBeUndefined()
  })
})
