import { createHash } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evidence } from '../src/db/schema/index.js'
import { type Client, startTestApp, type TestApp } from './helpers/app.js'
import {
  asBuffer,
  draft,
  elfBinary,
  measuresByNumber,
  type MeasureRef,
  multipart,
  mzBinary,
  openRound,
  plainZip,
  step,
  tinyDocx,
  tinyJpeg,
  tinyOds,
  tinyPdf,
  tinyPng,
  upload,
} from './round-fixtures.js'

let t: TestApp
let coordinator: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>
let roundId: number

beforeAll(async () => {
  t = await startTestApp()
  ;({ planCoordinator: coordinator, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
  roundId = (await openRound(coordinator, planId)).id
})
afterAll(() => t.close())

const id = (number: string) => measures.get(number)!.id
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The evidence as the API lists it, and the rows in the database: both must stay put after a refusal. */
async function stored(client: Client, submissionId: number) {
  const listed = (await client.get(`/api/submissions/${submissionId}`)).body.evidence.map((e: { id: number }) => e.id)
  const [{ n }] = await t.app.db.select({ n: count() }).from(evidence).where(eq(evidence.submissionId, submissionId))
  return { listed, rows: n }
}

const download = (client: Client, evidenceId: number) => client.get(`/api/evidence/${evidenceId}`).buffer(true).parse(asBuffer)

describe('the test files', () => {
  it('are what file-type says they are', async () => {
    expect(await fileTypeFromBuffer(tinyPdf())).toEqual({ ext: 'pdf', mime: 'application/pdf' })
    expect(await fileTypeFromBuffer(tinyPng())).toEqual({ ext: 'png', mime: 'image/png' })
    expect(await fileTypeFromBuffer(tinyJpeg())).toEqual({ ext: 'jpg', mime: 'image/jpeg' })
    expect(await fileTypeFromBuffer(tinyDocx())).toEqual({ ext: 'docx', mime: DOCX })
    expect(await fileTypeFromBuffer(tinyOds())).toEqual({ ext: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet' })
    expect(await fileTypeFromBuffer(plainZip())).toEqual({ ext: 'zip', mime: 'application/zip' })
    expect((await fileTypeFromBuffer(elfBinary()))?.ext).toBe('elf')
    expect((await fileTypeFromBuffer(mzBinary()))?.ext).toBe('exe')
  })
})

describe('uploading', () => {
  it('stores each accepted type with its detected type, size and sha256, and the same file once', async () => {
    const d = await draft(reporterVP, roundId, id('3.5'), 'VP')
    const files: [string, Buffer, string][] = [
      ['Ziņojums par 2024. gadu.pdf', tinyPdf(), 'application/pdf'],
      ['bilde.PNG', tinyPng(), 'image/png'],
      ['foto.jpeg', tinyJpeg(), 'image/jpeg'],
      ['Pārskats.docx', tinyDocx(), DOCX],
      ['tabula.ods', tinyOds(), 'application/vnd.oasis.opendocument.spreadsheet'],
    ]
    for (const [name, bytes, mediaType] of files) {
      // The client's Content-Type is ignored: the bytes decide.
      const res = await upload(reporterVP, d.id, name, bytes, 'text/plain')
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201)
      expect(res.body).toMatchObject({
        submissionId: d.id,
        kind: 'file',
        fileName: name,
        mediaType,
        size: bytes.length,
        sha256: sha256(bytes),
        url: null,
      })
    }
    const before = await stored(reporterVP, d.id)
    expect(before.rows).toBe(5)

    const pdf = (await reporterVP.get(`/api/submissions/${d.id}`)).body.evidence[0]
    const again = await upload(reporterVP, d.id, 'cits nosaukums.pdf', tinyPdf())
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(pdf.id)
    expect(await stored(reporterVP, d.id)).toEqual(before)

    // Both uploads of one file at the same moment: still one row.
    const bytes = tinyPdf('vienlaicīgi')
    const both = await Promise.all([upload(reporterVP, d.id, 'a.pdf', bytes), upload(reporterVP, d.id, 'b.pdf', bytes)])
    expect(both.map((r) => r.status).sort()).toEqual([200, 201])
    expect(both[0]!.body.id).toBe(both[1]!.body.id)
    expect((await stored(reporterVP, d.id)).rows).toBe(6)
  })

  it('refuses wrong types, renamed executables, empty files and crafted names, storing nothing', async () => {
    const d = await draft(reporterVPD, roundId, id('2.3'), 'VPD')
    await upload(reporterVPD, d.id, 'pamats.pdf', tinyPdf())
    const before = await stored(reporterVPD, d.id)

    const refusals: [string, Buffer, number, string][] = [
      ['programma.pdf', elfBinary(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['setup.pdf', mzBinary(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['setup.exe', mzBinary(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['teksts.pdf', Buffer.from('tikai teksts, nevis PDF'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['arhīvs.docx', plainZip(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['bilde.pdf', tinyPng(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['dokuments.pdf', tinyDocx(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['bez-paplašinājuma', tinyPdf(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['tukšs.pdf', Buffer.alloc(0), 400, 'EMPTY_FILE'],
      ['../../etc/passwd.pdf', tinyPdf('ceļš'), 400, 'VALIDATION_FAILED'],
      ['..\\..\\windows\\win.ini.pdf', tinyPdf('ceļš'), 400, 'VALIDATION_FAILED'],
      ['rēķins\u202Efdp.exe.pdf', tinyPdf('bidi'), 400, 'VALIDATION_FAILED'],
      ['rinda\u0007.pdf', tinyPdf('zvans'), 400, 'VALIDATION_FAILED'],
      ['', tinyPdf('bez vārda'), 400, 'VALIDATION_FAILED'],
    ]
    for (const [name, bytes, status, code] of refusals) {
      const res = await upload(reporterVPD, d.id, name, bytes)
      expect(res.status, `${JSON.stringify(name)}: ${JSON.stringify(res.body)}`).toBe(status)
      expect(res.body.code).toBe(code)
    }
    expect(await stored(reporterVPD, d.id)).toEqual(before)
  })

  it('refuses bodies that are not an upload or a link', async () => {
    const d = await draft(reporterVP, roundId, id('3.3'), 'VP')
    const noFile = multipart([{ name: 'comment', data: 'nav faila' }])
    const res1 = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', noFile.contentType)
      .send(noFile.body)
    expect(res1.status).toBe(400)
    const wrongField = multipart([{ name: 'upload', filename: 'a.pdf', data: tinyPdf() }])
    const res2 = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', wrongField.contentType)
      .send(wrongField.body)
    expect(res2.status).toBe(400)
    const cut = multipart([{ name: 'file', filename: 'a.pdf', data: tinyPdf() }])
    const res3 = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', cut.contentType)
      .send(cut.body.subarray(0, cut.body.length - 40))
    expect(res3.status).toBe(400)
    const two = multipart([
      { name: 'file', filename: 'a.pdf', data: tinyPdf('a') },
      { name: 'file', filename: 'b.pdf', data: tinyPdf('b') },
    ])
    const res4 = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', two.contentType)
      .send(two.body)
    expect(res4.status).toBe(413)
    expect(res4.body.code).toBe('PAYLOAD_TOO_LARGE')
    const text = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', 'text/plain')
      .send('https://example.lv')
    expect(text.status).toBe(415)
    expect(await stored(reporterVP, d.id)).toEqual({ listed: [], rows: 0 })
  })

  it('is refused to other institutions and viewers before anything is read or stored', async () => {
    const d = await draft(reporterVP, roundId, id('1.2'), 'VP')
    expect((await upload(reporterVPD, d.id, 'sveši.pdf', tinyPdf())).status).toBe(403)
    expect((await upload(ministry, d.id, 'sveši.pdf', tinyPdf())).status).toBe(403)
    expect((await upload(viewer, d.id, 'sveši.pdf', tinyPdf())).status).toBe(403)
    expect((await reporterVPD.post(`/api/submissions/${d.id}/evidence`, { url: 'https://example.lv', title: 'x' })).status).toBe(403)
    expect((await upload(reporterVP, 999999, 'a.pdf', tinyPdf())).status).toBe(404)
    expect(await stored(reporterVP, d.id)).toEqual({ listed: [], rows: 0 })
  })
})

describe('links', () => {
  it('takes http and https links with a title, once each', async () => {
    const d = await draft(reporterVP, roundId, id('4.2'), 'VP')
    const res = await reporterVP.post(`/api/submissions/${d.id}/evidence`, {
      url: 'https://www.vp.gov.lv/lv/jaunums?id=1',
      title: 'Preses relīze',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      kind: 'link',
      url: 'https://www.vp.gov.lv/lv/jaunums?id=1',
      title: 'Preses relīze',
      fileName: null,
      sha256: null,
    })
    const again = await reporterVP.post(`/api/submissions/${d.id}/evidence`, {
      url: 'https://www.vp.gov.lv/lv/jaunums?id=1',
      title: 'Atkal',
    })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(res.body.id)

    for (const url of [
      'javascript:alert(1)',
      'ftp://example.lv/file',
      'file:///etc/passwd',
      'https://user:parole@example.lv/',
      'http://',
      'data:text/html,<b>x</b>',
    ]) {
      const bad = await reporterVP.post(`/api/submissions/${d.id}/evidence`, { url, title: 'x' })
      expect(bad.status, url).toBe(400)
    }
    expect((await reporterVP.post(`/api/submissions/${d.id}/evidence`, { url: 'https://example.lv' })).status).toBe(400)
    expect((await stored(reporterVP, d.id)).rows).toBe(1)

    const link = await reporterVP.get(`/api/evidence/${res.body.id}`)
    expect(link.status).toBe(200)
    expect(link.body).toMatchObject({ id: res.body.id, kind: 'link', url: 'https://www.vp.gov.lv/lv/jaunums?id=1' })
  })
})

describe('downloading', () => {
  it('gives the original bytes as an attachment with a safe name, only to those who may see the submission', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('2.3')] })).id
    const submission = await draft(reporterVPD, round, id('2.3'), 'VPD')
    const bytes = tinyDocx('Probācijas dienesta pārskats')
    const uploaded = await upload(reporterVPD, submission.id, 'Pārskats "2024"; ģimenes.docx', bytes)
    expect(uploaded.status).toBe(201)

    const res = await download(reporterVPD, uploaded.body.id)
    expect(res.status).toBe(200)
    expect(sha256(res.body as Buffer)).toBe(sha256(bytes))
    expect(sha256(res.body as Buffer)).toBe(uploaded.body.sha256)
    expect(res.headers['content-type']).toBe(DOCX)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Parskats _2024__ gimenes.docx"; filename*=UTF-8''${encodeURIComponent('Pārskats "2024"; ģimenes.docx')}`,
    )

    // The sector's ministry coordinator and the plan coordinator may; another institution's reporter
    // and, while it is a draft, the viewer may not.
    expect((await download(ministry, uploaded.body.id)).status).toBe(200)
    expect((await download(coordinator, uploaded.body.id)).status).toBe(200)
    const foreign = await download(reporterVP, uploaded.body.id)
    expect(foreign.status).toBe(403)
    expect(foreign.headers['content-disposition']).toBeUndefined()
    expect((await download(viewer, uploaded.body.id)).status).toBe(403)
    expect((await t.http.get(`/api/evidence/${uploaded.body.id}`)).status).toBe(401)
    expect((await download(reporterVPD, 999999)).status).toBe(404)
  })
})

describe('removing', () => {
  it('works on drafts and returned submissions, and is locked once handed in', async () => {
    const round = (await openRound(coordinator, planId, { measures: [id('3.5')] })).id
    const d = await draft(reporterVP, round, id('3.5'), 'VP')
    const keep = (await upload(reporterVP, d.id, 'paliek.pdf', tinyPdf('paliek'))).body
    const drop = (await upload(reporterVP, d.id, 'prom.png', tinyPng())).body

    expect((await reporterVPD.delete(`/api/evidence/${drop.id}`)).status).toBe(403)
    expect((await viewer.delete(`/api/evidence/${drop.id}`)).status).toBe(403)
    expect((await reporterVP.delete(`/api/evidence/${drop.id}`)).status).toBe(204)
    expect((await reporterVP.delete(`/api/evidence/${drop.id}`)).status).toBe(404)
    expect((await stored(reporterVP, d.id)).listed).toEqual([keep.id])

    const submitted = await step(reporterVP, d.id, 'submit', d.version)
    const locked = await reporterVP.delete(`/api/evidence/${keep.id}`)
    expect(locked.status).toBe(409)
    expect(locked.body.code).toBe('EVIDENCE_LOCKED')
    const addLate = await upload(reporterVP, d.id, 'vēlāk.pdf', tinyPdf('vēlāk'))
    expect(addLate.status).toBe(409)
    expect(addLate.body.code).toBe('EVIDENCE_LOCKED')
    expect((await coordinator.delete(`/api/evidence/${keep.id}`)).body.code).toBe('EVIDENCE_LOCKED')

    // Returned: editable again, evidence included.
    const returned = await step(coordinator, d.id, 'return', submitted.version, 200, { comment: 'Pievienot citu pielikumu' })
    const replacement = await upload(reporterVP, d.id, 'jauns.pdf', tinyPdf('jauns'))
    expect(replacement.status).toBe(201)
    expect((await reporterVP.delete(`/api/evidence/${keep.id}`)).status).toBe(204)
    const resubmitted = await step(reporterVP, d.id, 'submit', returned.version)
    await step(coordinator, d.id, 'accept', resubmitted.version)
    expect((await reporterVP.delete(`/api/evidence/${replacement.body.id}`)).body.code).toBe('EVIDENCE_LOCKED')
    expect((await stored(reporterVP, d.id)).listed).toEqual([replacement.body.id])

    const audit = await coordinator.get(`/api/audit?entity=evidence&entityId=${drop.id}`)
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['evidence.remove', 'evidence.add'])
    expect(audit.body[0].before).toMatchObject({ fileName: 'prom.png', sha256: drop.sha256 })
    expect(JSON.stringify(audit.body)).not.toContain('content')
  })
})
