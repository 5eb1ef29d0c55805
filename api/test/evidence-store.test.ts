// The evidence file store: uploads stream into content-addressed chunks, each written in its own
// short statement, so the database keeps answering during a large upload; the same bytes are kept
// once; refusals and removals leave no chunks behind. Order is asserted, never time.
import { createHash, randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { count, eq, like } from 'drizzle-orm'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { evidence, fileChunks } from '../src/db/schema/index.js'
import { CHUNK_SIZE, STAGING_PREFIX } from '../src/plugins/app/evidence/file-store.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import {
  asBuffer,
  draft,
  elfBinary,
  measuresByNumber,
  type MeasureRef,
  multipart,
  openRound,
  plainZip,
  tinyPdf,
  upload,
} from './round-fixtures.js'

let t: TestApp
let coordinator: Client
let reporterVP: Client
let measures: Map<string, MeasureRef>
let roundId: number

beforeAll(async () => {
  t = await startTestApp()
  ;({ planCoordinator: coordinator, reporterVP } = await t.loginAll())
  const planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
  const ours = ['1.1', '1.2', '1.3', '1.4', '3.1', '3.2', '3.3', '3.4', '3.5'].map((n) => measures.get(n)!.id)
  roundId = (await openRound(coordinator, planId, { measures: ours })).id
})
afterAll(() => t.close())

const MB = 1024 * 1024
const id = (number: string) => measures.get(number)!.id
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const download = (client: Client, evidenceId: number) => client.get(`/api/evidence/${evidenceId}`).buffer(true).parse(asBuffer)

/** A PDF by its magic bytes, padded with random bytes (as incompressible as a real one) to `size`. */
const bigPdf = (size: number) => {
  const head = tinyPdf(randomBytes(8).toString('hex'))
  return Buffer.concat([head, randomBytes(size - head.length)])
}

/** A DOCX whose [Content_Types].xml comes last, after a large stored entry: its type shows only at its end. */
const docxTypedAtTheEnd = (padding: number) =>
  Buffer.from(
    zipSync({
      'word/media/image1.bin': [randomBytes(padding), { level: 0 }],
      'word/document.xml': strToU8(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
      ),
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    }),
  )

async function chunkRows(app: TestApp, key?: string) {
  const [{ n }] = await app.app.db
    .select({ n: count() })
    .from(fileChunks)
    .where(key === undefined ? undefined : eq(fileChunks.sha256, key))
  return n
}
async function stagedRows(app: TestApp) {
  const [{ n }] = await app.app.db
    .select({ n: count() })
    .from(fileChunks)
    .where(like(fileChunks.sha256, `${STAGING_PREFIX}%`))
  return n
}

describe('a 20 MB upload', () => {
  const bytes = bigPdf(20 * MB)
  let first: { id: number; sha256: string }

  it('leaves the database answering: /api/health answers between the chunks of the upload', async () => {
    const d = await draft(reporterVP, roundId, id('1.1'), 'VP')
    let uploadDone = false
    const uploading = upload(reporterVP, d.id, 'liels pārskats.pdf', bytes).then((res) => {
      uploadDone = true
      return res
    })
    // Another client every 50 ms: each answer is noted with how many chunks of the upload were
    // staged by then and whether the upload had already been answered.
    const answers: { status: number; staged: number; uploadDone: boolean }[] = []

    while (!uploadDone) {
      const res = await t.http.get('/api/health')
      const staged = await stagedRows(t)
      answers.push({ status: res.status, staged, uploadDone })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const res = await uploading
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ size: bytes.length, sha256: sha256(bytes), mediaType: 'application/pdf' })
    first = res.body

    expect(answers.every((a) => a.status === 200)).toBe(true)
    // Answered while part, but not all, of the upload was in the database, with the upload still going.
    const during = answers.filter((a) => a.staged > 0 && !a.uploadDone)
    expect(during.length, JSON.stringify(answers)).toBeGreaterThanOrEqual(3)
    // The staged chunks were filed under the sha256; none is left under a staging key.
    expect(await stagedRows(t)).toBe(0)
    expect(await chunkRows(t, sha256(bytes))).toBe(Math.ceil(bytes.length / CHUNK_SIZE))
  })

  it('is stored once when uploaded again elsewhere, and both download byte for byte', async () => {
    const d = await draft(reporterVP, roundId, id('1.2'), 'VP')
    const again = await upload(reporterVP, d.id, 'tas pats.pdf', bytes)
    expect(again.status).toBe(201)
    expect(again.body.id).not.toBe(first.id)
    expect(again.body.sha256).toBe(first.sha256)
    expect(await chunkRows(t, first.sha256)).toBe(Math.ceil(bytes.length / CHUNK_SIZE))
    expect(await stagedRows(t)).toBe(0)

    for (const evidenceId of [first.id, again.body.id]) {
      const res = await download(reporterVP, evidenceId)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.headers['content-length']).toBe(String(bytes.length))
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(sha256(res.body as Buffer)).toBe(first.sha256)
      expect((res.body as Buffer).equals(bytes)).toBe(true)
    }
  })
})

