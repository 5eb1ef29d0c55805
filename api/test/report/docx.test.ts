// Golden test of the informative report on the demo plan, read back from the DOCX's XML, and a
// robustness test: odd data must still give a document Word can open.
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultReportContent, latvianQuotes, richDocFromText, type DocMeasure, type PlanDocument, type ReportContent } from '@apt/shared'
import { buildReportDocx } from '../../src/report/docx.js'
import { buildReportPreview } from '../../src/report/preview.js'
import { assertWellFormed, loadDemoPlan, paragraphsOf, plain, tablesOf, text, unzip, type WordParagraph } from './ooxml.js'

const demo = loadDemoPlan()
const GENERATED_AT = new Date('2025-11-20T10:00:00Z')

/** The default outline with the coordinator's texts: action lines, financing, conclusions. */
function contentWith(texts: {
  actionLines?: Record<string, string>
  financing?: string | null
  conclusions?: string | null
}): ReportContent {
  const content = defaultReportContent()
  // The flowing annex: these assertions read its labelled paragraphs.
  content.settings.annexLayout = 'flowing'
  content.actionLines = Object.fromEntries(Object.entries(texts.actionLines ?? {}).map(([line, t]) => [line, richDocFromText(t)]))
  content.financing = texts.financing ? richDocFromText(texts.financing) : null
  content.outline = content.outline.map((entry) =>
    entry.kind === 'text' && entry.id === 'conclusions' ? { ...entry, body: richDocFromText(texts.conclusions) } : entry,
  )
  return content
}

