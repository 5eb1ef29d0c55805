// The financing chapter: money rolled up to ministries (an agency's under its ministry, named in
// its row), the measures it serves by the report's and the plan's own number, and money whose grant
// is not known shown as "nav zināms", never as 0 euro — in the figures, the preview and the DOCX.
import { describe, expect, it } from 'vitest'
import { type PlanDocument, defaultReportContent } from '@apt/shared'
import { buildReportDocx } from '../../src/report/docx.js'
import { buildReportPreview } from '../../src/report/preview.js'
import { computeFigures, institutionIndex } from '../../src/report/figures.js'
import {
  financingLead,
  financingPreview,
  grantedSentence,
  grantedText,
  measureRefText,
  nameInDative,
} from '../../src/report/financing-chapter.js'
import { assertWellFormed, loadDemoPlan, paragraphsOf, plain, tablesOf, text, unzip } from './ooxml.js'

const demo = loadDemoPlan()

/** A plan whose money is partly granted, partly refused and partly of unknown grant, across two ministries and others. */
const mixed: PlanDocument = {
  format: 'action-plan/1',
  institutions: [
    { code: 'IeM', name: 'Iekšlietu ministrija', kind: 'ministry', parent: null },
    { code: 'TM', name: 'Tieslietu ministrija', kind: 'ministry', parent: null },
    { code: 'VP', name: 'Valsts policija', kind: 'agency', parent: 'IeM' },
    { code: 'VPD', name: 'Valsts probācijas dienests', kind: 'agency', parent: 'TM' },
    { code: 'LIA', name: 'Latvijas Interneta asociācija', kind: 'ngo', parent: null },
    { code: 'PASV', name: 'Pašvaldības', abbreviation: null, kind: 'other', parent: null },
  ],
  plan: {
    code: 'FIN',
    title: 'Drošības plāns 2025. gadam',
    period: { start: '2025-01-01', end: '2025-12-31' },
    coordinator: 'IeM',
    actionLines: [
      {
        number: '1',
        title: 'Viens',
        measures: [
          {
            number: '1.1',
            sourceRef: '1.1.1',
            title: 'Pirmais pasākums',
            responsible: ['VP'],
            status: 'done',
            budget: {
              lines: [
                { amountEur: 10000, source: 'state_budget', institution: 'VP', programme: '06.01.01 Valsts policija', granted: true },
                { amountEur: 5000, source: 'state_budget', institution: 'VP', programme: '06.01.01 Valsts policija', granted: null },
              ],
            },
          },
          {
            number: '1.2',
            title: 'Otrais pasākums',
            responsible: ['IeM'],
            status: 'done',
            budget: { lines: [{ amountEur: 2000, source: 'state_budget', institution: 'IeM', granted: false }] },
          },
          {
            number: '1.3',
            sourceRef: '2.1.3',
            title: 'Trešais pasākums',
            responsible: ['VPD'],
            status: 'partial',
            budget: {
              lines: [{ amountEur: 7500, source: 'state_budget', institution: 'VPD', programme: '04.03.00 Probācijas īstenošana' }],
            },
          },
          {
            number: '1.4',
            title: 'Ceturtais pasākums',
            responsible: ['LIA', 'PASV'],
            status: 'partial',
            budget: {
              lines: [
                { amountEur: 300, source: 'other', institution: 'LIA', granted: true },
                { amountEur: 700, source: 'other', institution: 'PASV', granted: null },
              ],
            },
          },
        ],
      },
    ],
  },
}

async function financingTableOf(doc: PlanDocument) {
  const xml = text(
    unzip(await buildReportDocx({ document: doc, content: defaultReportContent(), generatedAt: new Date('2025-03-01T10:00:00Z') })),
    'word/document.xml',
  )
  assertWellFormed(xml)
  const table = tablesOf(xml).find((t) => t.rows[0]?.cells.join('|') === 'Institūcija|Budžeta apakšprogramma|Pasākumi|Pieprasīts|Piešķirts')
  expect(table, 'the financing table').toBeDefined()
  return { table: table!, paragraphs: paragraphsOf(xml).map((p) => plain(p.text)), xml }
}

