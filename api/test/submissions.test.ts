import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { COMPLETE, draft, measuresByNumber, type MeasureRef, NONE, openRound, step } from './round-fixtures.js'

let t: TestApp
let coordinator: Client
let admin: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>
let roundId: number

beforeAll(async () => {
  t = await startTestApp()
  ;({ planCoordinator: coordinator, admin, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
  roundId = (await openRound(coordinator, planId)).id
})
afterAll(() => t.close())

const id = (number: string) => measures.get(number)!.id
const create = (client: Client, body: Record<string, unknown>, round = roundId) => client.post(`/api/rounds/${round}/submissions`, body)

describe('starting a draft', () => {
  it('gives a reporter a draft for its own institution, once per round × measure × institution', async () => {
    const res = await create(reporterVP, {
      measureId: id('3.5'),
      institution: 'VP',
      text: 'Uzsākts.',
      proposedStatus: 'partial',
      reason: 'Daļēji',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      roundId,
      measure: { id: id('3.5'), number: '3.5' },
      institution: 'VP',
      institutionName: 'Valsts policija',
      role: 'responsible',
      text: 'Uzsākts.',
      proposedStatus: 'partial',
      reason: 'Daļēji',
      state: 'draft',
      returnComment: null,
      evidence: [],
      evidenceCount: 0,
      version: 1,
      round: { id: roundId, planId, period: '2023-2024', state: 'open' },
      createdBy: { name: 'Pēteris Policists' },
    })
    const again = await create(reporterVP, { measureId: id('3.5'), institution: 'VP' })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { submissionId: res.body.id } })
  })

  it('starts empty when only measure and institution are given', async () => {
    const res = await create(reporterVP, { measureId: id('3.3'), institution: 'VP' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ text: '', proposedStatus: 'pending', reason: null })
  })

  it('is refused for someone else’s institution (403), one that owes nothing here (422), or an unknown one (422)', async () => {
    expect((await create(reporterVP, { measureId: id('2.3'), institution: 'VPD' })).status).toBe(403)
    expect((await create(ministry, { measureId: id('1.2'), institution: 'VP' })).status).toBe(403)
    expect((await create(viewer, { measureId: id('1.2'), institution: 'VP' })).status).toBe(403)

    const notOwed = await create(reporterVPD, { measureId: id('3.5'), institution: 'VPD' })
    expect(notOwed.status).toBe(422)
    expect(notOwed.body.code).toBe('INVALID_REFERENCE')
    // 1.1 is done, so the default round does not ask about it.
    expect((await create(reporterVP, { measureId: id('1.1'), institution: 'VP' })).status).toBe(422)
    const unknown = await create(coordinator, { measureId: id('1.2'), institution: 'NOPE' })
    expect(unknown.status).toBe(422)
    expect(unknown.body.code).toBe('UNKNOWN_INSTITUTIONS')
    expect((await create(coordinator, { measureId: id('1.2'), institution: 'VP' }, 999999)).status).toBe(404)
  })

  it('lets a ministry coordinator write for its sector and the plan coordinator for anyone', async () => {
    expect((await create(ministry, { measureId: id('2.9'), institution: 'IeVP' })).status).toBe(201)
    expect((await create(coordinator, { measureId: id('4.3'), institution: 'LM' })).status).toBe(201)
  })

  it('validates the body and keeps text as plain text', async () => {
    const tooLong = await create(reporterVP, {
      measureId: id('1.2'),
      institution: 'VP',
      text: 'x'.repeat(100_001),
      proposedStatus: 'finished',
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/text', '/proposedStatus']))

    // NUL can never be stored: refused. Other control characters (pasted from old documents) are dropped.
    const nul = await create(reporterVP, { measureId: id('1.2'), institution: 'VP', text: 'a\u0000b' })
    expect(nul.status).toBe(400)
    expect(nul.body.errors).toEqual([{ path: '/text', message: 'must not contain NUL characters' }])
    const messy = await create(reporterVP, {
      measureId: id('1.2'),
      institution: 'VP',
      text: 'Pirmā rindkopa\r\n\r\n- punkts\u0007 viens\r\n- punkts divi',
    })
    expect(messy.status).toBe(201)
    expect(messy.body.text).toBe('Pirmā rindkopa\n\n- punkts viens\n- punkts divi')
    const long = await reporterVP.patch(`/api/submissions/${messy.body.id}`, { version: 1, text: 'ā'.repeat(100_000) })
    expect(long.status).toBe(200)
    expect(long.body.text).toHaveLength(100_000)
  })
})

describe('who sees a submission', () => {
  it('keeps drafts inside the institution’s reach: 403 on a direct read, left out of lists', async () => {
    const vpDraft = await draft(reporterVP, roundId, id('4.2'), 'VP')
    const vpdDraft = await draft(reporterVPD, roundId, id('2.3'), 'VPD')

    expect((await reporterVP.get(`/api/submissions/${vpDraft.id}`)).status).toBe(200)
    expect((await coordinator.get(`/api/submissions/${vpDraft.id}`)).status).toBe(200)
    expect((await admin.get(`/api/submissions/${vpDraft.id}`)).status).toBe(200)
    expect((await ministry.get(`/api/submissions/${vpdDraft.id}`)).status).toBe(200)
    for (const [client, submissionId] of [
      [reporterVPD, vpDraft.id],
      [reporterVP, vpdDraft.id],
      [ministry, vpDraft.id],
      [viewer, vpDraft.id],
    ] as const) {
      const res = await client.get(`/api/submissions/${submissionId}`)
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('FORBIDDEN')
    }
    expect((await viewer.get('/api/submissions/999999')).status).toBe(404)

    const seen = async (client: Client) =>
      ((await client.get(`/api/rounds/${roundId}/submissions`)).body as { id: number }[]).map((s) => s.id)
    expect(await seen(reporterVPD)).toContain(vpdDraft.id)
    expect(await seen(reporterVPD)).not.toContain(vpDraft.id)
    expect(await seen(reporterVP)).not.toContain(vpdDraft.id)
    expect(await seen(viewer)).not.toContain(vpDraft.id)
    expect(await seen(coordinator)).toEqual(expect.arrayContaining([vpDraft.id, vpdDraft.id]))

    // Once handed in the viewer reads it too; another institution's reporter still does not.
    await step(reporterVPD, vpdDraft.id, 'submit', vpdDraft.version)
    expect((await viewer.get(`/api/submissions/${vpdDraft.id}`)).status).toBe(200)
    expect(await seen(viewer)).toContain(vpdDraft.id)
    expect((await reporterVP.get(`/api/submissions/${vpdDraft.id}`)).status).toBe(403)
  })

  it('filters the round list by measure, institution and state', async () => {
    const byMeasure = await coordinator.get(`/api/rounds/${roundId}/submissions?measure=${id('2.3')}`)
    expect(byMeasure.body.map((s: { institution: string }) => s.institution)).toEqual(['VPD'])
    const byInstitution = await coordinator.get(`/api/rounds/${roundId}/submissions?institution=VP`)
    expect(new Set(byInstitution.body.map((s: { institution: string }) => s.institution))).toEqual(new Set(['VP']))
    const byState = await coordinator.get(`/api/rounds/${roundId}/submissions?state=submitted`)
    expect(byState.body.every((s: { state: string }) => s.state === 'submitted')).toBe(true)
    expect((await coordinator.get(`/api/rounds/${roundId}/submissions?institution=NOPE`)).body).toEqual([])
    expect((await coordinator.get(`/api/rounds/${roundId}/submissions?state=lost`)).status).toBe(400)
  })

  it('shows every institution’s proposal on a measure side by side, in the measure’s order', async () => {
    // 3.4: VP responsible, LM involved.
    const lm = await draft(coordinator, roundId, id('3.4'), 'LM', { text: 'LM teksts', proposedStatus: 'partial', reason: 'LM iemesls' })
    const vp = await draft(reporterVP, roundId, id('3.4'), 'VP', { text: 'VP teksts', proposedStatus: 'done', reason: 'VP iemesls' })
    await step(coordinator, lm.id, 'submit', lm.version)
    await step(reporterVP, vp.id, 'submit', vp.version)
    const side = await coordinator.get(`/api/measures/${id('3.4')}/submissions`)
    expect(side.status).toBe(200)
    expect(side.body.map((s: Record<string, unknown>) => [s.institution, s.role, s.proposedStatus, s.reason, s.text])).toEqual([
      ['VP', 'responsible', 'done', 'VP iemesls', 'VP teksts'],
      ['LM', 'involved', 'partial', 'LM iemesls', 'LM teksts'],
    ])
    const viaRound = await coordinator.get(`/api/rounds/${roundId}/submissions?measure=${id('3.4')}`)
    expect(viaRound.body.map((s: { institution: string }) => s.institution)).toEqual(['VP', 'LM'])
    // The VPD reporter sees neither; the viewer sees both (handed in).
    expect((await reporterVPD.get(`/api/measures/${id('3.4')}/submissions`)).body).toEqual([])
    expect((await viewer.get(`/api/measures/${id('3.4')}/submissions`)).body).toHaveLength(2)
    expect((await viewer.get('/api/measures/999999/submissions')).status).toBe(404)
  })
})

describe('editing a draft', () => {
  let editRound: number
  beforeAll(async () => {
    editRound = (await openRound(coordinator, planId, { measures: [id('3.3'), id('2.7'), id('1.2')] })).id
  })

  it('answers 409 to an edit on a stale version and keeps the first writer’s text', async () => {
    const d = await draft(reporterVP, editRound, id('3.3'), 'VP')
    const second = await t.login(DEMO.reporterVP)
    const first = await reporterVP.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'Pirmās sesijas teksts' })
    expect(first.status).toBe(200)
    const stale = await second.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'Otrās sesijas teksts' })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('VERSION_CONFLICT')
    const now = await reporterVP.get(`/api/submissions/${d.id}`)
    expect(now.body).toMatchObject({ text: 'Pirmās sesijas teksts', version: d.version + 1, updatedBy: { name: 'Pēteris Policists' } })
  })

  it('lets exactly one of two truly concurrent edits through', async () => {
    const d = await draft(coordinator, editRound, id('2.7'), 'LM')
    const [a, b] = await Promise.all([
      coordinator.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'A' }),
      admin.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'B' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const winner = a.status === 200 ? 'A' : 'B'
    expect((await coordinator.get(`/api/submissions/${d.id}`)).body).toMatchObject({ text: winner, version: d.version + 1 })
  })

  it('is for writers only, and only while draft or returned', async () => {
    const d = await draft(reporterVP, editRound, id('1.2'), 'VP', { text: '' })
    expect((await reporterVPD.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'x' })).status).toBe(403)
    expect((await viewer.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'x' })).status).toBe(403)
    expect((await reporterVP.patch(`/api/submissions/${d.id}`, { version: d.version })).status).toBe(400)
    const filled = await reporterVP.patch(`/api/submissions/${d.id}`, { version: d.version, text: COMPLETE.text })
    const submitted = await step(reporterVP, d.id, 'submit', filled.body.version)
    const locked = await reporterVP.patch(`/api/submissions/${d.id}`, { version: submitted.version, text: 'vēlāk' })
    expect(locked.status).toBe(409)
    expect(locked.body.code).toBe('INVALID_TRANSITION')
  })
})

