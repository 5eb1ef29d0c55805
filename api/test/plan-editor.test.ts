// The plan editor through the API: a plan built from nothing (lines, measures, moves, renumbering),
// activated and reported on; versions, reasons on an active plan, a closed plan read-only until an
// admin reopens it; measures with work excluded instead of deleted (and left out of counts, kept in
// the export); drafts invisible to everyone who does not manage them; every change audited.
// Each test builds its own plan, so none depends on another's rows.
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EditorActionLine, Measure, PlanDocument, PlanStructure } from '@apt/shared'
import { asBytes, type Client, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let admin: Client
let coordinator: Client
let ministry: Client
let reporter: Client
let viewer: Client
let demoPlanId: number

beforeAll(async () => {
  t = await startTestApp()
  const clients = await t.loginAll()
  admin = clients.admin
  coordinator = clients.planCoordinator
  ministry = clients.ministryCoordinator
  reporter = clients.reporterVP
  viewer = clients.viewer
  demoPlanId = await t.demoPlanId()
})
afterAll(() => t.close())

const REASON = 'MK 2024. gada 5. marta rīkojums Nr. 170'

function newPlan(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    title: 'Rīcības plāns noziedzības novēršanai',
    period: { start: '2025-01-01', end: '2026-12-31' },
    approvedBy: 'Ministru kabineta 2025. gada 2. janvāra rīkojums Nr. 1',
    coordinator: 'IeM',
    reportDue: '2027-03-01',
    policyFramework: null,
    goal: 'Mazināt noziedzību',
    ...extra,
  }
}

async function structure(planId: number, who: Client = coordinator): Promise<PlanStructure> {
  const res = await who.get(`/api/plans/${planId}/structure`)
  expect(res.status).toBe(200)
  return res.body
}

const planVersion = async (planId: number) => (await structure(planId)).plan.version

async function createPlan(code: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await coordinator.post('/api/plans', newPlan(code, extra))
  expect(res.status).toBe(201)
  return res.body.id
}

async function addLine(planId: number, number: string, extra: Record<string, unknown> = {}): Promise<EditorActionLine> {
  const res = await coordinator.post(`/api/plans/${planId}/action-lines`, {
    number,
    title: `Rīcības virziens ${number}`,
    planVersion: await planVersion(planId),
    ...extra,
  })
  expect(res.status).toBe(201)
  return res.body
}

async function addMeasure(planId: number, lineId: number, number: string, extra: Record<string, unknown> = {}): Promise<Measure> {
  const res = await coordinator.post(`/api/action-lines/${lineId}/measures`, {
    number,
    title: `Pasākums ${number}`,
    responsible: ['VP'],
    planVersion: await planVersion(planId),
    ...extra,
  })
  expect(res.status).toBe(201)
  return res.body
}

/** A draft with lines 1 and 2, measures 1.1, 1.2 and 2.1. */
async function smallPlan(code: string) {
  const planId = await createPlan(code)
  const one = await addLine(planId, '1')
  const two = await addLine(planId, '2')
  await addMeasure(planId, one.id, '1.1')
  await addMeasure(planId, one.id, '1.2')
  await addMeasure(planId, two.id, '2.1', { responsible: ['VPD'], involved: ['VP'] })
  return { planId, lines: [one, two] }
}

const shape = (s: PlanStructure) => s.actionLines.map((l) => [l.number, l.measures.map((m) => m.number)])
const transition = async (planId: number, step: string, body: Record<string, unknown> = {}, who: Client = coordinator) =>
  who.post(`/api/plans/${planId}/${step}`, { version: await planVersion(planId), ...body })
const auditOf = async (planId: number) =>
  (await admin.get(`/api/audit?plan=${planId}&limit=500`)).body as {
    action: string
    entityType: string
    entityLabel: string | null
    before: unknown
    after: unknown
    reason: string | null
  }[]