describe('the lead, as the seed words it', () => {
  it('states the demo plan’s 153 500 euro per ministry in the dative', () => {
    const { lead, items, granted } = financingLead(computeFigures(demo).financing, institutionIndex(demo))
    expect(plain(lead)).toBe(
      'Īstenošanā iesaistīto institūciju identificētais finansējums Plāna pasākumu īstenošanai bija 153 500 euro apmērā, tai skaitā:',
    )
    expect(items.map(plain)).toEqual(['Iekšlietu ministrijai – 46 000 euro;', 'Tieslietu ministrijai – 107 500 euro.'])
    expect(granted).toBe('Šis finansējums netika piešķirts.')
  })

  it('lists other institutions last, and says what part of the grant is not known', () => {
    const { items, granted } = financingLead(computeFigures(mixed).financing, institutionIndex(mixed))
    expect(items.map(plain)).toEqual([
      'Iekšlietu ministrijai – 17 000 euro;',
      'Tieslietu ministrijai – 7 500 euro;',
      'citām institūcijām – 1 000 euro.',
    ])
    expect(plain(granted!)).toBe(
      'No tā tika piešķirti 10 300 euro, netika piešķirti 2 000 euro, bet par 13 200 euro nav zināms, vai tie tika piešķirti.',
    )
  })

  it('words the grant for every case, never as 0 euro granted when it is not known', () => {
    expect(grantedSentence({ requestedEur: 100, grantedEur: 0, unknownEur: 100 })).toBe('Vai šis finansējums tika piešķirts, nav zināms.')
    expect(grantedSentence({ requestedEur: 100, grantedEur: 100, unknownEur: 0 })).toBe('Šis finansējums tika piešķirts pilnā apmērā.')
    expect(plain(grantedSentence({ requestedEur: 100, grantedEur: 40, unknownEur: 0 }))).toBe('No tā tika piešķirti 40 euro.')
    expect(plain(grantedSentence({ requestedEur: 100, grantedEur: 40, unknownEur: 60 }))).toBe(
      'No tā tika piešķirti 40 euro, bet par 60 euro nav zināms, vai tie tika piešķirti.',
    )
    expect(grantedText({ requestedEur: 7500, grantedEur: 0, unknownEur: 7500 })).toBe('nav zināms')
    expect(plain(grantedText({ requestedEur: 15000, grantedEur: 10000, unknownEur: 5000 }))).toBe('10 000 euro, par 5 000 euro nav zināms')
    expect(plain(grantedText({ requestedEur: 2000, grantedEur: 0, unknownEur: 0 }))).toBe('0 euro')
  })

  it('names a single ministry in the lead itself, and falls back to the nominative where the dative is not sure', () => {
    const one: PlanDocument = {
      ...mixed,
      plan: { ...mixed.plan, actionLines: [{ ...mixed.plan.actionLines[0]!, measures: mixed.plan.actionLines[0]!.measures.slice(0, 2) }] },
    }
    expect(plain(financingLead(computeFigures(one).financing, institutionIndex(one)).lead)).toBe(
      'Īstenošanā iesaistīto institūciju identificētais finansējums Plāna pasākumu īstenošanai bija 17 000 euro apmērā (Iekšlietu ministrijai).',
    )
    const odd: PlanDocument = {
      ...mixed,
      institutions: mixed.institutions.map((i) => (i.code === 'TM' ? { ...i, name: 'Nacionālais tiesu dienests' } : i)),
    }
    expect(financingLead(computeFigures(odd).financing, institutionIndex(odd)).items.map(plain)).toEqual([
      'Iekšlietu ministrija (IeM) – 17 000 euro;',
      'Nacionālais tiesu dienests (TM) – 7 500 euro;',
      'Citas institūcijas – 1 000 euro.',
    ])
    expect(nameInDative('Iekšlietu ministrija')).toBe('Iekšlietu ministrijai')
    expect(nameInDative('Klimata un enerģētikas ministrija')).toBe('Klimata un enerģētikas ministrijai')
    expect(nameInDative('Valsts kanceleja')).toBe('Valsts kancelejai')
    expect(nameInDative('Nacionālais veselības dienests')).toBeNull()
    expect(nameInDative('Aizsardzības ministrija (AM)')).toBeNull()
  })
})