const CONTENT = contentWith({
  actionLines: {
    '1': 'Rīcības virziena pasākumi ir veiksmīgi izpildīti.\nTika organizētas regulāras apmācības.',
    '3': '   ',
  },
  financing: 'Papildu finansējums Plāna izpildei netika piešķirts.',
  conclusions: 'Kopumā plāna izpilde ir bijusi sekmīga.',
})
/** The annex's heading (1. pielikums). */
const ANNEX_HEADING = /pielikums$/i
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe('the informative report of the demo plan', () => {
  let files: Record<string, Uint8Array>
  let xml: string
  let paragraphs: WordParagraph[]
  const texts = () => paragraphs.map((p) => plain(p.text))
  const headings = (style: string) => paragraphs.filter((p) => p.style === style).map((p) => p.text)

  beforeAll(async () => {
    const buffer = await buildReportDocx({ document: demo, content: CONTENT, generatedAt: GENERATED_AT })
    files = unzip(buffer)
    xml = text(files, 'word/document.xml')
    paragraphs = paragraphsOf(xml)
  })

  it('is a well-formed package', () => {
    for (const name of Object.keys(files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      expect(() => assertWellFormed(text(files, name)), name).not.toThrow()
    }
  })

  it('has the title and the opening', () => {
    expect(paragraphs[0]).toMatchObject({
      style: 'Title',
      text: 'Informatīvais ziņojums „Par Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpildi”',
    })
    expect(texts()).toContain('Dati uz 2025. gada 20. novembri')
    expect(
      texts().some(
        (t) =>
          t.includes('saskaņā ar Ministru kabineta 2023. gada 22. marta rīkojumu Nr. 156') && t.includes('līdz 2025. gada 1. decembrim'),
      ),
    ).toBe(true)
    // The ministries (IeM reported; TM through its agencies VPD and IeVP), their agencies, then the others.
    expect(
      texts().some((t) => t.startsWith('Informatīvajā ziņojumā iekļauta IeM, TM un minēto institūciju padotības iestāžu, kā arī LIA un ')),
    ).toBe(true)
  })

  it('states the summary and the sectors', () => {
    expect(texts()).toContain(
      'Kopā no Plānā iekļautajiem 30 pasākumiem izpildīti ir 19 pasākumi, daļēji izpildīti 9 pasākumi un nav izpildīti 2 pasākumi.',
    )
    expect(texts().some((t) => t.includes('iekšlietu nozares iestādes bija atbildīgas par divpadsmit pasākumu izpildi'))).toBe(true)
  })

  it('embeds the chart as a PNG referenced from the document', () => {
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'))
    expect(media).toHaveLength(1)
    expect([...files[media[0]].subarray(0, 8)]).toEqual(PNG_SIGNATURE)
    const rels = text(files, 'word/_rels/document.xml.rels')
    const target = media[0].replace('word/', '')
    const id = new RegExp(`Id="([^"]+)"[^>]*Target="${target}"`).exec(rels)?.[1]
    expect(id).toBeDefined()
    expect(xml).toContain(`r:embed="${id}"`)
    expect(texts()).toContain('1. attēls. Plānā iekļauto pasākumu izpilde pa rīcības virzieniem')
  })

  it('uses heading styles Word navigates by', () => {
    expect(headings('Heading1')).toEqual([
      '1. Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpilde',
      '2. Finansējums',
      'Secinājumi',
      expect.stringMatching(ANNEX_HEADING),
    ])
    const lineHeadings = [
      'I rīcības virziens „Primārā prevencija – sabiedrības informēšana un izglītošana kopumā”',
      'II rīcības virziens „Darba ar riska grupām (sekundārā prevencija) un nepilngadīgiem likumpārkāpējiem (terciālā prevencija) pilnveidošana”',
      'III rīcības virziens „Darbs ar cietušajiem un cietušo bērnu atbalsta sistēmas pilnveide”',
      'IV rīcības virziens „Starpinstitūciju sadarbība, koordinācija, pētniecība”',
    ]
    // Once in the body, once in the annex.
    expect(headings('Heading2')).toEqual([...lineHeadings, ...lineHeadings])
    const styles = text(files, 'word/styles.xml')
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3']) expect(styles).toContain(`w:styleId="${id}"`)
    // Word knows its built-in headings by name (case-insensitive); the outline level makes them navigable.
    for (const level of [1, 2, 3]) {
      const style = new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${level}">[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? ''
      expect(style).toMatch(new RegExp(`<w:name w:val="[Hh]eading ${level}"/>`))
      expect(style).toContain(`<w:outlineLvl w:val="${level - 1}"/>`)
    }
    expect(styles).toContain('w:ascii="Times New Roman"')
  })

  it('writes each action line’s count sentence in words', () => {
    const t = texts()
    expect(t).toContain(
      'Kopā šajā rīcības virzienā no deviņiem ieplānotajiem pasākumiem izpildīti ir astoņi pasākumi, bet viens pasākums vērtēts kā daļēji izpildīts (skat. 1. tabulu).',
    )
    expect(t).toContain(
      'Kopā šajā rīcības virzienā no vienpadsmit ieplānotajiem pasākumiem izpildīti ir seši pasākumi, četri vērtēti kā daļēji izpildīti, bet viens pasākums vērtēts kā neizpildīts (skat. 2. tabulu).',
    )
    expect(t).toContain(
      'Kopā šajā rīcības virzienā no sešiem ieplānotajiem pasākumiem izpildīti ir trīs pasākumi, divi vērtēti kā daļēji izpildīti, bet viens pasākums vērtēts kā neizpildīts (skat. 3. tabulu).',
    )
    expect(t).toContain(
      'Kopā šajā rīcības virzienā no četriem ieplānotajiem pasākumiem izpildīti ir divi pasākumi, bet divi vērtēti kā daļēji izpildīti (skat. 4. tabulu).',
    )
  })

  it('has the four measure tables with every measure, number and status in order', () => {
    const tables = tablesOf(xml)
    expect(tables).toHaveLength(5) // four action lines + financing
    const letter: Record<string, string> = { Izpildīts: 'D', 'Daļēji izpildīts': 'P', 'Nav izpildīts': 'N' }
    const expectedStatuses = ['DPDDDDDDD', 'PDPPDDPDNDD', 'DDPPND', 'DPPD']
    demo.plan.actionLines.forEach((line, index) => {
      const [header, ...rows] = tables[index].rows
      expect(header.cells).toEqual(['Nr.\np.k.', 'Plāna pasākums', 'Izpilde'])
      expect(rows).toHaveLength([9, 11, 6, 4][index])
      expect(rows.map((row) => row.cells[0])).toEqual(line.measures.map((m) => m.number))
      expect(rows.map((row) => letter[row.cells[2]]).join('')).toBe(expectedStatuses[index])
      rows.forEach((row, i) => expect(row.cells[1].startsWith(latvianQuotes(line.measures[i].title.split('\n')[0].trim()))).toBe(true))
    })
    expect(tables.slice(0, 4).reduce((sum, table) => sum + table.rows.length - 1, 0)).toBe(30)
    expect(tables[1].rows[1].cells[1]).toMatch(/\(2\.1\.1\)$/)
    expect(texts()).toContain('2. tabula. II rīcības virzienā iekļauto pasākumu izpilde')
  })

  it('repeats every table’s header row on each page', () => {
    for (const table of tablesOf(xml)) {
      expect(table.rows[0].xml).toContain('<w:tblHeader/>')
      expect(table.rows.slice(1).every((row) => !row.xml.includes('<w:tblHeader'))).toBe(true)
    }
  })

  it('places the narrative after its action line’s table and leaves out empty narrative', () => {
    const t = texts()
    const table2Caption = t.indexOf('2. tabula. II rīcības virzienā iekļauto pasākumu izpilde')
    const narrative = t.indexOf('Rīcības virziena pasākumi ir veiksmīgi izpildīti.')
    expect(narrative).toBeGreaterThan(t.indexOf('1. tabula. I rīcības virzienā iekļauto pasākumu izpilde'))
    expect(narrative).toBeLessThan(table2Caption)
    expect(t[narrative + 1]).toBe('Tika organizētas regulāras apmācības.')
  })

  it('sums the financing by ministry, institution and sub-programme', () => {
    // The roll-up's own cases (agencies, unknown grants) are tested in financing.test.ts.
    const t = texts()
    expect(t).toContain(
      'Īstenošanā iesaistīto institūciju identificētais finansējums Plāna pasākumu īstenošanai bija 153 500 euro apmērā, tai skaitā:',
    )
    expect(t).toContain('Iekšlietu ministrijai – 46 000 euro;')
    expect(t).toContain('Tieslietu ministrijai – 107 500 euro.')
    expect(t).toContain('Šis finansējums netika piešķirts.')
    expect(t).toContain('Papildu finansējums Plāna izpildei netika piešķirts.')
    const financing = tablesOf(xml)[4]
    expect(financing.rows.map((row) => row.cells.map(plain))).toEqual([
      ['Institūcija', 'Budžeta apakšprogramma', 'Pasākumi', 'Pieprasīts', 'Piešķirts'],
      ['Iekšlietu ministrija (IeM) kopā', '46 000 euro', '0 euro'],
      ['Iekšlietu ministrija (IeM)', '06.01.01 Valsts policija', '1.2., 1.3., 1.4., 3.1. (3.1.1.)', '46 000 euro', '0 euro'],
      ['Tieslietu ministrija (TM) kopā', '107 500 euro', '0 euro'],
      ['Tieslietu ministrija (TM)', '04.01.00 Ieslodzījuma vietas', '2.9. (2.2.4.), 2.10. (2.2.5.)', '100 000 euro', '0 euro'],
      [
        'Tieslietu ministrija (TM)',
        '04.03.00 Probācijas īstenošana',
        '2.2. (2.1.2.), 2.3. (2.1.3.), 3.6. (3.2.2.2.)',
        '7 500 euro',
        '0 euro',
      ],
      ['Kopā', '153 500 euro', '0 euro'],
    ])
    // Amounts keep together with no-break spaces.
    expect(xml).toContain('46\u00A0000\u00A0euro')
  })

  it('has every measure in the annex with its details', () => {
    // The annex's layout is annex.ts's own (and tested there); here: every measure and its progress are in it.
    const annexStart = paragraphs.findIndex((p) => p.style === 'Heading1' && ANNEX_HEADING.test(p.text))
    expect(annexStart).toBeGreaterThan(0)
    const annexText = paragraphsOf(xml.slice(xml.indexOf(paragraphs[annexStart]!.xml)))
      .map((p) => plain(p.text))
      .join('\n')
    for (const measure of demo.plan.actionLines.flatMap((line) => line.measures)) {
      expect(annexText, measure.number).toContain(latvianQuotes(plain(measure.title.split('\n')[0]!.trim())))
    }
    expect(annexText).toContain('(VP) VP ieviests Interneta policista koncepts')
    expect(annexText).toContain('Nav izpildīts')
  })

  it('numbers the pages in the footer from page 2: page 1 has an empty first-page footer', () => {
    // The body's section is the first sectPr (inside the last paragraph of the body, before the annex).
    const sectPr = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(xml)?.[0] ?? ''
    const rels = text(files, 'word/_rels/document.xml.rels')
    const footerOf = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(sectPr)?.[1]
      expect(id, type).toBeDefined()
      const part = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1]
      return text(files, `word/${part}`)
    }
    const PAGE_FIELD = /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE\s*"/
    expect(footerOf('default')).toMatch(PAGE_FIELD)
    expect(sectPr).toMatch(/<w:titlePg(?: w:val="(?:true|1)")?\/>/)
    expect(footerOf('first')).not.toMatch(PAGE_FIELD)
  })

  it('has a table of contents field over headings 1–2 after the title, filled in by Word on opening', () => {
    const toc = /<w:instrText[^>]*>([^<]*TOC[^<]*)<\/w:instrText>|<w:fldSimple w:instr="([^"]*TOC[^"]*)"/.exec(xml)
    expect(toc).not.toBeNull()
    expect((toc![1] ?? toc![2])!.replace(/&quot;/g, '"')).toMatch(/\\o "1-2"/)
    expect(texts().indexOf('Saturs')).toBeGreaterThan(0)
    expect(xml.indexOf('TOC')).toBeLessThan(xml.indexOf('ir sagatavots saskaņā ar'))
    expect(text(files, 'word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/)
  })

  it('keeps every table row on one page', () => {
    for (const table of tablesOf(xml)) for (const row of table.rows) expect(row.xml).toContain('<w:cantSplit/>')
  })

  it('quotes with „…” throughout: the generated text, and the plan’s and the institutions’ texts that came with “…”', () => {
    // The demo plan's own texts quote “…” (measure titles, budget wording, progress texts).
    expect(JSON.stringify(demo)).toContain('\u201C')
    const all = texts().join('\n')
    expect(all).toContain('„Interneta policista” ieviešana Valsts policijā.')
    expect(all).toContain('apakšprogrammā 06.01.01 „Valsts policija”')
    expect(all).toContain('„')
    expect(all).toContain('”')
    expect(all).not.toContain('\u201C')
    expect(all).not.toContain('"')
  })

  it('gives the preview the measure titles and goals as the document prints them', () => {
    const preview = buildReportPreview(demo)
    const cells = tablesOf(xml)
      .slice(0, 4)
      .flatMap((table) => table.rows.slice(1).map((row) => row.cells[1]))
    const titles = preview.actionLines.flatMap((line) => line.measures.map((m) => m.title.split('\n')[0]!.trim()))
    expect(titles[0]).toBe('„Interneta policista” ieviešana Valsts policijā.')
    titles.forEach((title, i) => expect(cells[i]!.startsWith(title)).toBe(true))
    for (const line of preview.actionLines) if (line.goal) expect(texts()).toContain(`Rīcības virziena mērķis: ${line.goal.trim()}`)
  })

  it('is A4 portrait', () => {
    const size = /<w:pgSz ([^>]*)\/>/.exec(xml)?.[1] ?? ''
    expect(size).toContain('w:w="11906"')
    expect(size).toContain('w:h="16838"')
    expect(size).not.toContain('landscape')
  })
})

describe('a report without narrative', () => {
  it('leaves out empty narrative sections and the closing block', async () => {
    const buffer = await buildReportDocx({ document: demo, content: defaultReportContent(), generatedAt: GENERATED_AT })
    const paragraphs = paragraphsOf(text(unzip(buffer), 'word/document.xml'))
    const h1 = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)
    expect(h1).not.toContain('Secinājumi')
    expect(h1).toContain('2. Finansējums')
    expect(paragraphs.some((p) => p.text.includes('Papildu finansējums Plāna izpildei'))).toBe(false)
    expect(paragraphs.some((p) => p.text.startsWith('Vīza:'))).toBe(false)
  })
})