describe('building a plan from nothing', () => {
  it('creates a draft, adds, moves and renumbers lines and measures, activates it and opens a round', async () => {
    const created = await coordinator.post('/api/plans', newPlan('NEW-1'))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      code: 'NEW-1',
      state: 'draft',
      coordinator: 'IeM',
      measureCount: 0,
      actionLines: [],
      abilities: { edit: true, activate: true, close: false, reopen: false, openRound: false },
    })
    const planId: number = created.body.id

    const one = await addLine(planId, '1', { goal: 'Prevencija' })
    expect(one).toMatchObject({ number: '1', title: 'Rīcības virziens 1', goal: 'Prevencija', measures: [] })
    const three = await addLine(planId, '3')
    // A line put first with `position`.
    const zero = await addLine(planId, '0', { position: 0 })
    expect(shape(await structure(planId)).map(([n]) => n)).toEqual(['0', '1', '3'])

    const m11 = await addMeasure(planId, one.id, '1.1', {
      sourceRef: '1.1.1',
      involved: ['VPD'],
      deadline: { text: '2025. gada 31. decembris', due: '2025-12-31' },
      budget: { text: 'Valsts budžets', lines: [{ amountEur: 1000, source: 'state_budget', institution: 'VP', year: 2025 }] },
      expectedResult: 'Rezultāts',
      indicator: 'Rādītājs',
    })
    expect(m11).toMatchObject({
      number: '1.1',
      sourceRef: '1.1.1',
      responsible: ['VP'],
      involved: ['VPD'],
      sector: 'IeM',
      deadline: { text: '2025. gada 31. decembris', due: '2025-12-31' },
      budget: { text: 'Valsts budžets', lines: [{ amountEur: 1000, source: 'state_budget', institution: 'VP', year: 2025 }] },
      status: 'pending',
      excluded: null,
      actionLine: { id: one.id, number: '1' },
    })
    await addMeasure(planId, one.id, '1.3')
    // Put between 1.1 and 1.3.
    await addMeasure(planId, one.id, '1.2', { position: 1, sourceRef: '1.2.1' })
    const m31 = await addMeasure(planId, three.id, '3.1')
    const m01 = await addMeasure(planId, zero.id, '0.1')
    expect(shape(await structure(planId))).toEqual([
      ['0', ['0.1']],
      ['1', ['1.1', '1.2', '1.3']],
      ['3', ['3.1']],
    ])

    // Line 0 to the end; 3.1 to the front of line 1; 0.1 into line 3 (now empty) .
    let s = await structure(planId)
    const zeroLine = s.actionLines.find((l) => l.id === zero.id)!
    const moved = await coordinator.patch(`/api/action-lines/${zero.id}`, { version: zeroLine.version, position: 2 })
    expect(moved.status).toBe(200)
    expect(
      (await coordinator.post(`/api/measures/${m31.id}/move`, { version: m31.version, actionLineId: one.id, position: 0 })).status,
    ).toBe(200)
    const into = await coordinator.post(`/api/measures/${m01.id}/move`, { version: m01.version, actionLineId: three.id, position: 0 })
    expect(into.status).toBe(200)
    expect(into.body.actionLine).toMatchObject({ id: three.id, number: '3' })
    s = await structure(planId)
    expect(shape(s)).toEqual([
      ['1', ['3.1', '1.1', '1.2', '1.3']],
      ['3', ['0.1']],
      ['0', []],
    ])

    // Lists, exports and the structure read one plan-wide order.
    const listed = (await coordinator.get(`/api/plans/${planId}/measures`)).body.map((m: Measure) => m.number)
    expect(listed).toEqual(['3.1', '1.1', '1.2', '1.3', '0.1'])
    const exported: PlanDocument = (await coordinator.get(`/api/plans/${planId}/export`)).body
    expect(exported.plan.actionLines.map((l) => [l.number, l.measures.map((m) => m.number)])).toEqual(shape(s))

    // Renumber: 1…n and L.k in order; source numbers stay.
    const renumbered = await coordinator.post(`/api/plans/${planId}/renumber`, { version: s.plan.version })
    expect(renumbered.status).toBe(200)
    expect(shape(renumbered.body)).toEqual([
      ['1', ['1.1', '1.2', '1.3', '1.4']],
      ['2', ['2.1']],
      ['3', []],
    ])
    expect(renumbered.body.plan.version).toBeGreaterThan(s.plan.version)
    const after = (await coordinator.get(`/api/plans/${planId}/measures`)).body as Measure[]
    expect(after.map((m) => [m.number, m.sourceRef])).toEqual([
      ['1.1', null],
      ['1.2', '1.1.1'],
      ['1.3', '1.2.1'],
      ['1.4', null],
      ['2.1', null],
    ])
    // The measures renumbered moved on a version, so a form holding the old one reloads.
    expect(after[1]!.version).toBeGreaterThan(m11.version)

    // The empty line goes; the plan activates and takes a round.
    const empty = renumbered.body.actionLines[2] as EditorActionLine
    expect((await coordinator.delete(`/api/action-lines/${empty.id}`).send({ version: empty.version })).status).toBe(204)
    const activated = await transition(planId, 'activate', { reason: 'Apstiprināts' })
    expect(activated.status).toBe(200)
    expect(activated.body).toMatchObject({ state: 'active', measureCount: 5, abilities: { activate: false, close: true, openRound: true } })
    const round = await coordinator.post(`/api/plans/${planId}/rounds`, { title: 'Pirmā kārta', period: '2025', dueDate: '2030-03-01' })
    expect(round.status).toBe(201)
    expect(round.body.measures.map((m: { number: string }) => m.number)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1'])
    // The export names the coordinator and every institution used, so it imports again.
    const doc: PlanDocument = (await coordinator.get(`/api/plans/${planId}/export`)).body
    expect(doc.institutions.map((i) => i.code)).toEqual(expect.arrayContaining(['IeM', 'VP', 'VPD']))
    expect(doc.institutions[0]!.code).toBe('IeM')
  })

  it('refuses to activate a plan without an action line and a measure, and to open a round on a draft', async () => {
    const planId = await createPlan('EMPTY-1')
    const empty = await transition(planId, 'activate')
    expect(empty.status).toBe(409)
    expect(empty.body.code).toBe('INVALID_TRANSITION')
    expect(empty.body.message).toMatch(/at least one action line and one measure/)
    await addLine(planId, '1')
    expect((await transition(planId, 'activate')).body.code).toBe('INVALID_TRANSITION')

    const { planId: draftId } = await smallPlan('DRAFT-ROUND')
    const round = await coordinator.post(`/api/plans/${draftId}/rounds`, { title: 'Par agru', period: '2025', dueDate: '2030-03-01' })
    expect(round.status).toBe(409)
    expect(round.body).toMatchObject({ code: 'INVALID_TRANSITION' })
    expect(round.body.message).toMatch(/draft/)
    // Rating waits for activation too; other fields are editable.
    const [measure] = (await coordinator.get(`/api/plans/${draftId}/measures`)).body as Measure[]
    const rate = await coordinator.patch(`/api/measures/${measure!.id}`, { version: measure!.version, status: 'done', reason: 'Izpildīts' })
    expect(rate.status).toBe(409)
    expect(rate.body.code).toBe('INVALID_TRANSITION')
    const edit = await coordinator.patch(`/api/measures/${measure!.id}`, { version: measure!.version, title: 'Jauns nosaukums' })
    expect(edit.status).toBe(200)
    // Twice through: an active plan is not activated again.
    expect((await transition(draftId, 'activate')).status).toBe(200)
    expect((await transition(draftId, 'activate')).body.code).toBe('INVALID_TRANSITION')
  })

  it('lets a plan coordinator name only its own institution as coordinator; codes are checked', async () => {
    const other = await coordinator.post('/api/plans', newPlan('TM-PLAN', { coordinator: 'TM' }))
    expect(other.status).toBe(403)
    const byAdmin = await admin.post('/api/plans', newPlan('TM-PLAN', { coordinator: 'TM' }))
    expect(byAdmin.status).toBe(201)
    expect(byAdmin.body).toMatchObject({ coordinator: 'TM', state: 'draft' })
    // IeM's coordinator does not manage TM's draft: it is not there for it.
    expect((await coordinator.get(`/api/plans/${byAdmin.body.id}`)).status).toBe(404)

    const unknown = await coordinator.post('/api/plans', newPlan('X-1', { coordinator: 'NOPE' }))
    expect(unknown.status).toBe(422)
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_INSTITUTIONS', details: { codes: [{ code: 'NOPE', path: '/coordinator' }] } })
    const demoCode = (await coordinator.get(`/api/plans/${demoPlanId}`)).body.code
    const duplicate = await coordinator.post('/api/plans', newPlan(demoCode))
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.code).toBe('ALREADY_EXISTS')
    const backwards = await coordinator.post('/api/plans', newPlan('X-2', { period: { start: '2026-01-01', end: '2025-01-01' } }))
    expect(backwards.status).toBe(400)
    expect(backwards.body.errors).toEqual([{ path: '/period/end', message: 'must not be before the start' }])
    expect((await reporter.post('/api/plans', newPlan('X-3'))).status).toBe(403)

    const { planId, lines } = await smallPlan('CODES-1')
    const version = await planVersion(planId)
    const line = await coordinator.post(`/api/plans/${planId}/action-lines`, { number: '1', title: 'Atkal', planVersion: version })
    expect(line.status).toBe(409)
    expect(line.body).toMatchObject({ code: 'ALREADY_EXISTS', message: 'Action line 1 already exists in this plan' })
    const measure = await coordinator.post(`/api/action-lines/${lines[1]!.id}/measures`, {
      number: '1.1',
      title: 'Dublikāts',
      responsible: ['VP'],
      planVersion: version,
    })
    expect(measure.status).toBe(409)
    expect(measure.body.code).toBe('ALREADY_EXISTS')
    const strangers = await coordinator.post(`/api/action-lines/${lines[1]!.id}/measures`, {
      number: '2.2',
      title: 'Nezināmie',
      responsible: ['VP', 'XX'],
      involved: ['YY'],
      planVersion: version,
    })
    expect(strangers.status).toBe(422)
    expect(strangers.body.details.codes).toEqual([
      { code: 'XX', path: '/responsible/1' },
      { code: 'YY', path: '/involved/0' },
    ])
    // The plan's own fields: a code in use is refused, another coordinator is not the coordinator's to name.
    const patched = await coordinator.patch(`/api/plans/${planId}`, { version, title: 'Jauns', code: 'CODES-2', goal: null })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ title: 'Jauns', code: 'CODES-2', goal: null, version: version + 1 })
    expect((await coordinator.patch(`/api/plans/${planId}`, { version: version + 1, code: demoCode })).body.code).toBe('ALREADY_EXISTS')
    expect((await coordinator.patch(`/api/plans/${planId}`, { version: version + 1, coordinator: 'TM' })).status).toBe(403)
  })
})

