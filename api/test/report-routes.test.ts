import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let coordinator: Client
let planId: number
beforeAll(async () => {
  t = await startTestApp()
  coordinator = await t.login(DEMO.planCoordinator)
  planId = await t.demoPlanId()
})
afterAll(() => t.close())

const binary = (res: { body: unknown }) => res.body as Buffer

describe('report narrative', () => {
  it('starts empty at version 0, saves with the version read, and answers 409 when stale', async () => {
    const empty = await coordinator.get(`/api/plans/${planId}/report`)
    expect(empty.body).toEqual({
      sections: { actionLines: {}, financing: null, conclusions: null },
      version: 0,
      updatedAt: null,
      updatedBy: null,
    })
    const saved = await coordinator.put(`/api/plans/${planId}/report`, {
      version: 0,
      sections: { actionLines: { '1': 'Pirmā virziena ievads.', '2': '   ' }, financing: '', conclusions: 'Plāns kopumā izpildīts.' },
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      version: 1,
      sections: { actionLines: { '1': 'Pirmā virziena ievads.' }, financing: null, conclusions: 'Plāns kopumā izpildīts.' },
    })
    expect(saved.body.updatedBy).toBe('Ilze Koordinatore')
    const stale = await coordinator.put(`/api/plans/${planId}/report`, {
      version: 0,
      sections: { actionLines: {}, financing: null, conclusions: 'Cits' },
    })
    expect(stale.status).toBe(409)
    expect((await coordinator.get(`/api/plans/${planId}/report`)).body.sections.conclusions).toBe('Plāns kopumā izpildīts.')
    const audit = await coordinator.get('/api/audit?entity=report')
    expect(audit.body[0]).toMatchObject({
      action: 'report.update',
      after: expect.objectContaining({ conclusions: 'Plāns kopumā izpildīts.' }),
    })
  })

  it('refuses the ministry coordinator’s write and bad bodies', async () => {
    const ministry = await t.login(DEMO.ministryCoordinator)
    expect(
      (await ministry.put(`/api/plans/${planId}/report`, { version: 1, sections: { actionLines: {}, financing: null, conclusions: null } }))
        .status,
    ).toBe(403)
    expect((await coordinator.put(`/api/plans/${planId}/report`, { version: 1, sections: { actionLines: { '1': 5 } } })).status).toBe(400)
  })

  it('previews the generated sentences and tables', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/report/preview`)
    expect(res.status).toBe(200)
    expect(res.body.summary).toBe(
      'Kopā no Plānā iekļautajiem 30 pasākumiem izpildīti ir 19 pasākumi, daļēji izpildīti 9 pasākumi un nav izpildīti 2 pasākumi.',
    )
    expect(res.body.actionLines.map((l: { measures: unknown[] }) => l.measures.length)).toEqual([9, 11, 6, 4])
    expect(res.body.actionLines[0].heading).toMatch(/^I Rīcības virziens „Primārā prevencija/)
    expect(res.body.financing.groups.map((g: { requestedEur: number }) => g.requestedEur)).toEqual([46000, 100000, 7500])
  })
})

describe('downloads', () => {
  it('gives the DOCX with the saved conclusions, named by plan code and date', async () => {
    const res = await asBytes(coordinator.get(`/api/plans/${planId}/report.docx`))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="BNN-2023-2024-zinojums-\d{4}-\d{2}-\d{2}\.docx"/)
    const files = unzipSync(new Uint8Array(binary(res)))
    const xml = strFromU8(files['word/document.xml']!)
    expect(xml).toContain('Plāns kopumā izpildīts.')
    expect(xml).toContain('Pirmā virziena ievads.')
  })

  it('gives the XLSX and the CSV with a BOM', async () => {
    const xlsx = await asBytes(coordinator.get(`/api/plans/${planId}/measures.xlsx`))
    expect(xlsx.status).toBe(200)
    expect(binary(xlsx).subarray(0, 2).toString()).toBe('PK')
    const csv = await asBytes(coordinator.get(`/api/plans/${planId}/measures.csv`))
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect([...binary(csv).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(binary(csv).toString('utf8')).toContain('Izpildīts')
  })

  it('lets viewers read the report, not reporters; 404 for an unknown plan', async () => {
    const viewer = await t.login(DEMO.viewer)
    expect((await viewer.get(`/api/plans/${planId}/report.docx`)).status).toBe(200)
    const reporter = await t.login(DEMO.reporterVPD)
    expect((await reporter.get(`/api/plans/${planId}/report.docx`)).status).toBe(403)
    expect((await reporter.get(`/api/plans/${planId}/measures.xlsx`)).status).toBe(200)
    expect((await coordinator.get('/api/plans/999999/report.docx')).status).toBe(404)
  })
})