describe('the review steps', () => {
  it('needs text, a proposed status and a reason before submitting', async () => {
    const empty = await create(
      reporterVP,
      { measureId: id('4.2'), institution: 'VP' },
      (await openRound(coordinator, planId, { measures: [id('4.2')] })).id,
    )
    const res = await step(reporterVP, empty.body.id, 'submit', 1, 422)
    expect(res).toMatchObject({
      code: 'SUBMISSION_INCOMPLETE',
      message: expect.stringContaining('/text is required before submitting'),
      // Every gap at once, as the shared policy's submissionGaps names them.
      errors: [
        { path: '/text', message: 'is required before submitting' },
        { path: '/proposedStatus', message: 'must propose done, partial or not_done before submitting' },
        { path: '/reason', message: 'is required before submitting' },
      ],
    })
    // Blank text and reason count as missing; once only the reason is missing, only it is listed.
    const blank = await reporterVP.patch(`/api/submissions/${empty.body.id}`, {
      version: 1,
      text: ' \n ',
      proposedStatus: 'partial',
      reason: '  ',
    })
    expect((await step(reporterVP, empty.body.id, 'submit', blank.body.version, 422)).code).toBe('SUBMISSION_INCOMPLETE')
    const almost = await reporterVP.patch(`/api/submissions/${empty.body.id}`, { version: blank.body.version, text: COMPLETE.text })
    const gaps = await step(reporterVP, empty.body.id, 'submit', almost.body.version, 422)
    expect((gaps as unknown as { errors: unknown[] }).errors).toEqual([{ path: '/reason', message: 'is required before submitting' }])
    // Nothing changed: still a draft at the same version.
    expect((await reporterVP.get(`/api/submissions/${empty.body.id}`)).body).toMatchObject({ state: 'draft', version: almost.body.version })
  })

  it('endorse, return and accept follow the sector and the plan: 403 for the wrong person, 409 for the wrong state', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.3'), id('3.5')] })).id
    const vpd = await draft(reporterVPD, round, id('2.3'), 'VPD')
    const vp = await draft(reporterVP, round, id('3.5'), 'VP')

    // Nothing to review in a draft; the wrong people never may.
    expect((await step(ministry, vpd.id, 'endorse', vpd.version, 409)).code).toBe('INVALID_TRANSITION')
    expect((await step(coordinator, vpd.id, 'accept', vpd.version, 409)).code).toBe('INVALID_TRANSITION')
    await step(reporterVPD, vpd.id, 'endorse', vpd.version, 403)
    await step(coordinator, vpd.id, 'endorse', vpd.version, 403) // endorsing is the ministry's step
    await step(viewer, vpd.id, 'submit', vpd.version, 403)
    await step(reporterVP, vpd.id, 'submit', vpd.version, 403)

    const submitted = await step(reporterVPD, vpd.id, 'submit', vpd.version)
    expect(submitted).toMatchObject({ state: 'submitted', version: vpd.version + 1 })
    expect((await step(reporterVPD, vpd.id, 'submit', submitted.version, 409)).code).toBe('INVALID_TRANSITION')
    expect((await step(ministry, vpd.id, 'endorse', vpd.version, 409)).code).toBe('VERSION_CONFLICT')
    await step(ministry, vpd.id, 'accept', submitted.version, 403)

    const vpSubmitted = await step(reporterVP, vp.id, 'submit', vp.version)
    await step(ministry, vp.id, 'endorse', vpSubmitted.version, 403) // VP is in the IeM sector, not TM's
    await step(ministry, vp.id, 'return', vpSubmitted.version, 403, { comment: 'x' })

    const endorsed = await step(ministry, vpd.id, 'endorse', submitted.version)
    expect(endorsed).toMatchObject({ state: 'endorsed', endorsedBy: { name: 'Tālis Tieslietnieks' } })
    expect((await step(ministry, vpd.id, 'return', endorsed.version, 409, { comment: 'x' })).code).toBe('INVALID_TRANSITION')
    const noComment = await coordinator.post(`/api/submissions/${vpd.id}/return`, { version: endorsed.version })
    expect(noComment.status).toBe(400)
    expect(noComment.body.errors).toEqual([{ path: '/comment', message: expect.any(String) }])
    expect((await coordinator.post(`/api/submissions/${vpd.id}/return`, { version: endorsed.version, comment: '  \n ' })).status).toBe(400)

    const returned = await step(coordinator, vpd.id, 'return', endorsed.version, 200, { comment: 'Lūdzu norādīt skaitļus' })
    expect(returned).toMatchObject({ state: 'returned', returnComment: 'Lūdzu norādīt skaitļus' })
    const fixed = await reporterVPD.patch(`/api/submissions/${vpd.id}`, { version: returned.version, text: 'Ar skaitļiem: 12.' })
    expect(fixed.body).toMatchObject({ state: 'returned', returnComment: 'Lūdzu norādīt skaitļus' })
    const again = await step(reporterVPD, vpd.id, 'submit', fixed.body.version)
    expect(again).toMatchObject({ state: 'submitted', returnComment: 'Lūdzu norādīt skaitļus' })

    const accepted = await step(coordinator, vpd.id, 'accept', again.version)
    expect(accepted).toMatchObject({ state: 'accepted', acceptedBy: { name: 'Ilze Koordinatore' } })
    expect((await step(coordinator, vpd.id, 'accept', accepted.version, 409)).code).toBe('INVALID_TRANSITION')
    expect((await step(coordinator, vpd.id, 'return', accepted.version, 409, { comment: 'x' })).code).toBe('INVALID_TRANSITION')
    // An admin accepts straight from submitted.
    expect((await step(admin, vp.id, 'accept', vpSubmitted.version)).state).toBe('accepted')
  })

  it('appends an accepted text to the measure’s progress, after the existing entries, with the round’s period', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.4')], period: '2025' })).id
    const before = (await coordinator.get(`/api/measures/${id('2.4')}`)).body.progress
    const vrs = await draft(coordinator, round, id('2.4'), 'VRS', { text: 'VRS 2025. gadā …' })
    const submitted = await step(coordinator, vrs.id, 'submit', vrs.version)
    await step(coordinator, vrs.id, 'accept', submitted.version)
    const after = (await coordinator.get(`/api/measures/${id('2.4')}`)).body.progress
    expect(after).toHaveLength(before.length + 1)
    expect(after.slice(0, -1)).toEqual(before)
    expect(after.at(-1)).toMatchObject({ institution: 'VRS', period: '2025', text: 'VRS 2025. gadā …', submissionId: vrs.id })
  })

  it('lets exactly one of two concurrent submits through, and two acceptances on one measure take distinct places', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('4.3')] })).id
    const iem = await draft(coordinator, round, id('4.3'), 'IeM', { text: 'IeM' })
    const lm = await draft(coordinator, round, id('4.3'), 'LM', { text: 'LM' })
    const [a, b] = await Promise.all([
      coordinator.post(`/api/submissions/${iem.id}/submit`, { version: iem.version }),
      admin.post(`/api/submissions/${iem.id}/submit`, { version: iem.version }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const iemSubmitted = a.status === 200 ? a.body : b.body
    const lmSubmitted = await step(coordinator, lm.id, 'submit', lm.version)

    const before = (await coordinator.get(`/api/measures/${id('4.3')}`)).body.progress.length
    const [x, y] = await Promise.all([
      coordinator.post(`/api/submissions/${iem.id}/accept`, { version: iemSubmitted.version }),
      admin.post(`/api/submissions/${lm.id}/accept`, { version: lmSubmitted.version }),
    ])
    expect([x.status, y.status]).toEqual([200, 200])
    const progress = (await coordinator.get(`/api/measures/${id('4.3')}`)).body.progress
    expect(progress).toHaveLength(before + 2)
    expect(
      progress
        .slice(-2)
        .map((p: { text: string }) => p.text)
        .sort(),
    ).toEqual(['IeM', 'LM'])
  })

  it('records every step in the audit log', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.9')] })).id
    const d = await draft(ministry, round, id('2.9'), 'IeVP')
    const edited = await ministry.patch(`/api/submissions/${d.id}`, { version: d.version, text: 'Labots' })
    const s = await step(ministry, d.id, 'submit', edited.body.version)
    const r = await step(ministry, d.id, 'return', s.version, 200, { comment: 'Papildināt' })
    const s2 = await step(ministry, d.id, 'submit', r.version)
    const e = await step(ministry, d.id, 'endorse', s2.version)
    await step(coordinator, d.id, 'accept', e.version)
    const audit = await coordinator.get(`/api/audit?entity=submission&entityId=${d.id}`)
    expect(audit.body.map((a: { action: string }) => a.action).reverse()).toEqual([
      'submission.create',
      'submission.update',
      'submission.submit',
      'submission.return',
      'submission.submit',
      'submission.endorse',
      'submission.accept',
    ])
    const returnRow = audit.body.find((a: { action: string }) => a.action === 'submission.return')
    expect(returnRow).toMatchObject({ reason: 'Papildināt', before: { state: 'submitted' }, after: { state: 'returned' } })
    const update = audit.body.find((a: { action: string }) => a.action === 'submission.update')
    expect(update).toMatchObject({ before: { text: COMPLETE.text }, after: { text: 'Labots' }, actorLabel: DEMO.ministryCoordinator.email })
  })
})

