import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  defaultReportContent,
  reportOpening,
  richDocFromText,
  type ReportContent,
  type ReportOutlineEntry,
  type ReportPreview,
  type RichDoc,
} from '@apt/shared'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { paragraphsOf, plain, text, unzip } from './report/ooxml.js'

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

/** The default content with the given texts in its sections (by id), action lines and financing. */
function content(texts: { sections?: Record<string, RichDoc>; actionLines?: Record<string, RichDoc>; financing?: RichDoc | null } = {}) {
  const c: ReportContent = defaultReportContent()
  c.outline = c.outline.map((entry) =>
    entry.kind === 'text' && texts.sections?.[entry.id] ? { ...entry, body: texts.sections[entry.id]! } : entry,
  )
  c.actionLines = texts.actionLines ?? {}
  c.financing = texts.financing ?? null
  return c
}

/** A list nested `depth` levels deep. */
function nestedList(depth: number): RichDoc {
  const list = (level: number): Record<string, unknown> => ({
    type: 'bulletList',
    content: [
      {
        type: 'listItem',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: `Līmenis ${level}` }] },
          ...(level < depth ? [list(level + 1)] : []),
        ],
      },
    ],
  })
  return { type: 'doc', content: [list(1)] } as unknown as RichDoc
}

describe('report narrative', () => {
  it('starts with the default outline at version 0, saves with the version read, and answers 409 when stale', async () => {
    const empty = await coordinator.get(`/api/plans/${planId}/report`)
    expect(empty.body).toEqual({ content: defaultReportContent(), version: 0, updatedAt: null, updatedBy: null })

    const written = content({
      sections: { conclusions: richDocFromText('Plāns kopumā izpildīts.'), evaluation: richDocFromText('   ') },
      actionLines: {
        '1': richDocFromText('Pirmā virziena ievads.'),
        '2': richDocFromText('   '),
        '3': { type: 'doc', content: [{ type: 'paragraph' }] },
      },
      financing: richDocFromText(''),
    })
    // An outline that lost a part (financing) and repeats another gets every part exactly once.
    written.outline = written.outline.filter((e) => !(e.kind === 'part' && e.part === 'financing'))
    written.outline.push({ kind: 'part', part: 'summary' })
    const saved = await coordinator.put(`/api/plans/${planId}/report`, { version: 0, content: written })
    expect(saved.status).toBe(200)
    expect(saved.body.version).toBe(1)
    expect(saved.body.updatedBy).toBe('Ilze Koordinatore')
    // Blank texts are dropped.
    expect(saved.body.content.actionLines).toEqual({ '1': richDocFromText('Pirmā virziena ievads.') })
    expect(saved.body.content.financing).toBeNull()
    const parts = saved.body.content.outline.filter((e: ReportOutlineEntry) => e.kind === 'part').map((e: { part: string }) => e.part)
    expect([...parts].sort()).toEqual(['financing', 'front', 'implementation', 'overview', 'summary', 'surveys'])
    expect(parts.indexOf('financing')).toBe(parts.indexOf('surveys') + 1)

    const stale = await coordinator.put(`/api/plans/${planId}/report`, {
      version: 0,
      content: content({ sections: { conclusions: richDocFromText('Cits') } }),
    })
    expect(stale.status).toBe(409)
    const now = await coordinator.get(`/api/plans/${planId}/report`)
    const conclusions = now.body.content.outline.find((e: ReportOutlineEntry) => e.kind === 'text' && e.id === 'conclusions')
    expect(conclusions.body).toEqual(richDocFromText('Plāns kopumā izpildīts.'))
    const audit = await coordinator.get('/api/audit?entity=report')
    expect(audit.body[0]).toMatchObject({ action: 'report.update', entityId: String(planId) })
    expect(JSON.stringify(audit.body[0].after)).toContain('Plāns kopumā izpildīts.')
  })

  it('refuses the ministry coordinator’s write and bad bodies with a clear 400', async () => {
    const ministry = await t.login(DEMO.ministryCoordinator)
    expect((await ministry.put(`/api/plans/${planId}/report`, { version: 1, content: content() })).status).toBe(403)

    const refused = async (body: object, what: RegExp) => {
      const res = await coordinator.put(`/api/plans/${planId}/report`, body)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.message).toMatch(what)
      return res
    }
    await refused({ version: 1, content: { ...content(), actionLines: { '1': 5 } } }, /actionLines\/1/)
    const link = (href: string): RichDoc => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'saite', marks: [{ type: 'link', attrs: { href } }] }] }],
    })
    await refused(
      { version: 1, content: content({ actionLines: { '1': link('javascript:alert(1)') } }) },
      /^\/content\/actionLines\/1\/content\/0\/content\/0\/marks\/0\/attrs\/href a link must be an http\(s\) or mailto: address$/,
    )
    await refused(
      { version: 1, content: content({ financing: { type: 'doc', content: [{ type: 'heading', content: [] }] } as unknown as RichDoc }) },
      /^\/content\/financing\/content\/0\/type "heading" is not a block the report knows/,
    )
    await refused(
      { version: 1, content: content({ sections: { conclusions: nestedList(4) } }) },
      /^\/content\/outline\/8\/body\/content\/0\/content\/0\/content\/1\/content\/0\/content\/1\/content\/0\/content\/1 lists nest at most 3 levels deep$/,
    )
    // Two sections with one id: the second is named.
    const twice = content()
    const conclusions = twice.outline.findIndex((e) => e.kind === 'text' && e.id === 'conclusions')
    twice.outline.push({ ...(twice.outline[conclusions] as ReportOutlineEntry & { kind: 'text' }), title: 'Vēlreiz' })
    await refused(
      { version: 1, content: twice },
      new RegExp(
        `^/content/outline/${twice.outline.length - 1}/id "conclusions" is already the id of the section at /content/outline/${conclusions}$`,
      ),
    )
    // Three levels are fine.
    const three = await coordinator.put(`/api/plans/${planId}/report`, {
      version: 1,
      content: content({ sections: { conclusions: nestedList(3) } }),
    })
    expect(three.status).toBe(200)
    expect((await coordinator.get(`/api/plans/${planId}/report`)).body.version).toBe(2)
  })

  it('names a text or a table beyond the limits in a plain 400, and a body over the limit is a 413', async () => {
    const { version } = (await coordinator.get(`/api/plans/${planId}/report`)).body as { version: number }
    const put = (c: ReportContent) => coordinator.put(`/api/plans/${planId}/report`, { version, content: c })
    const long = await put(content({ financing: richDocFromText('x'.repeat(120_000)) }))
    expect(long.status).toBe(400)
    expect(long.body.errors).toEqual([
      {
        path: '/content/financing/content/0/content/0/text',
        message: 'must NOT have more than 100000 characters (it has 120000): split it into paragraphs',
      },
    ])
    const cell = { type: 'tableCell', content: [{ type: 'paragraph' }] }
    const table = (rows: number, cols: number) =>
      ({
        type: 'doc',
        content: [{ type: 'table', content: Array.from({ length: rows }, () => ({ type: 'tableRow', content: Array(cols).fill(cell) })) }],
      }) as unknown as RichDoc
    const wide = await put(content({ actionLines: { '2': table(3, 21) } }))
    expect(wide.status).toBe(400)
    expect(wide.body.errors).toEqual([
      {
        path: '/content/actionLines/2/content/0/content/0/content',
        message: 'must NOT have more than 20 items (cells in a row; it has 21)',
      },
    ])
    const tall = await put(content({ actionLines: { '2': table(501, 1) } }))
    expect(tall.status).toBe(400)
    expect(tall.body.errors).toEqual([
      { path: '/content/actionLines/2/content/0/content', message: 'must NOT have more than 500 items (rows; it has 501)' },
    ])
    // At the limits it saves.
    const full = await put(content({ actionLines: { '2': table(500, 20) } }))
    expect(full.status).toBe(200)
    const tooLarge = await coordinator.put(`/api/plans/${planId}/report`, {
      version: full.body.version,
      content: content({ financing: richDocFromText(Array.from({ length: 400 }, () => 'y'.repeat(3000)).join('\n')) }),
    })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('keeps a text that is only a footnote, as written text the DOCX prints', async () => {
    const footnoteOnly: RichDoc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'footnote', attrs: { text: 'Avots: VP dati.' } }] }],
    }
    const { version } = (await coordinator.get(`/api/plans/${planId}/report`)).body as { version: number }
    const saved = await coordinator.put(`/api/plans/${planId}/report`, {
      version,
      content: content({ actionLines: { '2': footnoteOnly }, financing: footnoteOnly }),
    })
    expect(saved.status).toBe(200)
    expect(saved.body.content.actionLines).toEqual({ '2': footnoteOnly })
    expect(saved.body.content.financing).toEqual(footnoteOnly)
    const docx = await asBytes(coordinator.get(`/api/plans/${planId}/report.docx`))
    expect(strFromU8(unzipSync(new Uint8Array(binary(docx)))['word/footnotes.xml']!)).toContain('Avots: VP dati.')
  })

  it('keeps the approving act’s point in the settings: refused unless cited as acts cite points, 409 when stale, the DOCX opening as the preview words it', async () => {
    const url = `/api/plans/${planId}/report`
    const withPoint = (point?: string) => {
      const c = content()
      if (point !== undefined) c.settings.reportingPoint = point
      return c
    }
    const { version } = (await coordinator.get(url)).body as { version: number }
    for (const bad of ['5', '5. punkts', '', `${'5., '.repeat(10)}6.`]) {
      const refused = await coordinator.put(url, { version, content: withPoint(bad) })
      expect(refused.status, bad).toBe(400)
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('/content/settings/reportingPoint')
    }
    const saved = await coordinator.put(url, { version, content: withPoint('5.') })
    expect(saved.status).toBe(200)
    expect(saved.body.content.settings.reportingPoint).toBe('5.')
    const stale = await coordinator.put(url, { version, content: withPoint('6.') })
    expect(stale.status).toBe(409)
    expect((await coordinator.get(url)).body.content.settings.reportingPoint).toBe('5.')

    const preview = (await coordinator.get(`${url}/preview`)).body as ReportPreview
    expect(preview.openingAct).toEqual({
      lead: expect.stringMatching(/ ir sagatavots saskaņā ar Ministru kabineta 2023\. gada 22\. marta rīkojuma Nr\. 156$/),
      duty: 'Iekšlietu ministrija sagatavo un līdz 2025. gada 1. decembrim iesniedz noteiktā kārtībā Ministru kabinetā ziņojumu par plāna izpildi',
    })
    const docxOpening = async () => {
      const docx = await asBytes(coordinator.get(`/api/plans/${planId}/report.docx`))
      const paragraphs = paragraphsOf(text(unzip(new Uint8Array(binary(docx))), 'word/document.xml'))
      return plain(paragraphs.find((p) => / ir sagatavots saskaņā ar /.test(plain(p.text)))!.text)
    }
    const opening = await docxOpening()
    expect(opening).toContain('rīkojuma Nr. 156 5. punktu, kurā noteikts, ka Iekšlietu ministrija')
    expect(opening).toBe(reportOpening(preview, saved.body.content.settings))

    // Cleared, the opening cites the act alone, as before.
    const cleared = await coordinator.put(url, { version: saved.body.version, content: withPoint() })
    expect(cleared.status).toBe(200)
    expect(cleared.body.content.settings).not.toHaveProperty('reportingPoint')
    expect(await docxOpening()).toBe(preview.opening)
    expect(preview.opening).toContain('rīkojumu Nr. 156, kurā noteikts')
    expect(reportOpening(preview, cleared.body.content.settings)).toBe(preview.opening)
  })

  it('previews the generated sentences and tables', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/report/preview`)
    expect(res.status).toBe(200)
    expect(res.body.summary).toBe(
      'Kopā no Plānā iekļautajiem 30 pasākumiem izpildīti ir 19 pasākumi, daļēji izpildīti 9 pasākumi un nav izpildīti 2 pasākumi.',
    )
    expect(res.body.actionLines.map((l: { measures: unknown[] }) => l.measures.length)).toEqual([9, 11, 6, 4])
    expect(res.body.actionLines[0].heading).toMatch(/^I rīcības virziens „Primārā prevencija/)
    expect(res.body.financing.requestedEur).toBe(153500)
    expect(res.body.title).toMatch(/^Informatīvais ziņojums „Par .*”$/)
  })
})

describe('downloads', () => {
  it('gives the DOCX with the saved sections, named by plan code and date', async () => {
    const before = (await coordinator.get(`/api/plans/${planId}/report`)).body
    const saved = await coordinator.put(`/api/plans/${planId}/report`, {
      version: before.version,
      content: content({
        sections: { conclusions: richDocFromText('Plāns kopumā izpildīts.') },
        actionLines: { '1': richDocFromText('Pirmā virziena ievads.') },
      }),
    })
    expect(saved.status).toBe(200)
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