describe('evidence stored by earlier versions', () => {
  it('still downloads from the bytes kept in its row', async () => {
    const d = await draft(reporterVP, roundId, id('3.5'), 'VP')
    const bytes = tinyPdf('agrāk')
    const [row] = await t.app.db
      .insert(evidence)
      .values({
        submissionId: d.id,
        kind: 'file',
        fileName: 'agrāk.pdf',
        mediaType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        content: bytes,
      })
      .returning({ id: evidence.id })
    expect(await chunkRows(t, sha256(bytes))).toBe(0)
    const res = await download(reporterVP, row!.id)
    expect(res.status).toBe(200)
    expect(res.headers['content-length']).toBe(String(bytes.length))
    expect((res.body as Buffer).equals(bytes)).toBe(true)
  })
})

describe('the bytes of removed evidence', () => {
  it('stay while other evidence has the same file and go with the last of it', async () => {
    const a = await draft(reporterVP, roundId, id('1.3'), 'VP')
    const b = await draft(reporterVP, roundId, id('1.4'), 'VP')
    const bytes = bigPdf(CHUNK_SIZE * 2 + 10)
    const onA = (await upload(reporterVP, a.id, 'kopīgs.pdf', bytes)).body
    const onB = (await upload(reporterVP, b.id, 'kopīgs.pdf', bytes)).body
    expect(await chunkRows(t, sha256(bytes))).toBe(3)

    expect((await reporterVP.delete(`/api/evidence/${onA.id}`)).status).toBe(204)
    expect(await chunkRows(t, sha256(bytes))).toBe(3)
    expect((await download(reporterVP, onB.id)).body.equals(bytes)).toBe(true)

    expect((await reporterVP.delete(`/api/evidence/${onB.id}`)).status).toBe(204)
    expect(await chunkRows(t, sha256(bytes))).toBe(0)

    // Uploaded anew after that: stored again, whole.
    const back = await upload(reporterVP, a.id, 'atpakaļ.pdf', bytes)
    expect(back.status).toBe(201)
    expect((await download(reporterVP, back.body.id)).body.equals(bytes)).toBe(true)
  })

  it('are swept when nothing refers to them and they are older than an hour', async () => {
    const d = await draft(reporterVP, roundId, id('3.4'), 'VP')
    const kept = (await upload(reporterVP, d.id, 'paliek.pdf', tinyPdf('paliek'))).body
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000)
    await t.app.db
      .update(fileChunks)
      .set({ createdAt: hoursAgo(3) })
      .where(eq(fileChunks.sha256, kept.sha256))
    await t.app.db.insert(fileChunks).values([
      // A failed upload's staged chunks, an hour and a half old; a file whose evidence went with its submission.
      { sha256: `${STAGING_PREFIX}pamests`, seq: 0, data: randomBytes(100), createdAt: hoursAgo(1.5) },
      { sha256: `${STAGING_PREFIX}pamests`, seq: 1, data: randomBytes(100), createdAt: hoursAgo(1.5) },
      { sha256: 'f'.repeat(64), seq: 0, data: randomBytes(100), createdAt: hoursAgo(2) },
      // An upload under way.
      { sha256: `${STAGING_PREFIX}notiek`, seq: 0, data: randomBytes(100) },
    ])
    expect(await t.app.evidence.sweepFiles()).toBe(2)
    expect(await chunkRows(t, `${STAGING_PREFIX}pamests`)).toBe(0)
    expect(await chunkRows(t, 'f'.repeat(64))).toBe(0)
    expect(await chunkRows(t, `${STAGING_PREFIX}notiek`)).toBe(1)
    expect(await chunkRows(t, kept.sha256)).toBe(1)
    expect(await t.app.evidence.sweepFiles(0)).toBe(1)
    expect(await chunkRows(t, `${STAGING_PREFIX}notiek`)).toBe(0)
    expect((await download(reporterVP, kept.id)).status).toBe(200)
  })
})