describe('versions and reasons', () => {
  it('gives 409 to an editor holding a stale version', async () => {
    const { planId, lines } = await smallPlan('STALE-1')
    const s = await structure(planId)
    const stale = s.plan.version
    // Another editor adds a line: the plan's version moves on.
    await addLine(planId, '3')
    const late = await coordinator.post(`/api/plans/${planId}/action-lines`, { number: '4', title: 'Vēlu', planVersion: stale })
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('VERSION_CONFLICT')
    expect(
      (
        await coordinator.post(`/api/action-lines/${lines[0]!.id}/measures`, {
          number: '1.9',
          title: 'x',
          responsible: ['VP'],
          planVersion: stale,
        })
      ).body.code,
    ).toBe('VERSION_CONFLICT')
    expect((await coordinator.post(`/api/plans/${planId}/renumber`, { version: stale })).body.code).toBe('VERSION_CONFLICT')
    expect((await coordinator.patch(`/api/plans/${planId}`, { version: stale, title: 'x' })).body.code).toBe('VERSION_CONFLICT')
    expect((await coordinator.post(`/api/plans/${planId}/activate`, { version: stale })).body.code).toBe('VERSION_CONFLICT')

    const line = s.actionLines[0]!
    expect((await coordinator.patch(`/api/action-lines/${line.id}`, { version: line.version, title: 'Pirmais' })).status).toBe(200)
    expect((await coordinator.patch(`/api/action-lines/${line.id}`, { version: line.version, title: 'Otrais' })).body.code).toBe(
      'VERSION_CONFLICT',
    )
    expect((await coordinator.delete(`/api/action-lines/${line.id}`).send({ version: line.version })).body.code).toBe('VERSION_CONFLICT')
    const measure = line.measures[0]!
    expect(
      (await coordinator.post(`/api/measures/${measure.id}/move`, { version: measure.version, actionLineId: line.id, position: 1 })).status,
    ).toBe(200)
    for (const res of [
      await coordinator.post(`/api/measures/${measure.id}/move`, { version: measure.version, actionLineId: line.id, position: 0 }),
      await coordinator.post(`/api/measures/${measure.id}/exclude`, {
        version: measure.version,
        excluded: { act: REASON, date: '2024-03-05' },
      }),
      await coordinator.delete(`/api/measures/${measure.id}`).send({ version: measure.version }),
    ])
      expect(res.body.code).toBe('VERSION_CONFLICT')
  })

  it('needs a reason for every change of an active plan', async () => {
    const { planId, lines } = await smallPlan('REASON-1')
    expect((await transition(planId, 'activate')).status).toBe(200)
    const s = await structure(planId)
    const version = s.plan.version
    const measure = s.actionLines[0]!.measures[0]!
    const line = s.actionLines[0]!
    const attempts = [
      await coordinator.patch(`/api/plans/${planId}`, { version, title: 'Grozīts' }),
      await coordinator.post(`/api/plans/${planId}/action-lines`, { number: '3', title: 'Jauns', planVersion: version }),
      await coordinator.post(`/api/action-lines/${lines[0]!.id}/measures`, {
        number: '1.3',
        title: 'x',
        responsible: ['VP'],
        planVersion: version,
      }),
      await coordinator.patch(`/api/action-lines/${line.id}`, { version: line.version, title: 'Grozīts' }),
      await coordinator.delete(`/api/action-lines/${line.id}`).send({ version: line.version }),
      await coordinator.post(`/api/measures/${measure.id}/move`, { version: measure.version, actionLineId: lines[1]!.id, position: 0 }),
      await coordinator.post(`/api/measures/${measure.id}/exclude`, {
        version: measure.version,
        excluded: { act: REASON, date: '2024-03-05' },
      }),
      await coordinator.delete(`/api/measures/${measure.id}`).send({ version: measure.version }),
      await coordinator.post(`/api/plans/${planId}/renumber`, { version }),
    ]
    for (const res of attempts) {
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ path: '/reason' }] })
    }
    // Nothing changed; with a reason the change is made and the reason kept in its audit row.
    expect((await structure(planId)).plan.version).toBe(version)
    const added = await coordinator.post(`/api/plans/${planId}/action-lines`, {
      number: '3',
      title: 'Jauns',
      planVersion: version,
      reason: REASON,
    })
    expect(added.status).toBe(201)
    const row = (await auditOf(planId)).find((r) => r.action === 'action-line.create' && (r.after as { number: string }).number === '3')
    expect(row).toMatchObject({
      reason: REASON,
      entityLabel: '3. rīcības virziens',
      before: { planVersion: version },
      after: { number: '3', planVersion: version + 1 },
    })
  })
})