describe('the outline’s numbering', () => {
  it('numbers a coordinator’s chapter before the implementation and shifts the rest; Secinājumi unnumbered', async () => {
    const content = contentWith({ conclusions: 'Plāns kopumā izpildīts.' })
    const at = content.outline.findIndex((e) => e.kind === 'part' && e.part === 'implementation')
    content.outline.splice(at, 0, {
      kind: 'text',
      id: 'legal',
      title: 'Tiesiskais pamats',
      heading: 'numbered',
      body: richDocFromText('Plāns izstrādāts Bērnu tiesību aizsardzības likuma 64. panta izpildei.'),
    })
    const buffer = await buildReportDocx({ document: demo, content, generatedAt: GENERATED_AT })
    const paragraphs = paragraphsOf(text(unzip(buffer), 'word/document.xml'))
    expect(paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      '1. Tiesiskais pamats',
      '2. Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpilde',
      '3. Finansējums',
      'Secinājumi',
      expect.stringMatching(ANNEX_HEADING),
    ])
  })
})

describe('the closing block', () => {
  it('signs with the minister and the vīza, names at the right margin', async () => {
    const content = contentWith({})
    content.settings.minister = { title: 'Iekšlietu ministrs', name: 'R. Kozlovskis' }
    content.settings.visa = { title: 'Valsts sekretārs', name: 'D. Trofimovs' }
    const xml = text(unzip(await buildReportDocx({ document: demo, content, generatedAt: GENERATED_AT })), 'word/document.xml')
    const paragraphs = paragraphsOf(xml)
    const minister = paragraphs.findIndex((p) => p.text === 'Iekšlietu ministrs\tR. Kozlovskis')
    const visa = paragraphs.findIndex((p) => p.text === 'Vīza: Valsts sekretārs\tD. Trofimovs')
    expect(minister).toBeGreaterThan(paragraphs.findIndex((p) => p.text === '2. Finansējums'))
    expect(visa).toBe(minister + 1)
    expect(visa).toBeLessThan(paragraphs.findIndex((p) => p.style === 'Heading1' && ANNEX_HEADING.test(p.text)))
    expect(paragraphs[minister]!.xml).toMatch(/<w:tab w:val="right" w:pos="9354"\/>/)
  })
})