describe('refused uploads', () => {
  it('leave no chunks: wrong type (early or at the end), empty, crafted name, two files, a body cut off', async () => {
    const d = await draft(reporterVP, roundId, id('3.1'), 'VP')
    const before = await chunkRows(t)
    const big = (head: Buffer) => Buffer.concat([head, randomBytes(3 * CHUNK_SIZE)])
    const refusals: [string, Buffer, number][] = [
      ['programma.pdf', big(elfBinary()), 415],
      ['arhīvs.docx', Buffer.from(zipSync({ 'a.bin': [randomBytes(3 * CHUNK_SIZE), { level: 0 }], 'b.txt': strToU8('x') })), 415],
      ['arhīvs.docx', plainZip(), 415],
      ['tukšs.pdf', Buffer.alloc(0), 400],
      ['../ceļš.pdf', bigPdf(3 * CHUNK_SIZE), 400],
    ]
    for (const [name, bytes, status] of refusals) {
      const res = await upload(reporterVP, d.id, name, bytes)
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status)
      expect(await chunkRows(t)).toBe(before)
    }

    const two = multipart([
      { name: 'file', filename: 'a.pdf', data: bigPdf(2 * CHUNK_SIZE) },
      { name: 'file', filename: 'b.pdf', data: tinyPdf('b') },
    ])
    const twoFiles = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', two.contentType)
      .send(two.body)
    expect(twoFiles.status).toBe(413)
    expect(await chunkRows(t)).toBe(before)

    const cut = multipart([{ name: 'file', filename: 'a.pdf', data: bigPdf(3 * CHUNK_SIZE) }])
    const cutOff = await reporterVP.agent
      .post(`/api/submissions/${d.id}/evidence`)
      .set('X-CSRF-Token', reporterVP.csrfToken)
      .set('content-type', cut.contentType)
      .send(cut.body.subarray(0, cut.body.length - 40))
    expect(cutOff.status).toBe(400)
    expect(await chunkRows(t)).toBe(before)
    expect((await reporterVP.get(`/api/submissions/${d.id}`)).body.evidence).toEqual([])
  })

  it('a DOCX whose type shows only at its end, larger than a chunk, is still recognised', async () => {
    const d = await draft(reporterVP, roundId, id('3.2'), 'VP')
    const bytes = docxTypedAtTheEnd(3 * CHUNK_SIZE)
    const res = await upload(reporterVP, d.id, 'pārskats.docx', bytes)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect((await download(reporterVP, res.body.id)).body.equals(bytes)).toBe(true)
  })

  it('a client that goes away mid-upload leaves no chunks', async () => {
    const d = await draft(reporterVP, roundId, id('3.3'), 'VP')
    const before = await chunkRows(t)
    const { body, contentType } = multipart([{ name: 'file', filename: 'pusē.pdf', data: bigPdf(4 * MB) }])
    const { port } = t.app.server.address() as AddressInfo
    const session = await rawLogin(port, DEMO.reporterVP)
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/submissions/${d.id}/evidence`,
      headers: { 'content-type': contentType, 'content-length': body.length, 'x-csrf-token': session.csrfToken, cookie: session.cookie },
    })
    req.on('error', () => undefined)
    req.write(body.subarray(0, 2 * MB))
    // Chunks of it get staged; then the client is gone.
    await vi.waitFor(async () => expect(await stagedRows(t)).toBeGreaterThan(0), { timeout: 20_000, interval: 20 })
    req.destroy()
    await vi.waitFor(async () => expect(await chunkRows(t)).toBe(before), { timeout: 20_000, interval: 50 })
  })
})

describe('the size limit', () => {
  let small: TestApp
  beforeAll(async () => {
    small = await startTestApp({ UPLOAD_MAX_MB: '1' })
  })
  afterAll(() => small.close())

  it('answers 413 past UPLOAD_MAX_MB with the chunks written so far removed', async () => {
    const reporter = await small.login(DEMO.reporterVP)
    const coordinatorHere = await small.login(DEMO.planCoordinator)
    const planHere = await small.demoPlanId()
    const byNumber = await measuresByNumber(coordinatorHere, planHere)
    const round = await openRound(coordinatorHere, planHere, { measures: [byNumber.get('3.5')!.id] })
    const d = await draft(reporter, round.id, byNumber.get('3.5')!.id, 'VP')
    const before = await chunkRows(small)
    for (const size of [MB + 1, 3 * MB]) {
      const res = await upload(reporter, d.id, 'liels.pdf', bigPdf(size))
      expect(res.status).toBe(413)
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE')
      expect(await chunkRows(small)).toBe(before)
    }
    const fits = await upload(reporter, d.id, 'der.pdf', bigPdf(MB))
    expect(fits.status).toBe(201)
    expect(fits.body.size).toBe(MB)
    expect(await chunkRows(small)).toBe(before + Math.ceil(MB / CHUNK_SIZE))
  })
})

/** A login by hand, for a hand-made request: its cookie and CSRF token. */
async function rawLogin(port: number, who: { email: string; password: string }) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  })
  expect(res.status).toBe(200)
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken }
}
