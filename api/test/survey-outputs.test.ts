// A survey's outputs read back from their files: report.docx states the demo survey's figures in
// Latvian (every option and category count of survey-2025-municipalities.expected.json), names the
// members of small groups, draws a chart per choice question; responses.xlsx has a row per
// municipality asked and a column per answer item, with the tallies beside; the plan's informative
// report gets the survey chapter, numbered in sequence, with seed 001's response-rate sentence.
// Then the wording rules on small hand-made surveys: agreement, scales, yes/no, numbers, tables.
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  defaultReportContent,
  questionsOf,
  richDocFromText,
  type ReportContent,
  type SurveyDocument,
  type SurveyQuestion,
} from '@apt/shared'
import { buildResponsesXlsx } from '../src/plugins/app/surveys/survey-report/responses-xlsx.js'
import { buildSurveyReportDocx } from '../src/plugins/app/surveys/survey-report/survey-docx.js'
import { tallySurvey } from '../src/plugins/app/surveys/tally.js'
import { INSTITUTION_NOUN, MUNICIPALITY_NOUN, countOf, formatNumber } from '../src/report/latvian.js'
import { surveyChapter } from '../src/report/survey-chapter.js'
import { questionBlocks, questionContexts, responseRateSentence, surveyWording } from '../src/report/survey-sentences.js'
import { DEMO_PASSWORD } from './helpers/config.js'
import { asBytes, startTestApp, type TestApp } from './helpers/app.js'
import { assertWellFormed, paragraphsOf, plain, tablesOf, text, unzip, type WordParagraph } from './report/ooxml.js'

const DEMO: SurveyDocument = JSON.parse(readFileSync(new URL('../demo/survey-2025-municipalities.json', import.meta.url), 'utf8'))
const EXPECTED: {
  audience: number
  responded: number
  notResponded: string[]
  checks: { question: string; what: 'option' | 'category' | 'answered'; option?: string; category?: string; count: number }[]
} = JSON.parse(readFileSync(new URL('../demo/survey-2025-municipalities.expected.json', import.meta.url), 'utf8'))

/** The default report content with Secinājumi written. */
function withConclusions(text: string): ReportContent {
  const content = defaultReportContent()
  content.outline = content.outline.map((e) => (e.kind === 'text' && e.id === 'conclusions' ? { ...e, body: richDocFromText(text) } : e))
  return content
}

const QUESTIONS = new Map(questionsOf(DEMO.survey.sections).map(({ question }) => [question.id, question]))
const CHOICE_QUESTIONS = questionsOf(DEMO.survey.sections)
  .map(({ question }) => question)
  .filter((q) => ['yes_no', 'single_choice', 'multiple_choice', 'scale'].includes(q.type))
const labelOf = (question: string, id: string, part: 'options' | 'categories') =>
  QUESTIONS.get(question)![part]!.find((choice) => choice.id === id)!.label

const RESPONSE_RATE =
  'No 43 Latvijas pašvaldībām atbildes uz anketas jautājumiem iesūtīja 38 pašvaldības, kas ir 88% no visām pašvaldībām. ' +
  'Piecas pašvaldības informāciju uz aptaujas anketas jautājumiem neiesūtīja.'
const NARRATIVE = 'Koordinatores secinājums: sadarbības grupas ir izveidotas gandrīz visās pašvaldībās.'

const bytes = asBytes

function readDocx(buffer: Buffer) {
  const files = unzip(buffer)
  const xml = text(files, 'word/document.xml')
  assertWellFormed(xml)
  const paragraphs = paragraphsOf(xml)
  return { files, xml, paragraphs, texts: paragraphs.map((p: WordParagraph) => plain(p.text)) }
}

async function readXlsx(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  return workbook
}