describe('abilities', () => {
  const abilitiesOf = async (client: Client, submissionId: number) => {
    const res = await client.get(`/api/submissions/${submissionId}`)
    expect(res.status).toBe(200)
    return res.body.abilities
  }

  it('lets a reporter edit and submit its own draft only, in the detail and in lists alike', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.3'), id('3.5')] })).id
    const own = await draft(reporterVP, round, id('3.5'), 'VP')
    expect(own.abilities).toEqual({ ...NONE, edit: true, submit: true, comment: true })
    const listed = (await reporterVP.get(`/api/rounds/${round}/submissions`)).body as { id: number; abilities: unknown }[]
    expect(listed.find((s) => s.id === own.id)!.abilities).toEqual({ ...NONE, edit: true, submit: true, comment: true })
    expect(
      ((await reporterVP.get(`/api/measures/${id('3.5')}/submissions`)).body as { id: number; abilities: unknown }[]).find(
        (s) => s.id === own.id,
      )!.abilities,
    ).toEqual({ ...NONE, edit: true, submit: true, comment: true })

    // Another institution's draft: writable for VPD, neither readable nor writable for VP.
    const other = await draft(reporterVPD, round, id('2.3'), 'VPD')
    expect(other.abilities).toEqual({ ...NONE, edit: true, submit: true, comment: true })
    expect((await reporterVP.get(`/api/submissions/${other.id}`)).status).toBe(403)
    const relisted = (await reporterVP.get(`/api/rounds/${round}/submissions`)).body as { id: number }[]
    expect(relisted.map((s) => s.id)).toEqual([own.id])

    // Handed in, it is no longer the reporter's to change; a viewer sees it and may do nothing with it.
    const submitted = await step(reporterVP, own.id, 'submit', own.version)
    expect(submitted.abilities).toEqual({ ...NONE, comment: true })
    expect(await abilitiesOf(viewer, own.id)).toEqual(NONE)
    const otherSubmitted = await step(reporterVPD, other.id, 'submit', other.version)
    expect(await abilitiesOf(viewer, otherSubmitted.id)).toEqual(NONE)
  })

  it('gives the TM ministry coordinator endorse and return on its sector’s submission once it is handed in', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.3'), id('3.5')] })).id
    const vpd = await draft(reporterVPD, round, id('2.3'), 'VPD')
    // While a draft: TM writes for its sector, so it may edit and submit, but there is nothing to review.
    expect(await abilitiesOf(ministry, vpd.id)).toEqual({ ...NONE, edit: true, submit: true, comment: true })
    const submitted = await step(reporterVPD, vpd.id, 'submit', vpd.version)
    expect(await abilitiesOf(ministry, vpd.id)).toEqual({ ...NONE, endorse: true, return: true, comment: true })
    const endorsed = await step(ministry, vpd.id, 'endorse', submitted.version)
    // Endorsed, it waits for the plan coordinator: nothing more for TM.
    expect(endorsed.abilities).toEqual({ ...NONE, comment: true })
    // VP is in the IeM sector, not TM's: TM may not even read VP's work.
    const vp = await draft(reporterVP, round, id('3.5'), 'VP')
    await step(reporterVP, vp.id, 'submit', vp.version)
    expect((await ministry.get(`/api/submissions/${vp.id}`)).status).toBe(403)
  })

  it('gives the plan coordinator (and admins) accept and return on submitted and endorsed submissions', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.3'), id('3.5')] })).id
    const vpd = await draft(reporterVPD, round, id('2.3'), 'VPD')
    // The plan's coordinator writes for every institution of its plan.
    expect(await abilitiesOf(coordinator, vpd.id)).toEqual({ ...NONE, edit: true, submit: true, comment: true })
    const submitted = await step(reporterVPD, vpd.id, 'submit', vpd.version)
    expect(await abilitiesOf(coordinator, vpd.id)).toEqual({ ...NONE, accept: true, return: true, comment: true })
    expect(await abilitiesOf(admin, vpd.id)).toEqual({ ...NONE, accept: true, return: true, comment: true })
    const endorsed = await step(ministry, vpd.id, 'endorse', submitted.version)
    expect(await abilitiesOf(coordinator, vpd.id)).toEqual({ ...NONE, accept: true, return: true, comment: true })
    const accepted = await step(coordinator, vpd.id, 'accept', endorsed.version)
    // Accepted: only the plan's coordinators (and admins) may undo it, with a reason.
    expect(accepted.abilities).toEqual({ ...NONE, unaccept: true, comment: true })
    expect(await abilitiesOf(admin, vpd.id)).toEqual({ ...NONE, unaccept: true, comment: true })
    expect(await abilitiesOf(reporterVPD, vpd.id)).toEqual({ ...NONE, comment: true })
  })

  it('follows the round: a closed round freezes drafts, but a returned submission stays correctable', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.3'), id('3.5')] })).id
    const frozen = await draft(reporterVP, round, id('3.5'), 'VP')
    const vpd = await draft(reporterVPD, round, id('2.3'), 'VPD')
    const submitted = await step(reporterVPD, vpd.id, 'submit', vpd.version)
    const returned = await step(coordinator, vpd.id, 'return', submitted.version, 200, { comment: 'Papildināt' })
    expect((await coordinator.post(`/api/rounds/${round}/close`)).status).toBe(200)
    expect(await abilitiesOf(reporterVP, frozen.id)).toEqual({ ...NONE, comment: true })
    expect(await abilitiesOf(reporterVPD, returned.id)).toEqual({ ...NONE, edit: true, submit: true, comment: true })
  })
})