describe('a closed plan', () => {
  it('is read-only until an administrator reopens it with a reason', async () => {
    const { planId, lines } = await smallPlan('CLOSE-1')
    expect((await transition(planId, 'close')).body.code).toBe('INVALID_TRANSITION') // still a draft
    expect((await transition(planId, 'activate')).status).toBe(200)
    const round = await coordinator.post(`/api/plans/${planId}/rounds`, { title: 'Kārta', period: '2025', dueDate: '2030-03-01' })
    const refused = await transition(planId, 'close')
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'INVALID_TRANSITION', message: 'Close the open reporting rounds first: “Kārta”' })
    expect((await coordinator.post(`/api/rounds/${round.body.id}/close`)).status).toBe(200)
    const closed = await transition(planId, 'close', { reason: 'Ziņojums iesniegts' })
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ state: 'closed', abilities: { edit: false, close: false, reopen: false, openRound: false } })

    const s = await structure(planId)
    const version = s.plan.version
    const measure = s.actionLines[0]!.measures[0]!
    for (const res of [
      await coordinator.patch(`/api/plans/${planId}`, { version, title: 'x', reason: REASON }),
      await coordinator.post(`/api/plans/${planId}/action-lines`, { number: '3', title: 'x', planVersion: version, reason: REASON }),
      await coordinator.post(`/api/action-lines/${lines[0]!.id}/measures`, {
        number: '1.9',
        title: 'x',
        responsible: ['VP'],
        planVersion: version,
        reason: REASON,
      }),
      await coordinator.post(`/api/plans/${planId}/renumber`, { version, reason: REASON }),
      await coordinator.delete(`/api/measures/${measure.id}`).send({ version: measure.version, reason: REASON }),
      await coordinator.patch(`/api/measures/${measure.id}`, { version: measure.version, assessment: 'x' }),
    ]) {
      expect(res.status).toBe(409)
      expect(res.body.code).toBe('PLAN_CLOSED')
    }
    const noRound = await coordinator.post(`/api/plans/${planId}/rounds`, { title: 'Vēl', period: '2026', dueDate: '2030-03-01' })
    expect(noRound.status).toBe(409)
    expect(noRound.body.code).toBe('INVALID_TRANSITION')
    // Still readable by everyone.
    expect((await viewer.get(`/api/plans/${planId}`)).body.state).toBe('closed')

    expect((await transition(planId, 'reopen', { reason: 'Kļūda' })).status).toBe(403)
    const noReason = await transition(planId, 'reopen', {}, admin)
    expect(noReason.status).toBe(400)
    expect(noReason.body.code).toBe('REASON_REQUIRED')
    const reopened = await transition(planId, 'reopen', { reason: 'Ziņojumā jālabo kļūda' }, admin)
    expect(reopened.status).toBe(200)
    expect(reopened.body.state).toBe('active')
    expect((await transition(planId, 'reopen', { reason: 'Vēlreiz' }, admin)).body.code).toBe('INVALID_TRANSITION')

    const rows = (await auditOf(planId)).filter((r) => r.action.startsWith('plan.') && r.action !== 'plan.create')
    expect(rows.map((r) => [r.action, (r.before as { state: string }).state, (r.after as { state: string }).state, r.reason])).toEqual([
      ['plan.reopen', 'closed', 'active', 'Ziņojumā jālabo kļūda'],
      ['plan.close', 'active', 'closed', 'Ziņojums iesniegts'],
      ['plan.activate', 'draft', 'active', null],
    ])
  })
})