describe('the outputs of the demo survey', () => {
  let t: TestApp
  let c: Awaited<ReturnType<TestApp['loginAll']>>
  let surveyId: number
  let planId: number

  beforeAll(async () => {
    t = await startTestApp()
    c = await t.loginAll()
    planId = await t.demoPlanId()
    const surveys = (await c.planCoordinator.get('/api/surveys').expect(200)).body as { id: number; code: string; version: number }[]
    const demo = surveys.find((s) => s.code === 'PASV-PREV-2025')!
    surveyId = demo.id
    // The coordinator's text for question 1, as the reports print it after the figures.
    await c.planCoordinator.patch(`/api/surveys/${surveyId}`, { version: demo.version, narratives: { coop_format: NARRATIVE } }).expect(200)
  })
  afterAll(() => t?.close())

  describe('report.docx', () => {
    let docx: ReturnType<typeof readDocx>

    beforeAll(async () => {
      const res = await bytes(c.viewer.get(`/api/surveys/${surveyId}/report.docx`)).expect(200)
      expect(res.headers['content-type']).toContain('officedocument.wordprocessingml')
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="PASV-PREV-2025-aptaujas-rezultati-\d{4}-\d{2}-\d{2}\.docx"$/,
      )
      docx = readDocx(res.body as Buffer)
    })

    it('opens with the title, the particulars and the response rate, naming who did not answer', () => {
      expect(docx.paragraphs[0]).toMatchObject({ style: 'Title', text: DEMO.survey.title })
      expect(docx.texts).toContain('Aptaujas veicējs: Iekšlietu ministrija (IeM)')
      expect(docx.texts).toContain('Atbilžu iesniegšanas termiņš: 2025. gada 31. marts')
      expect(docx.texts).toContain(
        'No 43 Latvijas pašvaldībām atbildes uz anketas jautājumiem iesūtīja 38 pašvaldības, kas ir 88% no visām pašvaldībām. ' +
          'Piecas pašvaldības (Alūksnes novads, Krāslavas novads, Olaines novads, Saulkrastu novads, Valkas novads) informāciju uz aptaujas anketas jautājumiem neiesūtīja.',
      )
    })

    it('gives every question its heading, in order, under its section', () => {
      const headings = docx.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)
      expect(headings[0]).toBe('1. Vai pašvaldībā ir izveidota starpinstitūciju sadarbības grupa bērnu tiesību aizsardzībā?')
      expect(headings).toHaveLength(QUESTIONS.size)
      expect(docx.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
        ...DEMO.survey.sections.map((s) => s.title),
        'Pielikums. Atbilžu iesniegšana',
      ])
    })

    it('tabulates every option count of the expected figures, with shares, and draws a chart per choice question', () => {
      const tables = tablesOf(docx.xml)
      // One table per choice question (all answered), then the audience annex.
      expect(tables).toHaveLength(CHOICE_QUESTIONS.length + 1)
      const rowsOf = new Map(
        CHOICE_QUESTIONS.map((q, i) => [q.id, new Map(tables[i]!.rows.slice(1).map((r) => [r.cells[0], r.cells.slice(1)]))]),
      )
      const optionChecks = EXPECTED.checks.filter((check) => check.what === 'option')
      expect(optionChecks.length).toBeGreaterThan(25)
      for (const check of optionChecks) {
        const row = rowsOf.get(check.question)!.get(labelOf(check.question, check.option!, 'options'))
        expect(row?.[0], `${check.question}/${check.option}`).toBe(String(check.count))
      }
      expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
        ['Atbilde', 'Pašvaldību skaits', 'Daļa no\natbildējušajām'],
        ['Jā, ir izveidota Noteikumos Nr. 545 noteiktā bērnu tiesību aizsardzības sadarbības grupa', '36', '95%'],
        ['Ir izveidots cits starpinstitūciju sadarbības formāts', '1', '3%'],
        ['Nē, starpinstitūciju sadarbības grupa nav izveidota', '1', '3%'],
        ['Atbildējušas pašvaldības', '38', '100%'],
      ])
      const pictures = Object.keys(docx.files).filter((name) => /^word\/media\/.*\.png$/.test(name))
      expect(pictures).toHaveLength(CHOICE_QUESTIONS.length)
      expect(docx.texts).toContain('1. attēls. Atbildes uz 1. jautājumu')
    })

    it('states the figures in Latvian sentences, naming the members of groups of up to ten', () => {
      expect(docx.texts).toContain(
        'Lielākā daļa pašvaldību (36 no 38) norādījušas atbildi „Jā, ir izveidota Noteikumos Nr. 545 noteiktā bērnu tiesību aizsardzības sadarbības grupa”, ' +
          '1 pašvaldība (Dobeles novads) – „Ir izveidots cits starpinstitūciju sadarbības formāts”, ' +
          'savukārt 1 pašvaldība (Varakļānu novads) – „Nē, starpinstitūciju sadarbības grupa nav izveidota”.',
      )
      expect(docx.texts).toContain('Atbildi „Nē, nolikums nav izstrādāts” nav norādījusi neviena pašvaldība.')
      expect(docx.texts).toContain('Viena pašvaldība (Varakļānu novads) uz šo jautājumu neatbildēja.')
      const frequency = docx.texts.find((p) =>
        p.startsWith('Četras pašvaldības (Daugavpils, Liepāja, Ogres novads, Rīga) norādījušas atbildi'),
      )
      expect(frequency).toContain('„Vidēji divas reizes mēnesī”, 10 pašvaldības (Cēsu novads,')
      // A group of 15 is too big to name: counted only.
      expect(frequency).toContain(
        ', 15 pašvaldības – „Pēc nepieciešamības, bet ne retāk kā reizi trijos mēnešos”, savukārt 3 pašvaldības (',
      )
      expect(docx.texts).toContain('Uz šo jautājumu atbildējušas 36 pašvaldības; katra varēja norādīt vairākas atbildes.')
      expect(
        docx.texts.find((p) =>
          p.startsWith('Norādītās atbildes: „Izglītības iestādes” – 24 pašvaldības; „Sociālais dienests” – 23 pašvaldības;'),
        ),
      ).toBeTruthy()
      expect(docx.texts).toContain('Lielākā daļa pašvaldību (31 no 38) atbildēs minējušas „Finansējuma trūkums”.')
      expect(docx.texts).toContain(
        'Četras pašvaldības (Līvānu novads, Preiļu novads, Varakļānu novads, Ventspils novads) uz šo jautājumu neatbildēja.',
      )
    })

    it('lists the coded categories with their counts, and names the few', () => {
      const categoryChecks = EXPECTED.checks.filter((check) => check.what === 'category')
      for (const check of categoryChecks) {
        const head = `${labelOf(check.question, check.category!, 'categories')} (${check.count})`
        expect(
          docx.paragraphs.some((p) => p.style === 'ListParagraph' && plain(p.text).startsWith(head)),
          head,
        ).toBe(true)
      }
      expect(docx.texts).toContain('Psihologs (3) (Liepāja; Rīga; Siguldas novads);')
      expect(docx.texts).toContain('Finansējuma trūkums (31);')
      // An uncoded follow-up lists its answers with who gave them.
      expect(docx.texts).toContain(
        'Starpinstitucionālā nepilngadīgo lietu komisija, kas darbojas uz domes apstiprināta nolikuma pamata (Dobeles novads).',
      )
    })

    it('prints the coordinator’s narrative after the question’s figures', () => {
      const figures = docx.texts.findIndex((p) => p.startsWith('Lielākā daļa pašvaldību (36 no 38)'))
      expect(docx.texts[figures + 1]).toBe(NARRATIVE)
    })

    it('lists everyone asked in the annex, with when they answered', () => {
      const annex = tablesOf(docx.xml).at(-1)!
      expect(annex.rows).toHaveLength(1 + 43)
      expect(annex.rows.find((r) => r.cells[1] === 'Alūksnes novads')?.cells[3]).toBe('nav iesūtīta')
      expect(annex.rows.find((r) => r.cells[1] === 'Daugavpils')?.cells[2]).toBe('10.02.2025.')
    })

    it('names no one with nameUpTo=0, and refuses a nameUpTo that is not a count', async () => {
      const res = await bytes(c.planCoordinator.get(`/api/surveys/${surveyId}/report.docx?nameUpTo=0`)).expect(200)
      const { texts } = readDocx(res.body as Buffer)
      expect(texts.some((p) => p.includes('(Dobeles novads)'))).toBe(false)
      expect(texts).toContain(RESPONSE_RATE)
      expect(texts.some((p) => p.includes('1 pašvaldība – „Ir izveidots cits starpinstitūciju sadarbības formāts”'))).toBe(true)
      await c.planCoordinator.get(`/api/surveys/${surveyId}/report.docx?nameUpTo=-1`).expect(400)
      await c.planCoordinator.get(`/api/surveys/${surveyId}/report.docx?nameUpTo=daudz`).expect(400)
    })
  })

  describe('responses.xlsx', () => {
    let answers: ExcelJS.Worksheet
    let summary: ExcelJS.Worksheet
    let headers: string[]
    const column = (header: string) => {
      const index = headers.indexOf(header)
      expect(index, header).toBeGreaterThan(0)
      const values: unknown[] = []
      answers.getColumn(index).eachCell({ includeEmpty: true }, (cell, row) => {
        if (row > 1) values.push(cell.value)
      })
      return values
    }

    beforeAll(async () => {
      const res = await bytes(c.viewer.get(`/api/surveys/${surveyId}/responses.xlsx`)).expect(200)
      expect(res.headers['content-type']).toContain('officedocument.spreadsheetml')
      expect(res.headers['content-disposition']).toMatch(/filename="PASV-PREV-2025-atbildes-\d{4}-\d{2}-\d{2}\.xlsx"/)
      const workbook = await readXlsx(res.body as Buffer)
      answers = workbook.getWorksheet('Atbildes')!
      summary = workbook.getWorksheet('Kopsavilkums')!
      headers = (answers.getRow(1).values as unknown[]).map((v) => (v == null ? '' : String(v)))
    })

    it('has one row per municipality asked, with its state, submission time and lateness', () => {
      expect(answers.rowCount).toBe(1 + 43)
      expect(headers.slice(1, 6)).toEqual(['Kods', 'Pašvaldība', 'Statuss', 'Iesniegta', 'Pēc termiņa'])
      const codes = column('Kods')
      expect(codes).toEqual(DEMO.survey.audience)
      const states = column('Statuss')
      expect(states.filter((s) => s === 'iesniegta')).toHaveLength(38)
      for (const code of EXPECTED.notResponded) expect(states[codes.indexOf(code)]).toBe('nav atbildes')
      const riga = codes.indexOf('RIGA')
      expect(column('Pašvaldība')[riga]).toBe('Rīga')
      expect(column('Iesniegta')[riga]).toBeInstanceOf(Date)
      expect(column('Pēc termiņa').filter((v) => v === 'nē')).toHaveLength(38)
    })

    it('gives a choice its labels, a multiple choice a 0/1 column per option, codes as category labels', () => {
      const q = (id: string) => QUESTIONS.get(id)!
      const title = (question: SurveyQuestion) => `${question.number} ${question.text}`
      const frequency = column(title(q('frequency')))
      expect(frequency.filter((v) => v === 'Vidēji reizi mēnesī')).toHaveLength(10)
      const social = column(`${title(q('initiators'))} — Sociālais dienests`)
      expect(social.reduce((sum: number, v) => sum + (typeof v === 'number' ? v : 0), 0)).toBe(23)
      expect(social.filter((v) => v === 0).length).toBeGreaterThan(0)
      expect(headers).toContain(`${title(q('initiators'))} — Cits (norādiet)`)
      const challenges = column(`${title(q('challenges'))} — kategorijas`)
      expect(challenges.filter((v) => typeof v === 'string' && v.split('; ').includes('Finansējuma trūkums'))).toHaveLength(31)
      expect(headers).toContain(title(q('challenges')))
      // Every item of every question is there: the base five and one column per item.
      expect(headers.filter(Boolean).length).toBeGreaterThan(5 + QUESTIONS.size)
    })

    it('has the tallies on the Kopsavilkums sheet', () => {
      const rows: unknown[][] = []
      summary.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
      expect(rows.find((r) => r[0] === 'Aptaujāti')?.[1]).toBe(43)
      const responded = rows.find((r) => r[0] === 'Atbildējuši')!
      expect(responded[1]).toBe(38)
      expect(responded[2]).toBeCloseTo(38 / 43)
      expect(rows.find((r) => r[0] === 'Nav atbildējuši')?.[3]).toBe(
        'Alūksnes novads; Krāslavas novads; Olaines novads; Saulkrastu novads; Valkas novads',
      )
      const after = (title: string) => rows.slice(rows.findIndex((r) => r[0] === title))
      const frequency = after(`${QUESTIONS.get('frequency')!.number} ${QUESTIONS.get('frequency')!.text}`)
      expect(frequency.find((r) => r[0] === 'Vidēji reizi mēnesī')?.[1]).toBe(10)
      const challenges = after(`${QUESTIONS.get('challenges')!.number} ${QUESTIONS.get('challenges')!.text}`)
      expect(challenges.find((r) => r[0] === 'Kategorija: Finansējuma trūkums')?.[1]).toBe(31)
    })
  })

  describe('the plan’s informative report', () => {
    it('has the survey chapter after the implementation, numbered in sequence, with seed 001’s response-rate sentence', async () => {
      // Conclusions written, so the report has all its chapters.
      await c.planCoordinator
        .put(`/api/plans/${planId}/report`, { version: 0, content: withConclusions('Kopumā plāna izpilde ir bijusi sekmīga.') })
        .expect(200)
      const res = await bytes(c.viewer.get(`/api/plans/${planId}/report.docx`)).expect(200)
      const { paragraphs, texts } = readDocx(res.body as Buffer)
      const chapters = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)
      // Secinājumi unnumbered, as in seed 001; the annex closes the document.
      expect(chapters.map((h) => h.split(' ')[0])).toEqual(['1.', '2.', '3.', 'Secinājumi', expect.stringMatching(/^(1\.|Pielikums)$/)])
      expect(chapters[1]).toBe(
        '2. Pārskats par pašvaldību sniegtajām atbildēm aptaujā par pašvaldībās īstenotajiem likumpārkāpumu prevencijas pasākumiem un riska grupas nepilngadīgajiem pieejamajiem pakalpojumiem',
      )
      expect(chapters.slice(2, 4)).toEqual(['3. Finansējums', 'Secinājumi'])
      const start = texts.indexOf(chapters[1]!)
      const end = texts.indexOf('3. Finansējums')
      const chapter = texts.slice(start, end)
      expect(chapter[1]).toBe(RESPONSE_RATE)
      expect(chapter).toContain(
        'Lielākā daļa pašvaldību (36 no 38) norādījušas atbildi „Jā, ir izveidota Noteikumos Nr. 545 noteiktā bērnu tiesību aizsardzības sadarbības grupa”, ' +
          '1 pašvaldība – „Ir izveidots cits starpinstitūciju sadarbības formāts”, savukārt 1 pašvaldība – „Nē, starpinstitūciju sadarbības grupa nav izveidota”.',
      )
      expect(chapter).toContain('Divas pašvaldības uz šo jautājumu neatbildēja.')
      expect(chapter).toContain(
        'Lielākā daļa pašvaldību (30 no 32) atbildēs minējušas „Sociālās rehabilitācijas pakalpojumi, psihologa un sociālā darbinieka konsultācijas”.',
      )
      expect(chapter).toContain('Sešas pašvaldības uz šo jautājumu neatbildēja.')
      for (const [label, count] of [
        ['Pakalpojumu pieejamība', 25],
        ['Finansējuma trūkums', 31],
        ['Cilvēkresursu trūkums', 29],
        ['Speciālistu trūkums', 31],
        ['Nepietiekamas zināšanas', 7],
      ] as const) {
        expect(
          chapter.some((p) => p.startsWith(`${label} (${count})`)),
          label,
        ).toBe(true)
      }
      // The Cabinet report names no municipality.
      expect(chapter.some((p) => p.includes('Dobeles novads') || p.includes('Alūksnes novads'))).toBe(false)
      const figures = chapter.findIndex((p) => p.startsWith('Lielākā daļa pašvaldību (36 no 38)'))
      expect(chapter[figures + 1]).toBe(NARRATIVE)
    })

    it('previews the chapter with the same sentences', async () => {
      const preview = (await c.viewer.get(`/api/plans/${planId}/report/preview`).expect(200)).body
      expect(preview.surveys).toHaveLength(1)
      const [chapter] = preview.surveys
      // The heading without its number: the editor numbers the chapters from the outline (numberOutline).
      expect(chapter).toMatchObject({ id: surveyId, code: 'PASV-PREV-2025', responseRate: RESPONSE_RATE })
      expect(chapter.heading).toMatch(/^Pārskats par pašvaldību sniegtajām atbildēm/)
      const first = chapter.sections[0].questions[0]
      expect(first.title).toBe('1. Vai pašvaldībā ir izveidota starpinstitūciju sadarbības grupa bērnu tiesību aizsardzībā?')
      expect(first.narrative).toBe(NARRATIVE)
      expect(first.blocks[0]).toEqual({ bullet: false, text: expect.stringMatching(/^Lielākā daļa pašvaldību \(36 no 38\)/) })
    })
  })

  describe('who may download', () => {
    it('lets the coordinator, a ministry coordinator and a viewer; not a reporter, nor a municipality’s; 404 for an unknown survey', async () => {
      for (const who of ['planCoordinator', 'ministryCoordinator', 'viewer', 'admin'] as const) {
        await bytes(c[who].get(`/api/surveys/${surveyId}/responses.xlsx`)).expect(200)
      }
      await c.reporterVP.get(`/api/surveys/${surveyId}/report.docx`).expect(403)
      await c.reporterVPD.get(`/api/surveys/${surveyId}/responses.xlsx`).expect(403)
      const riga = await t.login({ email: 'zinotajs@riga.demo.lv', password: DEMO_PASSWORD })
      await riga.get(`/api/surveys/${surveyId}/report.docx`).expect(403)
      await riga.get(`/api/surveys/${surveyId}/responses.xlsx`).expect(403)
      await c.viewer.get('/api/surveys/999999/report.docx').expect(404)
    })
  })
})