describe('two coordinators rating one measure', () => {
  it('lets one status through and answers the other 409, sequentially and concurrently', async () => {
    // A second plan coordinator at IeM.
    const created = await admin.post('/api/users', {
      email: 'otra@iem.demo.lv',
      name: 'Otrā Koordinatore',
      institution: 'IeM',
      role: 'plan_coordinator',
    })
    expect(created.status).toBe(201)
    const firstLogin = await t.login({ email: 'otra@iem.demo.lv', password: created.body.oneTimePassword })
    const password = 'Zaļš-kalns-ar-7-ozoliem'
    expect(
      (await firstLogin.post('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: password })).status,
    ).toBe(200)
    const other = await t.login({ email: 'otra@iem.demo.lv', password })

    const measure = (await coordinator.get(`/api/measures/${id('1.2')}`)).body
    const [one, two] = [
      await coordinator.patch(`/api/measures/${measure.id}`, {
        version: measure.version,
        status: 'done',
        reason: 'Izpildīts pēc iesniegumiem',
        keepAssessment: true,
      }),
      await other.patch(`/api/measures/${measure.id}`, {
        version: measure.version,
        status: 'not_done',
        reason: 'Nav izpildīts',
        keepAssessment: true,
      }),
    ]
    expect(one.status).toBe(200)
    expect(two.status).toBe(409)
    expect(two.body.code).toBe('VERSION_CONFLICT')
    expect((await coordinator.get(`/api/measures/${measure.id}`)).body).toMatchObject({ status: 'done', version: measure.version + 1 })

    const current = (await coordinator.get(`/api/measures/${id('2.1')}`)).body
    const both = await Promise.all([
      coordinator.patch(`/api/measures/${current.id}`, { version: current.version, status: 'done', reason: 'A', keepAssessment: true }),
      other.patch(`/api/measures/${current.id}`, { version: current.version, status: 'not_done', reason: 'B', keepAssessment: true }),
    ])
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = both.find((r) => r.status === 200)!.body.measure.status
    expect((await coordinator.get(`/api/measures/${current.id}`)).body).toMatchObject({ status: winner, version: current.version + 1 })
    const history = (await coordinator.get(`/api/measures/${current.id}/history`)).body
    expect(history.filter((h: { to: string }) => h.to === winner)).toHaveLength(1)
  })
})