describe('measures with work', () => {
  /** A copy of the demo plan under another code: active, with progress on every measure. */
  async function demoCopy(code: string): Promise<number> {
    const doc: PlanDocument = (await coordinator.get(`/api/plans/${demoPlanId}/export`)).body
    const res = await coordinator.post('/api/plans/import', { ...doc, plan: { ...doc.plan, code } })
    expect(res.status).toBe(201)
    return res.body.id
  }

  it('are excluded by an amendment instead of deleted, and then left out of every count', async () => {
    const planId = await demoCopy('WORK-1')
    const s = await structure(planId)
    const line1 = s.actionLines[0]!
    const m11 = line1.measures[0]!
    expect(m11).toMatchObject({ number: '1.1', hasWork: true, excluded: null })

    const del = await coordinator.delete(`/api/measures/${m11.id}`).send({ version: m11.version, reason: REASON })
    expect(del.status).toBe(409)
    expect(del.body).toMatchObject({
      code: 'MEASURE_HAS_WORK',
      message: 'Measure 1.1 has submissions or progress: exclude it by an amendment instead of deleting',
    })
    const delLine = await coordinator.delete(`/api/action-lines/${line1.id}`).send({ version: line1.version, reason: REASON })
    expect(delLine.status).toBe(409)
    expect(delLine.body.code).toBe('MEASURE_HAS_WORK')
    const worked = line1.measures.filter((m) => m.hasWork).map((m) => m.number)
    expect(worked.length).toBeLessThan(line1.measures.length)
    expect(delLine.body.details.measures.map((m: { number: string }) => m.number)).toEqual(worked)
    expect(delLine.body.message).toBe(
      `Measures ${worked.join(', ')} have submissions or progress: exclude them by an amendment instead of deleting`,
    )

    const before = (await coordinator.get(`/api/plans/${planId}/summary`)).body
    expect(before.total).toBe(30)
    const excluded = { act: 'MK 2024. gada 5. marta rīkojums Nr. 170', date: '2024-03-05' }
    const res = await coordinator.post(`/api/measures/${m11.id}/exclude`, { version: m11.version, excluded, reason: REASON })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ number: '1.1', excluded, status: 'done' })
    expect((await coordinator.get(`/api/measures/${m11.id}`)).body.excluded).toEqual(excluded)
    expect((await coordinator.get(`/api/plans/${planId}/measures`)).body[0]).toMatchObject({ number: '1.1', excluded })

    // Out of every count: total, by status, by action line, by sector (1.1 is VP's: IeM's sector).
    const after = (await coordinator.get(`/api/plans/${planId}/summary`)).body
    expect(after.total).toBe(29)
    expect(after.byStatus.done).toBe(before.byStatus.done - 1)
    expect(after.byActionLine[0]).toMatchObject({
      number: '1',
      total: before.byActionLine[0].total - 1,
      done: before.byActionLine[0].done - 1,
    })
    const sector = (summary: { bySector: { sector: string; count: number }[] }) => summary.bySector.find((x) => x.sector === 'IeM')!.count
    expect(sector(after)).toBe(sector(before) - 1)

    // The report shows it as excluded: preview, DOCX and the measure exports.
    const preview = (await coordinator.get(`/api/plans/${planId}/report/preview`)).body
    expect(preview.actionLines[0].measures[0]).toEqual({
      number: '1.1',
      title: expect.any(String),
      sourceRef: null,
      status: 'done',
      excluded,
    })
    expect(preview.summary).toMatch(
      /^Kopā no Plānā iekļautajiem 29 pasākumiem .* Ar Plāna grozījumiem izslēgts 1 pasākums; tas šajā skaitā nav ieskaitīts\.$/,
    )
    const label = 'Izslēgts (MK 2024. gada 5. marta rīkojums Nr. 170, 05.03.2024.)'
    const docx = await asBytes(coordinator.get(`/api/plans/${planId}/report.docx`))
    expect(docx.status).toBe(200)
    const xml = strFromU8(unzipSync(new Uint8Array(docx.body as Buffer))['word/document.xml']!)
    expect(xml).toContain(label)
    const csv = (await coordinator.get(`/api/plans/${planId}/measures.csv`)).text
    expect(csv).toContain(label)

    // A new round does not ask about it, and cannot be made to.
    const round = await coordinator.post(`/api/plans/${planId}/rounds`, {
      title: 'Bez 1.1',
      period: '2025',
      dueDate: '2030-03-01',
      measures: [m11.id],
    })
    expect(round.status).toBe(422)
    expect(round.body.errors).toEqual([{ path: '/measures/0', message: 'is excluded from the plan by an amendment' }])

    // The export carries it, and export → import → export gives the same document.
    const exported: PlanDocument = (await coordinator.get(`/api/plans/${planId}/export`)).body
    expect(exported.plan.actionLines[0]!.measures[0]!.excluded).toEqual(excluded)
    expect(exported.plan.actionLines[0]!.measures[1]!).not.toHaveProperty('excluded')
    const imported = await coordinator.post('/api/plans/import', { ...exported, plan: { ...exported.plan, code: 'WORK-1-COPY' } })
    expect(imported.status).toBe(201)
    const again: PlanDocument = (await coordinator.get(`/api/plans/${imported.body.id}/export`)).body
    expect({ ...again, plan: { ...again.plan, code: 'WORK-1' } }).toEqual(exported)

    // Taken back with null: counted again.
    const back = await coordinator.post(`/api/measures/${m11.id}/exclude`, { version: res.body.version, excluded: null, reason: 'Atcelts' })
    expect(back.body.excluded).toBeNull()
    expect((await coordinator.get(`/api/plans/${planId}/summary`)).body.total).toBe(30)
    const audit = (await auditOf(planId)).filter((r) => r.entityType === 'measure')
    expect(audit.slice(0, 2).map((r) => [r.action, r.before, r.after, r.reason])).toEqual([
      [
        'measure.include',
        { excluded, version: 2, planVersion: expect.any(Number) },
        { excluded: null, version: 3, planVersion: expect.any(Number) },
        'Atcelts',
      ],
      [
        'measure.exclude',
        { excluded: null, version: 1, planVersion: expect.any(Number) },
        { excluded, version: 2, planVersion: expect.any(Number) },
        REASON,
      ],
    ])
  })

  it('removes what has no work, keeping positions dense, and audits what was removed', async () => {
    const planId = await demoCopy('WORK-2')
    const s = await structure(planId)
    const line4 = s.actionLines[3]!
    const added = await addMeasure(planId, line4.id, '4.9', { position: 0, reason: REASON })
    expect((await structure(planId)).actionLines[3]!.measures.map((m) => [m.number, m.hasWork])).toEqual([
      ['4.9', false],
      ...line4.measures.map((m) => [m.number, m.hasWork]),
    ])
    const del = await coordinator.delete(`/api/measures/${added.id}`).send({ version: added.version, reason: 'Pievienots kļūdas pēc' })
    expect(del.status).toBe(204)
    expect((await coordinator.get(`/api/measures/${added.id}`)).status).toBe(404)
    const numbers = (await coordinator.get(`/api/plans/${planId}/measures`)).body.map((m: Measure) => m.number)
    const demoNumbers = (await coordinator.get(`/api/plans/${demoPlanId}/measures`)).body.map((m: Measure) => m.number)
    expect(numbers).toEqual(demoNumbers)
    const [row] = (await auditOf(planId)).filter((r) => r.action === 'measure.delete')
    expect(row).toMatchObject({ reason: 'Pievienots kļūdas pēc', before: { number: '4.9', title: 'Pasākums 4.9', responsible: ['VP'] } })

    // A new line with a measure goes whole.
    const line = await addLine(planId, '5', { reason: REASON })
    await addMeasure(planId, line.id, '5.1', { reason: REASON })
    const fresh = (await structure(planId)).actionLines.find((l) => l.id === line.id)!
    expect((await coordinator.delete(`/api/action-lines/${line.id}`).send({ version: fresh.version, reason: REASON })).status).toBe(204)
    expect((await structure(planId)).actionLines.map((l) => l.number)).toEqual(['1', '2', '3', '4'])
    const [lineRow] = (await auditOf(planId)).filter((r) => r.action === 'action-line.delete')
    expect(lineRow).toMatchObject({ before: { number: '5', measures: [{ number: '5.1' }] }, reason: REASON })
  })

  it('moves a measure only within its own plan', async () => {
    const { planId, lines } = await smallPlan('MOVE-1')
    const [measure] = (await coordinator.get(`/api/plans/${planId}/measures`)).body as Measure[]
    const demoLine = (await structure(demoPlanId)).actionLines[0]!
    const res = await coordinator.post(`/api/measures/${measure!.id}/move`, {
      version: measure!.version,
      actionLineId: demoLine.id,
      position: 0,
    })
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ path: '/actionLineId' }] })
    const nowhere = await coordinator.post(`/api/measures/${measure!.id}/move`, {
      version: measure!.version,
      actionLineId: 999999,
      position: 0,
    })
    expect(nowhere.status).toBe(422)
    // A place past the end is the end.
    const moved = await coordinator.post(`/api/measures/${measure!.id}/move`, {
      version: measure!.version,
      actionLineId: lines[1]!.id,
      position: 99,
    })
    expect(moved.status).toBe(200)
    expect(shape(await structure(planId))).toEqual([
      ['1', ['1.2']],
      ['2', ['2.1', '1.1']],
    ])
    const [row] = (await auditOf(planId)).filter((r) => r.action === 'measure.move')
    expect(row).toMatchObject({ before: { actionLine: '1', position: 0 }, after: { actionLine: '2', position: 1 } })
  })
})