describe('a plan with odd data', () => {
  const CONTROL = '\u0000\u0001\u0007\u000B\u000C\u001B\u001F\uFFFE\uFFFF\uD800'
  const huge = 'Ļoti garš teksts ar garumzīmēm āēīū. '.repeat(2800).slice(0, 100_000)

  function oddPlan(): PlanDocument {
    const doc = structuredClone(demo)
    const measure = (i: number): DocMeasure => ({
      number: `5.${i + 1}`,
      title: `Pasākums Nr.\t${i + 1} 🚀 ${CONTROL} <b>&amp;</b> "pēdiņas"`,
      responsible: ['VP'],
      status: (['done', 'partial', 'not_done', 'pending'] as const)[i % 4],
      budget: i === 0 ? null : { text: `Budžets\t${i}`, lines: [{ amountEur: 1234567.5, source: 'eu_funds', granted: i % 2 === 0 }] },
      deadline: i === 1 ? null : { text: '', due: '2025-06-30' },
      progress:
        i === 2
          ? [
              { institution: 'VP', text: `${huge}\n\nOtrā\trindkopa 👩‍👩‍👧\r\nTrešā${CONTROL}` },
              { institution: 'NEZ', text: 'Nezināma institūcija.' },
            ]
          : [],
      assessment: i === 3 ? `Vērtējums ar kontroles rakstzīmēm${CONTROL}` : null,
    })
    doc.plan.actionLines.push({
      number: '5',
      title: 'Ļoti liels virziens',
      goal: null,
      measures: Array.from({ length: 300 }, (_, i) => measure(i)),
    })
    doc.plan.actionLines.splice(1, 0, {
      number: '9',
      title: 'Tukšs virziens',
      goal: 'Mērķis\tar tabulāciju',
      measures: [],
    })
    doc.plan.title = `Rīcības plāns ${CONTROL}🙂`
    return doc
  }

  it('still gives a valid document', async () => {
    const buffer = await buildReportDocx({
      document: oddPlan(),
      content: contentWith({ actionLines: { '5': `Naratīvs${CONTROL}\n\n\nar\ttabulāciju 🎉` }, financing: null, conclusions: huge }),
      generatedAt: GENERATED_AT,
    })
    const files = unzip(buffer)
    for (const name of Object.keys(files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      expect(() => assertWellFormed(text(files, name)), name).not.toThrow()
    }
    const xml = text(files, 'word/document.xml')
    const paragraphs = paragraphsOf(xml)
    const t = paragraphs.map((p) => p.text)

    expect(xml).toContain('🚀')
    expect(xml).toContain('👩‍👩‍👧')
    expect(xml).toContain('<w:tab/>')
    expect(t).toContain('ar\ttabulāciju 🎉')
    expect(t.some((p) => p.length >= 99_000 && p.startsWith('(VP) Ļoti garš teksts'))).toBe(true)
    expect(t.some((p) => p.startsWith('Ļoti garš teksts') && p.length >= 99_000)).toBe(true)
    expect(t).toContain('Otrā\trindkopa 👩‍👩‍👧')
    expect(t).toContain('(NEZ) Nezināma institūcija.')

    const tables = tablesOf(xml)
    // Lines 1, 3, 4 and the big one have tables; the empty one has none, so the numbering skips it.
    expect(tables).toHaveLength(6)
    expect(tables[4].rows).toHaveLength(301)
    expect(tables[4].rows[1].cells[1]).toContain('<b>&amp;</b>')
    expect(t).toContain('Šajā rīcības virzienā nav iekļauts neviens pasākums.')
    expect(t).toContain('5. tabula. V rīcības virzienā iekļauto pasākumu izpilde')
    expect(t.filter((p) => p.startsWith('Izpildes pakāpe: '))).toHaveLength(330)
    expect(t).toContain('Budžets: nav norādīts')
    expect(t).toContain('Izpildes termiņš: nav noteikts')
    expect(t).toContain('Izpildes termiņš: līdz 2025. gada 30. jūnijam')
  })
})