describe('the preview', () => {
  it('rolls the demo plan’s money up to IeM and TM, with the report’s and the plan’s numbers of the measures', () => {
    const preview = financingPreview(computeFigures(demo), institutionIndex(demo))
    expect(preview.ministries.map((m) => [m.label, m.requestedEur, m.grantedEur, m.unknownEur])).toEqual([
      ['Iekšlietu ministrija (IeM)', 46000, 0, 0],
      ['Tieslietu ministrija (TM)', 107500, 0, 0],
    ])
    const probation = preview.ministries[1]!.rows.find((row) => row.programme === '04.03.00 Probācijas īstenošana')!
    expect(probation.measures).toEqual([
      { number: '2.2', sourceRef: '2.1.2' },
      { number: '2.3', sourceRef: '2.1.3' },
      { number: '3.6', sourceRef: '3.2.2.2' },
    ])
    expect(probation.measures.map(measureRefText)).toEqual(['2.2. (2.1.2.)', '2.3. (2.1.3.)', '3.6. (3.2.2.2.)'])
    expect(preview).toMatchObject({ requestedEur: 153500, grantedEur: 0, unknownEur: 0 })
  })

  it('names each agency in its ministry’s rows and keeps unknown grants apart', () => {
    const preview = financingPreview(computeFigures(mixed), institutionIndex(mixed))
    expect(
      preview.ministries.map((m) => ({
        label: m.label,
        unknown: m.unknownEur,
        rows: m.rows.map((r) => [r.institution, r.grantedEur, r.unknownEur]),
      })),
    ).toEqual([
      {
        label: 'Iekšlietu ministrija (IeM)',
        unknown: 5000,
        rows: [
          ['Iekšlietu ministrija (IeM)', 0, 0],
          ['Valsts policija (VP)', 10000, 5000],
        ],
      },
      { label: 'Tieslietu ministrija (TM)', unknown: 7500, rows: [['Valsts probācijas dienests (VPD)', 0, 7500]] },
      {
        label: 'Citas institūcijas',
        unknown: 700,
        rows: [
          ['Latvijas Interneta asociācija (LIA)', 300, 0],
          ['Pašvaldības', 0, 700],
        ],
      },
    ])
    expect(preview.unknownEur).toBe(13200)
  })
})

describe('the DOCX financing table', () => {
  it('shows each ministry’s subtotal over its own and its agencies’ rows, "nav zināms" where the grant is not known', async () => {
    const { table, paragraphs } = await financingTableOf(mixed)
    const rows = table.rows.slice(1).map((row) => row.cells.map(plain))
    expect(rows).toEqual([
      ['Iekšlietu ministrija (IeM) kopā', '17 000 euro', '10 000 euro, par 5 000 euro nav zināms'],
      ['Iekšlietu ministrija (IeM)', 'Nav norādīta', '1.2.', '2 000 euro', '0 euro'],
      ['Valsts policija (VP)', '06.01.01 Valsts policija', '1.1. (1.1.1.)', '15 000 euro', '10 000 euro, par 5 000 euro nav zināms'],
      ['Tieslietu ministrija (TM) kopā', '7 500 euro', 'nav zināms'],
      ['Valsts probācijas dienests (VPD)', '04.03.00 Probācijas īstenošana', '1.3. (2.1.3.)', '7 500 euro', 'nav zināms'],
      ['Citas institūcijas kopā', '1 000 euro', '300 euro, par 700 euro nav zināms'],
      ['Latvijas Interneta asociācija (LIA)', 'Nav norādīta', '1.4.', '300 euro', '300 euro'],
      ['Pašvaldības', 'Nav norādīta', '1.4.', '700 euro', 'nav zināms'],
      ['Kopā', '25 500 euro', '10 300 euro, par 13 200 euro nav zināms'],
    ])
    // The subtotal and total rows span the first three columns.
    expect(table.rows[1]!.xml).toMatch(/<w:gridSpan w:val="3"\/>/)
    expect(paragraphs).toContain('citām institūcijām – 1 000 euro.')
    expect(paragraphs.join('\n')).not.toMatch(/PASV/)
  })

  it('states the demo plan’s lead and its roll-up in the document', async () => {
    const { table, paragraphs } = await financingTableOf(demo)
    expect(paragraphs).toContain(
      'Īstenošanā iesaistīto institūciju identificētais finansējums Plāna pasākumu īstenošanai bija 153 500 euro apmērā, tai skaitā:',
    )
    expect(paragraphs).toContain('Iekšlietu ministrijai – 46 000 euro;')
    expect(paragraphs).toContain('Tieslietu ministrijai – 107 500 euro.')
    const first = table.rows.slice(1).map((row) => plain(row.cells[0]!))
    expect(first).toEqual([
      'Iekšlietu ministrija (IeM) kopā',
      'Iekšlietu ministrija (IeM)',
      'Tieslietu ministrija (TM) kopā',
      'Tieslietu ministrija (TM)',
      'Tieslietu ministrija (TM)',
      'Kopā',
    ])
    expect(plain(table.rows.at(-1)!.cells.join('|'))).toBe('Kopā|153 500 euro|0 euro')
  })
})