describe('a draft', () => {
  it('is seen only by those who manage it', async () => {
    const { planId } = await smallPlan('HIDDEN-1')
    const [measure] = (await coordinator.get(`/api/plans/${planId}/measures`)).body as Measure[]
    const reads = [
      `/api/plans/${planId}`,
      `/api/plans/${planId}/structure`,
      `/api/plans/${planId}/measures`,
      `/api/plans/${planId}/summary`,
      `/api/plans/${planId}/export`,
      `/api/plans/${planId}/rounds`,
      `/api/plans/${planId}/measures.csv`,
      `/api/plans/${planId}/measures.xlsx`,
      `/api/measures/${measure!.id}`,
      `/api/measures/${measure!.id}/history`,
    ]
    const reportReads = [`/api/plans/${planId}/report`, `/api/plans/${planId}/report/preview`, `/api/plans/${planId}/report.docx`]
    for (const who of [reporter, viewer, ministry]) {
      const list = (await who.get('/api/plans')).body as { id: number }[]
      expect(list.map((p) => p.id)).not.toContain(planId)
      expect(list.map((p) => p.id)).toContain(demoPlanId)
      for (const url of reads) expect([url, (await who.get(url)).status]).toEqual([url, 404])
    }
    for (const who of [viewer, ministry]) for (const url of reportReads) expect([url, (await who.get(url)).status]).toEqual([url, 404])
    for (const who of [coordinator, admin]) {
      expect((await who.get('/api/plans')).body.map((p: { id: number }) => p.id)).toContain(planId)
      for (const url of [...reads, ...reportReads]) expect([url, (await who.get(url)).status]).toEqual([url, 200])
    }
    // Once active, everyone reads it.
    expect((await transition(planId, 'activate')).status).toBe(200)
    for (const who of [reporter, viewer, ministry]) expect((await who.get(`/api/plans/${planId}`)).status).toBe(200)
  })
})

