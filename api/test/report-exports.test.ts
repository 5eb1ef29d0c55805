// The export history: every report.docx download is kept (who, when, sha256, the figures at that
// moment) and can be downloaded again byte for byte; another plan's export is not reachable
// through this plan; each export is in the audit log.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportExport } from '@apt/shared'
import { readDemoPlan } from '../src/bootstrap.js'
import { computeFigures } from '../src/report/figures.js'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let coordinator: Client
let viewer: Client
let planId: number
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** The figures an export keeps, as computed from a plan document. */
function figuresOf(doc = readDemoPlan()): ReportExport['figures'] {
  const { total, excluded, byStatus } = computeFigures(doc)
  return { total, excluded, done: byStatus.done, partial: byStatus.partial, notDone: byStatus.not_done, pending: byStatus.pending }
}

async function exportDocx(client: Client, id = planId) {
  const res = await asBytes(client.get(`/api/plans/${id}/report.docx`))
  expect(res.status).toBe(200)
  return { bytes: res.body as Buffer, exportId: Number(res.headers['x-report-export-id']) }
}

beforeAll(async () => {
  t = await startTestApp()
  coordinator = await t.login(DEMO.planCoordinator)
  viewer = await t.login(DEMO.viewer)
  planId = await t.demoPlanId()
})
afterAll(() => t.close())

describe('export history', () => {
  let first: Awaited<ReturnType<typeof exportDocx>>
  let second: Awaited<ReturnType<typeof exportDocx>>
  const before = figuresOf()
  // Between the exports one done measure (4.4) is rated partly done.
  const after = { ...before, done: before.done - 1, partial: before.partial + 1 }

  beforeAll(async () => {
    first = await exportDocx(coordinator)
    const measures = (await coordinator.get(`/api/plans/${planId}/measures`)).body as { id: number; number: string; version: number }[]
    const m44 = measures.find((m) => m.number === '4.4')!
    expect(
      (
        await coordinator.patch(`/api/measures/${m44.id}`, {
          version: m44.version,
          status: 'partial',
          reason: 'Rezultatīvais rādītājs nav sasniegts.',
        })
      ).status,
    ).toBe(200)
    second = await exportDocx(viewer)
  })

  it('lists every export newest first: who, sha256 of the very bytes, size and the figures then', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/report/exports`)
    expect(res.status).toBe(200)
    const items = res.body.items as ReportExport[]
    expect(items.map((e) => e.id)).toEqual([second.exportId, first.exportId])
    expect(items[0]).toMatchObject({
      createdBy: 'Kārlis Kancelejs',
      sha256: sha256(second.bytes),
      sizeBytes: second.bytes.length,
      figures: after,
    })
    expect(items[1]).toMatchObject({
      createdBy: 'Ilze Koordinatore',
      sha256: sha256(first.bytes),
      sizeBytes: first.bytes.length,
      figures: before,
    })
    expect(items[0]!.fileName).toMatch(/^BNN-2023-2024-zinojums-\d{4}-\d{2}-\d{2}\.docx$/)
    expect(Date.parse(items[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(items[1]!.createdAt))
    // The two files differ (the figures changed), so the hashes tell them apart.
    expect(items[0]!.sha256).not.toBe(items[1]!.sha256)
  })

  it('gives an earlier export back byte for byte, as a download', async () => {
    for (const { exportId, bytes } of [first, second]) {
      const res = await asBytes(viewer.get(`/api/plans/${planId}/report/exports/${exportId}`))
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="BNN-2023-2024-zinojums-\d{4}-\d{2}-\d{2}\.docx"$/)
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0)
    }
  })

  it('answers 404 for another plan’s export, an unknown id, and 400 for a bad id', async () => {
    const admin = await t.login(DEMO.admin)
    const doc = readDemoPlan()
    const other = await admin.post('/api/plans/import', { ...doc, plan: { ...doc.plan, code: 'EXPORT-OTHER' } })
    expect(other.status).toBe(201)
    const otherExport = await exportDocx(admin, other.body.id)
    expect((await admin.get(`/api/plans/${planId}/report/exports/${otherExport.exportId}`)).status).toBe(404)
    expect((await admin.get(`/api/plans/${other.body.id}/report/exports/${otherExport.exportId}`)).status).toBe(200)
    expect((await admin.get(`/api/plans/${planId}/report/exports/999999`)).status).toBe(404)
    expect((await admin.get(`/api/plans/${planId}/report/exports/abc`)).status).toBe(400)
    // The other plan's export is not in this plan's list.
    const ids = ((await admin.get(`/api/plans/${planId}/report/exports`)).body.items as ReportExport[]).map((e) => e.id)
    expect(ids).not.toContain(otherExport.exportId)
  })

  it('keeps only real downloads: a HEAD is no route and adds no export', async () => {
    const count = async () => ((await coordinator.get(`/api/plans/${planId}/report/exports`)).body.items as ReportExport[]).length
    const before = await count()
    const head = await viewer.agent.head(`/api/plans/${planId}/report.docx`)
    expect(head.status).toBe(404)
    expect(await count()).toBe(before)
  })

  it('is for report readers only', async () => {
    const reporter = await t.login(DEMO.reporterVPD)
    expect((await reporter.get(`/api/plans/${planId}/report/exports`)).status).toBe(403)
    expect((await reporter.get(`/api/plans/${planId}/report/exports/${first.exportId}`)).status).toBe(403)
  })

  it('audits each export with its sha256 and figures', async () => {
    const res = await coordinator.get(`/api/audit?entity=report&plan=${planId}`)
    expect(res.status).toBe(200)
    const exports = (
      res.body as { action: string; actorName: string; after: { exportId: number; sha256: string; figures: unknown } }[]
    ).filter((row) => row.action === 'report.export')
    expect(exports.map((row) => row.after.exportId)).toEqual([second.exportId, first.exportId])
    expect(exports[0]).toMatchObject({ actorName: 'Kārlis Kancelejs', after: { sha256: sha256(second.bytes), figures: after } })
    expect(exports[1]).toMatchObject({ actorName: 'Ilze Koordinatore', after: { sha256: sha256(first.bytes), figures: before } })
  })
})