// ——— the wording on small hand-made surveys ———

const TOWNS = ['Aizpute', 'Bauska', 'Cēsis', 'Dagda', 'Ērgļi', 'Gulbene', 'Ilūkste', 'Jaunpils', 'Kandava', 'Līvāni', 'Madona', 'Nīca']

function survey(questions: SurveyQuestion[], answers: Record<string, unknown>[], audience = TOWNS.length): SurveyDocument {
  const towns = TOWNS.slice(0, audience)
  return {
    format: 'survey/1',
    institutions: [
      { code: 'IeM', name: 'Iekšlietu ministrija', kind: 'ministry', parent: null },
      ...towns.map((name) => ({ code: name.toUpperCase(), name, kind: 'municipality' as const, parent: null })),
    ],
    survey: {
      code: 'TEST',
      title: 'Tests',
      coordinator: 'IeM',
      audience: towns.map((name) => name.toUpperCase()),
      sections: [{ title: 'Sadaļa', questions }],
    },
    responses: answers.map((answer, i) => ({
      institution: towns[i]!.toUpperCase(),
      state: 'submitted' as const,
      submittedAt: '2025-03-01T10:00:00Z',
      answers: Object.fromEntries(Object.entries(answer).map(([id, value]) => [id, { value } as never])),
    })),
  }
}