describe('the tables’ numbers', () => {
  // Three lines: one with money, one whose measures were all excluded (its table lists them), one empty (no table).
  const numbered: PlanDocument = structuredClone(mixed)
  numbered.plan.actionLines.push(
    {
      number: '2',
      title: 'Divi',
      measures: [
        {
          number: '2.1',
          title: 'Izslēgtais pasākums',
          responsible: ['VP'],
          status: 'pending',
          excluded: { act: 'Ministru kabineta 2025. gada 5. marta rīkojums Nr. 170', date: '2025-03-05' },
        },
      ],
    },
    { number: '3', title: 'Trīs', measures: [] },
  )
  const numberOf = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1])

  it('numbers every table in one run, each cited in its text, the financing table after the measure tables', async () => {
    const { paragraphs } = await financingTableOf(numbered)
    const captions = paragraphs.filter((p) => /^\d+\. tabula\. /.test(p))
    expect(captions).toEqual([
      '1. tabula. I rīcības virzienā iekļauto pasākumu izpilde',
      '2. tabula. II rīcības virzienā iekļauto pasākumu izpilde',
      '3. tabula. Institūciju norādītais finansējums pa ministrijām un budžeta apakšprogrammām',
    ])
    const cited = paragraphs.flatMap((p) => [...p.matchAll(/skat\. (\d+)\. tabulu/g)].map((m) => Number(m[1])))
    expect(cited).toEqual([1, 2])
    expect(paragraphs).toContain('Visi šī rīcības virziena pasākumi ir izslēgti no Plāna (skat. 2. tabulu).')
    expect(paragraphs).toContain('Šajā rīcības virzienā nav iekļauts neviens pasākums.')
    // Each citation comes before the table it cites.
    for (const n of cited) {
      const sentence = paragraphs.findIndex((p) => p.includes(`skat. ${n}. tabulu`))
      expect(sentence).toBeLessThan(paragraphs.findIndex((p) => p.startsWith(`${n}. tabula. `)))
    }
  })

  it('gives the preview the DOCX’s captions', async () => {
    const { paragraphs } = await financingTableOf(numbered)
    const preview = buildReportPreview(numbered)
    expect(preview.actionLines.map((line) => line.tableCaption)).toEqual([
      '1. tabula. I rīcības virzienā iekļauto pasākumu izpilde',
      '2. tabula. II rīcības virzienā iekļauto pasākumu izpilde',
      null,
    ])
    expect(paragraphs).toContain(preview.financing.tableCaption)
    expect(numberOf(preview.financing.tableCaption!, /^(\d+)\. tabula/)).toBe(3)
    expect(preview.actionLines[1]!.countSentence).toBe('Visi šī rīcības virziena pasākumi ir izslēgti no Plāna (skat. 2. tabulu).')
  })

  it('numbers the demo plan’s financing table 5, after its four measure tables', async () => {
    const { paragraphs } = await financingTableOf(demo)
    expect(paragraphs.filter((p) => /^\d+\. tabula\. /.test(p)).map((p) => numberOf(p, /^(\d+)\./))).toEqual([1, 2, 3, 4, 5])
    expect(paragraphs).toContain('5. tabula. Institūciju norādītais finansējums pa ministrijām un budžeta apakšprogrammām')
  })
})