describe('the audit of a plan’s shaping', () => {
  it('keeps before and after of every change', async () => {
    const { planId, lines } = await smallPlan('AUDIT-1')
    const s = await structure(planId)
    const line = s.actionLines[1]!
    await coordinator.patch(`/api/action-lines/${line.id}`, { version: line.version, number: '5', title: 'Pārdēvēts', position: 0 })
    await coordinator.post(`/api/plans/${planId}/renumber`, { version: await planVersion(planId) })
    const rows = await auditOf(planId)
    const actions = rows.map((r) => r.action).reverse()
    expect(actions).toEqual([
      'plan.create',
      'action-line.create',
      'action-line.create',
      'measure.create',
      'measure.create',
      'measure.create',
      'action-line.update',
      'plan.renumber',
    ])
    const byAction = (action: string) => rows.find((r) => r.action === action)!
    expect(byAction('plan.create').after).toMatchObject({ code: 'AUDIT-1', state: 'draft' })
    expect(byAction('action-line.update')).toMatchObject({
      before: { number: '2', title: 'Rīcības virziens 2', position: 1, version: line.version },
      after: { number: '5', title: 'Pārdēvēts', position: 0, version: line.version + 1 },
    })
    expect(byAction('plan.renumber')).toMatchObject({
      before: {
        actionLines: [
          { id: line.id, number: '5' },
          { id: lines[0]!.id, number: '1' },
        ],
        measures: [{ number: '2.1' }, { number: '1.1' }, { number: '1.2' }],
      },
      after: {
        actionLines: [
          { id: line.id, number: '1' },
          { id: lines[0]!.id, number: '2' },
        ],
        measures: [{ number: '1.1' }, { number: '2.1' }, { number: '2.2' }],
      },
    })
    expect(byAction('measure.create').after).toMatchObject({ number: '2.1', responsible: ['VPD'], involved: ['VP'], position: 0 })
  })
})