function sentences(doc: SurveyDocument, nameUpTo = 10): string[] {
  const results = tallySurvey(doc)
  const wording = surveyWording(doc, { nameUpTo, listTexts: true })
  const contexts = questionContexts(doc, results)
  return questionsOf(doc.survey.sections).flatMap(({ question }) =>
    questionBlocks(
      question,
      results.questions.find((r) => r.id === question.id)!,
      contexts.get(question.id)!,
      wording,
    ).map((b) => plain(b.text)),
  )
}

describe('the survey sentences', () => {
  it('write counts one way: digits with agreeing nouns, words up to ten at a sentence’s start', () => {
    expect(countOf(38, MUNICIPALITY_NOUN)).toBe('38 pašvaldības')
    expect(countOf(21, MUNICIPALITY_NOUN)).toBe('21 pašvaldība')
    expect(countOf(43, MUNICIPALITY_NOUN, 'dat')).toBe('43 pašvaldībām')
    expect(countOf(5, MUNICIPALITY_NOUN, 'nom', { initial: true })).toBe('Piecas pašvaldības')
    expect(countOf(1, INSTITUTION_NOUN, 'nom', { initial: true })).toBe('Viena institūcija')
    expect(countOf(11, MUNICIPALITY_NOUN, 'nom', { initial: true })).toBe('11 pašvaldības')
    expect(plain(formatNumber(1234.5))).toBe('1 234,5')
    expect(plain(formatNumber(36.333))).toBe('36,3')
    expect(formatNumber(30)).toBe('30')
  })

  it('state the response rate with agreement, for a part of the municipalities and for institutions', () => {
    const wording = surveyWording(survey([], [], 12), { nameUpTo: 10, listTexts: false })
    const codes = (n: number) => TOWNS.slice(0, n).map((t) => t.toUpperCase())
    expect(responseRateSentence({ audience: 21, responded: 21, notResponded: [] }, wording, { wholeCountry: false, open: false })).toBe(
      'No 21 aptaujātās pašvaldības atbildes uz anketas jautājumiem iesūtīja 21 pašvaldība, kas ir 100% no aptaujātajām pašvaldībām.',
    )
    expect(
      responseRateSentence({ audience: 12, responded: 11, notResponded: codes(1) }, wording, { wholeCountry: false, open: true }),
    ).toBe(
      'No 12 aptaujātajām pašvaldībām atbildes uz anketas jautājumiem iesūtīja 11 pašvaldības, kas ir 92% no aptaujātajām pašvaldībām. ' +
        'Viena pašvaldība (Aizpute) informāciju uz aptaujas anketas jautājumiem vēl nav iesūtījusi.',
    )
    expect(
      responseRateSentence(
        { audience: 3, responded: 0, notResponded: codes(3) },
        { ...wording, noun: INSTITUTION_NOUN },
        { wholeCountry: false, open: true },
      ),
    ).toBe('No 3 aptaujātajām institūcijām atbildes uz anketas jautājumiem vēl nav iesūtījusi neviena institūcija.')
  })

  it('state a scale from its weak end, naming the few weak ones, as seed 000 does', () => {
    const scale: SurveyQuestion = {
      id: 'model',
      number: '12',
      type: 'scale',
      text: 'Cik labi iestādes ievēro sadarbības modeli?',
      options: [
        { id: 'weak', label: 'VĀJI' },
        { id: 'rather_weak', label: 'DRĪZĀK VĀJI, NEKĀ LABI' },
        { id: 'rather_good', label: 'DRĪZĀK LABI, NEKĀ VĀJI' },
        { id: 'good', label: 'LABI' },
      ],
    }
    const values = [
      'weak',
      'weak',
      'rather_weak',
      'rather_good',
      'rather_good',
      'rather_good',
      'rather_good',
      'good',
      'good',
      'good',
      'good',
      'good',
    ]
    expect(
      sentences(
        survey(
          [scale],
          values.map((value) => ({ model: value })),
        ),
        3,
      ),
    ).toEqual([
      'Divas pašvaldības (Aizpute, Bauska) norādījušas atbildi „VĀJI”, 1 pašvaldība (Cēsis) – „DRĪZĀK VĀJI, NEKĀ LABI”, ' +
        '4 pašvaldības – „DRĪZĀK LABI, NEKĀ VĀJI”, savukārt 5 pašvaldības – „LABI”.',
    ])
  })

  it('state a yes/no question as "(n no m)", and who skipped it', () => {
    const yesNo: SurveyQuestion = { id: 'plan', number: '3', type: 'yes_no', text: 'Vai ir izstrādāta programma?' }
    const answers = [true, true, true, true, false, false, false, false, false, false, false].map((value) => ({ plan: value }))
    expect(sentences(survey([yesNo], [...answers, {}]), 3)).toEqual([
      'Mazāk nekā puse pašvaldību (4 no 11) uz šo jautājumu atbildējušas „Jā”, savukārt 7 pašvaldības – „Nē”.',
      'Viena pašvaldība (Nīca) uz šo jautājumu neatbildēja.',
    ])
  })

  it('sum, average and take the median of numbers, and total a number table', () => {
    const number: SurveyQuestion = { id: 'sum', type: 'number', text: 'Cik bērnu?', unit: 'bērni' }
    const table: SurveyQuestion = {
      id: 'ages',
      type: 'number_table',
      text: 'Programmas pa vecumposmiem',
      rows: [
        { id: 'young', label: '7–11 gadi' },
        { id: 'teen', label: '12–15 gadi' },
      ],
      columns: [
        { id: 'y2013', label: '2013. gadā' },
        { id: 'y2014', label: '2014. gadā' },
      ],
    }
    const doc = survey(
      [number, table],
      [
        { sum: 1000, ages: { young: { y2013: 74, y2014: 32 }, teen: { y2013: 360 } } },
        { sum: 234.5, ages: { teen: { y2014: 288 } } },
        { sum: 30 },
      ],
    )
    expect(sentences(doc)).toEqual([
      'Uz šo jautājumu atbildējušas 3 pašvaldības.',
      'Norādīto vērtību kopsumma ir 1 264,5 bērni, vidēji – 421,5 bērni uz vienu pašvaldību, mediāna – 234,5 bērni.',
      'Uz šo jautājumu atbildējušas 2 pašvaldības.',
      '7–11 gadi: 2013. gadā – 74, 2014. gadā – 32.',
      '12–15 gadi: 2013. gadā – 360, 2014. gadā – 288.',
      'Lielākā kopsumma ir rindā „12–15 gadi” (648), mazākā – rindā „7–11 gadi” (106).',
      'Viena pašvaldība (Cēsis) uz šo jautājumu neatbildēja.',
    ])
  })

  it('give the plan chapter of a survey with no answers yet', () => {
    const question: SurveyQuestion = {
      id: 'q',
      number: '1',
      type: 'single_choice',
      text: 'Jautājums?',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    }
    const doc = survey([question], [], 4)
    const chapter = surveyChapter({ id: 7, document: doc, results: tallySurvey(doc), narratives: {}, wholeCountry: false, state: 'open' })
    expect(chapter.heading).toBe('Pārskats par pašvaldību sniegtajām atbildēm aptaujā „Tests”')
    expect(chapter.responseRate).toBe(
      'No 4 aptaujātajām pašvaldībām atbildes uz anketas jautājumiem vēl nav iesūtījusi neviena pašvaldība.',
    )
    expect(chapter.sections[0]!.questions[0]!.blocks).toEqual([
      { text: 'Uz šo jautājumu neviena pašvaldība nav atbildējusi.', bullet: false },
    ])
  })
})

