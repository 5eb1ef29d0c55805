// One whole reporting round on the demo plan, as the 2023–2024 round ran: IeM asks for input by
// 1 March 2025, three institutions file (one with two files and a link), the Justice Ministry's
// coordinator returns one and endorses, IeM accepts and rates the measures.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { asBuffer, completeness, measuresByNumber, type MeasureRef, step, tinyDocx, tinyPdf, upload } from './round-fixtures.js'

let t: TestApp
let coordinator: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ planCoordinator: coordinator, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
})
afterAll(() => t.close())

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const id = (number: string) => measures.get(number)!.id

describe('a whole reporting round', () => {
  it('runs from opening to rated measures, with completeness and the audit log at every step', async () => {
    // ---- IeM opens the round on every measure not yet done ----
    const opened = await coordinator.post(`/api/plans/${planId}/rounds`, {
      title: 'Informācija par plāna izpildi 2023.–2024. gadā',
      period: '2023-2024',
      dueDate: '2025-03-01',
    })
    expect(opened.status).toBe(201)
    const roundId = opened.body.id as number
    expect(opened.body.measureCount).toBe(11)
    const count = async () => (await completeness(viewer, roundId)).totals
    // The due date has passed, so everything not handed in is late.
    expect(await count()).toEqual({ total: 17, missing: 17, draft: 0, submitted: 0, endorsed: 0, returned: 0, accepted: 0, late: 17 })

    // ---- VPD (probation service) writes on 2.3 with two files and a link ----
    const vpdWork = (await reporterVPD.get('/api/my/work')).body.filter((w: { round: { id: number } }) => w.round.id === roundId)
    expect(vpdWork).toEqual([
      expect.objectContaining({ measure: expect.objectContaining({ number: '2.3' }), institution: 'VPD', state: 'missing', overdue: true }),
    ])
    const vpdText =
      'VPD 2023. un 2024. gadā īstenoja programmu “Pusaudžu resocializācija”.\n\n- 46 nepilngadīgie\n- 12 apmācīti speciālisti'
    const vpd = await reporterVPD.post(`/api/rounds/${roundId}/submissions`, {
      measureId: id('2.3'),
      institution: 'VPD',
      text: vpdText,
      proposedStatus: 'done',
      reason: 'Programma ieviesta',
    })
    expect(vpd.status).toBe(201)
    const pdf = tinyPdf('VPD pārskats')
    const docx = tinyDocx('Programmas apraksts')
    const files = [
      await upload(reporterVPD, vpd.body.id, 'VPD pārskats 2024.pdf', pdf),
      await upload(reporterVPD, vpd.body.id, 'Programmas apraksts.docx', docx),
      await reporterVPD.post(`/api/submissions/${vpd.body.id}/evidence`, {
        url: 'https://www.vpd.gov.lv/lv/jaunumi',
        title: 'VPD jaunumi',
      }),
    ]
    expect(files.map((f) => f.status)).toEqual([201, 201, 201])
    expect(await count()).toMatchObject({ missing: 16, draft: 1, late: 17 })

    // ---- VP (state police) on 3.5 and TM itself (through its coordinator) on 2.7 file and submit ----
    const vp = await reporterVP.post(`/api/rounds/${roundId}/submissions`, {
      measureId: id('3.5'),
      institution: 'VP',
      text: 'VP uzsāka darbu, bet pasākums netika pabeigts finansējuma trūkuma dēļ.',
      proposedStatus: 'partial',
      reason: 'Nav piešķirts finansējums',
    })
    expect(vp.status).toBe(201)
    const vpSubmitted = await step(reporterVP, vp.body.id, 'submit', vp.body.version)
    const tm = await ministry.post(`/api/rounds/${roundId}/submissions`, {
      measureId: id('2.7'),
      institution: 'TM',
      text: 'TM izstrādāja grozījumus.',
      proposedStatus: 'done',
      reason: 'Grozījumi pieņemti',
    })
    expect(tm.status).toBe(201)
    const tmSubmitted = await step(ministry, tm.body.id, 'submit', tm.body.version)
    let vpdNow = await step(reporterVPD, vpd.body.id, 'submit', vpd.body.version)
    expect(await count()).toMatchObject({ missing: 14, draft: 0, submitted: 3, late: 14 })
    const tmSector = (await completeness(viewer, roundId)).byMinistry.find((m) => m.ministry === 'TM')
    expect(tmSector).toMatchObject({ total: 3, submitted: 2, missing: 1 })

    // ---- TM's coordinator returns VPD's text; VPD sees why, corrects and resubmits ----
    vpdNow = await step(ministry, vpd.body.id, 'return', vpdNow.version, 200, {
      comment: 'Lūdzu norādīt, cik nepilngadīgo programmu pabeidza.',
    })
    expect(await count()).toMatchObject({ submitted: 2, returned: 1, late: 15 })
    const seen = await reporterVPD.get(`/api/submissions/${vpd.body.id}`)
    expect(seen.body).toMatchObject({ state: 'returned', returnComment: 'Lūdzu norādīt, cik nepilngadīgo programmu pabeidza.' })
    expect(seen.body.evidence.map((e: { kind: string }) => e.kind)).toEqual(['file', 'file', 'link'])
    const corrected = await reporterVPD.patch(`/api/submissions/${vpd.body.id}`, {
      version: vpdNow.version,
      text: `${vpdText}\n- 38 programmu pabeidza`,
    })
    expect(corrected.status).toBe(200)
    vpdNow = await step(reporterVPD, vpd.body.id, 'submit', corrected.body.version)
    expect(vpdNow).toMatchObject({ state: 'submitted', returnComment: 'Lūdzu norādīt, cik nepilngadīgo programmu pabeidza.' })
    expect(await count()).toMatchObject({ submitted: 3, returned: 0, late: 14 })

    // ---- TM's coordinator endorses its sector's two; VP (IeM sector) goes straight to IeM ----
    vpdNow = await step(ministry, vpd.body.id, 'endorse', vpdNow.version)
    const tmEndorsed = await step(ministry, tm.body.id, 'endorse', tmSubmitted.version)
    expect(await count()).toMatchObject({ submitted: 1, endorsed: 2 })

    // ---- IeM accepts all three: the texts become the measures' progress ----
    const before23 = (await coordinator.get(`/api/measures/${id('2.3')}`)).body
    await step(coordinator, vpd.body.id, 'accept', vpdNow.version)
    await step(coordinator, vp.body.id, 'accept', vpSubmitted.version)
    await step(coordinator, tm.body.id, 'accept', tmEndorsed.version)
    expect(await count()).toEqual({ total: 17, missing: 14, draft: 0, submitted: 0, endorsed: 0, returned: 0, accepted: 3, late: 14 })
    const vpdLine = (await completeness(viewer, roundId)).byInstitution.find((i) => i.institution === 'VPD')
    expect(vpdLine).toMatchObject({ total: 1, accepted: 1, late: 0 })

    const after23 = (await coordinator.get(`/api/measures/${id('2.3')}`)).body
    expect(after23.progress).toHaveLength(before23.progress.length + 1)
    expect(after23.progress.at(-1)).toEqual({
      id: expect.any(Number),
      institution: 'VPD',
      period: '2023-2024',
      text: `${vpdText}\n- 38 programmu pabeidza`,
      submissionId: vpd.body.id,
    })
    expect(after23.acceptedEvidenceCount).toBe(3)

    // The accepted files come back byte for byte, to the viewer too now.
    for (const [file, bytes] of [
      [files[0]!, pdf],
      [files[1]!, docx],
    ] as const) {
      const res = await viewer.get(`/api/evidence/${file.body.id}`).buffer(true).parse(asBuffer)
      expect(res.status).toBe(200)
      expect(sha256(res.body as Buffer)).toBe(sha256(bytes))
      expect(sha256(res.body as Buffer)).toBe(file.body.sha256)
    }

    // ---- IeM rates the measures, seeing each institution's proposal ----
    const proposals = await coordinator.get(`/api/measures/${id('2.3')}/submissions`)
    expect(proposals.body.map((p: Record<string, unknown>) => [p.institution, p.proposedStatus, p.reason, p.state])).toEqual([
      ['VPD', 'done', 'Programma ieviesta', 'accepted'],
    ])
    // Each new status with an assessment rewritten for it (the old one was written for the old status).
    const rate = async (number: string, status: string, reason: string) => {
      const current = (await coordinator.get(`/api/measures/${id(number)}`)).body
      const res = await coordinator.patch(`/api/measures/${id(number)}`, { version: current.version, status, reason, assessment: reason })
      expect(res.status).toBe(200)
      return res.body as { measure: { status: string }; warnings: string[] }
    }
    expect(await rate('2.3', 'done', 'VPD programma ieviesta pilnā apjomā')).toMatchObject({ measure: { status: 'done' }, warnings: [] })
    expect(await rate('3.5', 'partial', 'Uzsākts, finansējums nav piešķirts')).toMatchObject({
      measure: { status: 'partial' },
      warnings: [],
    })
    // 2.7 is rated done without any accepted evidence: the coordinator is warned.
    expect((await rate('2.7', 'done', 'Grozījumi pieņemti')).warnings).toEqual(['NO_ACCEPTED_EVIDENCE'])
    const summary = (await viewer.get(`/api/plans/${planId}/summary`)).body
    expect(summary.byStatus).toEqual({ done: 21, partial: 8, not_done: 1, pending: 0 })

    // ---- IeM closes the round ----
    const closed = await coordinator.post(`/api/rounds/${roundId}/close`)
    expect(closed.body.state).toBe('closed')
    const tooLate = await reporterVP.post(`/api/rounds/${roundId}/submissions`, {
      measureId: id('1.2'),
      institution: 'VP',
      text: 'Par vēlu',
    })
    expect(tooLate.body.code).toBe('ROUND_CLOSED')
    expect((await reporterVP.get('/api/my/work')).body.filter((w: { round: { id: number } }) => w.round.id === roundId)).toEqual([])

    // ---- the audit log shows every step ----
    const actions = async (entity: string, entityId: number) =>
      ((await coordinator.get(`/api/audit?entity=${entity}&entityId=${entityId}`)).body as { action: string }[])
        .map((a) => a.action)
        .reverse()
    expect(await actions('round', roundId)).toEqual(['round.open', 'round.close'])
    expect(await actions('submission', vpd.body.id)).toEqual([
      'submission.create',
      'submission.submit',
      'submission.return',
      'submission.update',
      'submission.submit',
      'submission.endorse',
      'submission.accept',
    ])
    expect(await actions('submission', vp.body.id)).toEqual(['submission.create', 'submission.submit', 'submission.accept'])
    expect(await actions('submission', tm.body.id)).toEqual([
      'submission.create',
      'submission.submit',
      'submission.endorse',
      'submission.accept',
    ])
    for (const file of files) expect(await actions('evidence', file.body.id)).toEqual(['evidence.add'])
    expect(await actions('measure', id('2.3'))).toEqual(['measure.status'])

    const all = (await coordinator.get('/api/audit?entity=submission&limit=500')).body as {
      action: string
      actorLabel: string
      entityId: string
    }[]
    const ofRound = all.filter((a) => [vpd.body.id, vp.body.id, tm.body.id].map(String).includes(a.entityId))
    expect(ofRound).toHaveLength(14)
    expect(ofRound.find((a) => a.action === 'submission.return')!.actorLabel).toBe(DEMO.ministryCoordinator.email)
    expect(ofRound.filter((a) => a.action === 'submission.accept').every((a) => a.actorLabel === DEMO.planCoordinator.email)).toBe(true)

    const history = (await viewer.get(`/api/measures/${id('2.3')}/history`)).body
    expect(history[0]).toMatchObject({ from: 'partial', to: 'done', reason: 'VPD programma ieviesta pilnā apjomā' })
  })
})