describe('changing a measure’s every field', () => {
  it('takes a new number and the whole budget, refuses a taken number, and asks a reason to renumber an approved plan', async () => {
    const { planId } = await smallPlan('FIELDS-1')
    const structure = (await coordinator.get(`/api/plans/${planId}/structure`)).body as PlanStructure
    const [first, second] = structure.actionLines[0]!.measures
    const budget = {
      text: 'Papildu līdzekļi 46 000 euro apmērā',
      lines: [
        {
          amountEur: 46000,
          source: 'additional_state_budget',
          institution: 'IeM',
          programme: '06.01.01 Valsts policija',
          year: 2024,
          granted: false,
        },
      ],
    }
    const changed = await coordinator.patch(`/api/measures/${first!.id}`, { version: first!.version, number: '1.9', budget })
    expect(changed.status).toBe(200)
    expect(changed.body.measure).toMatchObject({
      number: '1.9',
      budget: { text: budget.text, lines: [{ amountEur: 46000, institution: 'IeM', granted: false }] },
    })
    const [row] = (await auditOf(planId)).filter((r) => r.action === 'measure.update')
    expect(row).toMatchObject({ before: { number: '1.1', budget: null }, after: { number: '1.9', budget: { text: budget.text } } })

    const taken = await coordinator.patch(`/api/measures/${second!.id}`, { version: second!.version, number: '1.9' })
    expect([taken.status, taken.body.code]).toEqual([409, 'ALREADY_EXISTS'])

    // No budget at all is different from a budget without lines.
    const none = await coordinator.patch(`/api/measures/${first!.id}`, { version: changed.body.measure.version, budget: null })
    expect(none.body.measure.budget).toBeNull()

    expect((await transition(planId, 'activate')).status).toBe(200)
    const again = (await coordinator.get(`/api/measures/${second!.id}`)).body
    const noReason = await coordinator.patch(`/api/measures/${second!.id}`, { version: again.version, number: '1.5' })
    expect([noReason.status, noReason.body.code]).toEqual([400, 'REASON_REQUIRED'])
    const withReason = await coordinator.patch(`/api/measures/${second!.id}`, { version: again.version, number: '1.5', reason: REASON })
    expect(withReason.body.measure.number).toBe('1.5')
  })
})
