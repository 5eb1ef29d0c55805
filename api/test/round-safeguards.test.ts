// The check before a round is opened (POST /api/plans/{id}/rounds/check): a due date already past
// and measures another open round already asks about come back as warnings with what they would
// cause; nothing is written, opening anyway stays allowed, and the check answers the errors and
// refusals opening would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, eq } from 'drizzle-orm'
import { type Client, startTestApp, type TestApp } from './helpers/app.js'
import { auditLog, rounds } from '../src/db/schema/index.js'
import { daysFromNow, measuresByNumber, type MeasureRef, openRound } from './round-fixtures.js'

let t: TestApp
let admin: Client
let coordinator: Client
let ministry: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ admin, planCoordinator: coordinator, ministryCoordinator: ministry, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
})
afterAll(() => t.close())

const id = (number: string) => measures.get(number)!.id
const body = (extra: Record<string, unknown> = {}) => ({ title: 'Pārbaudāmā kārta', period: '2025', dueDate: daysFromNow(30), ...extra })
const check = (client: Client, extra: Record<string, unknown> = {}, plan = planId) =>
  client.post(`/api/plans/${plan}/rounds/check`, body(extra))

async function closeOpenRounds() {
  const list = await coordinator.get(`/api/plans/${planId}/rounds`)
  for (const r of list.body.filter((round: { state: string }) => round.state === 'open'))
    expect((await coordinator.post(`/api/rounds/${r.id}/close`)).status).toBe(200)
}

const roundCount = async () => Number((await t.app.db.select({ n: count() }).from(rounds))[0]!.n)
const auditCount = async () => Number((await t.app.db.select({ n: count() }).from(auditLog))[0]!.n)

describe('checking a round before it is opened', () => {
  it('has nothing to say about a round due in the future with no other open round', async () => {
    await closeOpenRounds()
    const res = await check(coordinator)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ warnings: [] })
  })

  it('warns that a due date already past makes everyone late at once; a future one is not', async () => {
    const past = daysFromNow(-3)
    const res = await check(coordinator, { dueDate: past })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ warnings: [{ kind: 'due_in_past', dueDate: past }] })
    // Tomorrow is safely in the future in Riga whatever the machine's time zone.
    expect((await check(coordinator, { dueDate: daysFromNow(1) })).body).toEqual({ warnings: [] })
  })

  it('names each open round already asking about some of the measures, and those measures in the plan’s order', async () => {
    await closeOpenRounds()
    const first = await openRound(coordinator, planId, { title: 'Pirmā kārta', measures: [id('3.3'), id('2.1'), id('1.2')] })
    const second = await openRound(coordinator, planId, { title: 'Otrā kārta', measures: [id('2.3')], dueDate: daysFromNow(10) })
    const firstDue = daysFromNow(30)
    const secondDue = daysFromNow(10)

    const chosen = await check(coordinator, { measures: [id('2.3'), id('2.1'), id('3.3'), id('4.2')] })
    expect(chosen.status).toBe(200)
    // The round due first comes first.
    expect(chosen.body).toEqual({
      warnings: [
        {
          kind: 'overlap',
          round: { id: second.id, title: 'Otrā kārta', dueDate: secondDue },
          measures: [{ id: id('2.3'), number: '2.3' }],
        },
        {
          kind: 'overlap',
          round: { id: first.id, title: 'Pirmā kārta', dueDate: firstDue },
          measures: [
            { id: id('2.1'), number: '2.1' },
            { id: id('3.3'), number: '3.3' },
          ],
        },
      ],
    })

    // By default a round asks about every measure not yet done: it overlaps with both.
    const byDefault = await check(coordinator, { dueDate: daysFromNow(-1) })
    expect(byDefault.body.warnings.map((w: { kind: string }) => w.kind)).toEqual(['due_in_past', 'overlap', 'overlap'])
    expect(byDefault.body.warnings[2].measures.map((m: { number: string }) => m.number)).toEqual(['1.2', '2.1', '3.3'])

    // Measures no open round asks about: no warning.
    expect((await check(coordinator, { measures: [id('4.2'), id('4.3')] })).body).toEqual({ warnings: [] })

    // A closed round owes nothing more: it no longer overlaps.
    expect((await coordinator.post(`/api/rounds/${second.id}/close`)).status).toBe(200)
    const afterClose = await check(admin, { measures: [id('2.3'), id('2.1')] })
    expect(afterClose.body.warnings).toEqual([
      { kind: 'overlap', round: { id: first.id, title: 'Pirmā kārta', dueDate: firstDue }, measures: [{ id: id('2.1'), number: '2.1' }] },
    ])
  })

  it('writes nothing, and opening anyway is allowed: warnings are not errors', async () => {
    const [roundsBefore, auditBefore] = [await roundCount(), await auditCount()]
    const res = await check(coordinator, { dueDate: daysFromNow(-2), measures: [id('2.1')] })
    expect(res.body.warnings.map((w: { kind: string }) => w.kind)).toEqual(['due_in_past', 'overlap'])
    expect([await roundCount(), await auditCount()]).toEqual([roundsBefore, auditBefore])

    const opened = await coordinator.post(`/api/plans/${planId}/rounds`, body({ dueDate: daysFromNow(-2), measures: [id('2.1')] }))
    expect(opened.status).toBe(201)
    expect(opened.body.overdue).toBe(true)
    expect(await roundCount()).toBe(roundsBefore + 1)
  })

  it('answers the errors opening would: bad body 400, unknown plan 404, a measure not of the plan 422', async () => {
    const bad = await coordinator.post(`/api/plans/${planId}/rounds/check`, { title: 'x', period: '2025', dueDate: 'rīt' })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('VALIDATION_FAILED')
    expect((await coordinator.post(`/api/plans/${planId}/rounds/check`, { ...body(), extra: 1 })).status).toBe(400)
    expect((await check(coordinator, {}, 999999)).status).toBe(404)
    const foreign = await check(coordinator, { measures: [id('2.1'), 999999] })
    expect(foreign.status).toBe(422)
    expect(foreign.body.code).toBe('INVALID_REFERENCE')
    expect(foreign.body.errors).toEqual([{ path: '/measures/1', message: 'is not a measure of this plan' }])
  })

  it('is for those who may open rounds on the plan: not a ministry coordinator or a viewer; a draft plan is not yet open to rounds', async () => {
    expect((await check(ministry)).status).toBe(403)
    expect((await check(viewer)).status).toBe(403)
    const created = await coordinator.post('/api/plans', {
      code: 'BNN-2025-2027',
      title: 'Nākamais plāns',
      period: { start: '2025-01-01', end: '2027-12-31' },
      coordinator: 'IeM',
    })
    expect(created.status).toBe(201)
    const draft = await check(coordinator, {}, created.body.id)
    expect(draft.status).toBe(409)
    expect(draft.body.code).toBe('INVALID_TRANSITION')
    // A role that opens no rounds is refused before the plan is looked at.
    expect((await check(ministry, {}, created.body.id)).status).toBe(403)
    const [row] = await t.app.db.select({ n: count() }).from(rounds).where(eq(rounds.planId, created.body.id))
    expect(Number(row!.n)).toBe(0)
  })
})