describe('odd surveys', () => {
  it('still give files Word and Excel open: control characters, markup, emoji, empty answers and tables', async () => {
    const odd = 'Teksts ar <b>&amp;</b> \u0001 vadības zīmi un 🙂 emocijzīmi\r\notrā rindā'
    const questions: SurveyQuestion[] = [
      {
        id: 'choice',
        number: '1',
        type: 'single_choice',
        text: odd,
        options: [
          { id: 'a', label: odd },
          { id: 'b', label: 'B' },
        ],
        other: { label: odd },
      },
      {
        id: 'many',
        type: 'multiple_choice',
        text: 'Vairāki',
        options: [
          { id: 'a', label: 'A' },
          { id: 'b', label: 'B' },
        ],
        categories: [{ id: 'c', label: odd }],
      },
      { id: 'grid', type: 'number_table', text: 'Tabula', rows: [{ id: 'r', label: odd }], columns: [{ id: 'c', label: 'K' }] },
      { id: 'free', type: 'text', text: 'Brīvs teksts' },
      { id: 'count', type: 'number', text: 'Skaits' },
    ]
    const doc = survey(questions, [{ choice: null, free: odd, many: ['a'] }, {}], 3)
    doc.responses![0]!.answers.choice = { value: null, other: odd }
    doc.responses![0]!.answers.many = { value: ['a'], other: odd, codes: ['c'] }
    const results = tallySurvey(doc)
    const docx = readDocx(
      await buildSurveyReportDocx({
        document: doc,
        results,
        narratives: { choice: odd },
        state: 'open',
        wholeCountry: false,
        nameUpTo: 10,
        generatedAt: new Date('2025-04-01T10:00:00Z'),
      }),
    )
    for (const name of Object.keys(docx.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      expect(() => assertWellFormed(text(docx.files, name)), name).not.toThrow()
    }
    expect(docx.texts).toContain('Uz šo jautājumu neviena pašvaldība nav atbildējusi.')
    expect(docx.texts.some((p) => p.includes('🙂') && !p.includes('\u0001'))).toBe(true)
    const workbook = await readXlsx(await buildResponsesXlsx(doc, results))
    expect(workbook.getWorksheet('Atbildes')!.rowCount).toBe(1 + 3)
    expect(workbook.getWorksheet('Kopsavilkums')!.rowCount).toBeGreaterThan(10)
  })
})
