// The demo plan's report against the real one (seed 001): the demo plan as imported, with the
// seed's own narrative pasted into the report's sections (the introduction's evaluation, the legal
// basis, the method, each action line's text, financing and Secinājumi) and the demo survey linked
// as its one survey chapter, exported to DOCX and read back. The headings come in the seed's order
// and numbering — "1. … izpilde", action lines I–IV, "2. Pārskats …" (the survey), "3. Finansējums",
// "Secinājumi" unnumbered — and every figure of the seed's body outside chapter 2 is stated
// (test/fixtures/report/seed-001-figures.json, each figure with the seed sentence it comes from).
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  defaultReportContent,
  type ReportContent,
  type ReportOutlineEntry,
  type RichDoc,
  type RichInline,
  type SurveyDocument,
} from '@apt/shared'
import { buildReportDocx } from '../../src/report/docx.js'
import { tallySurvey } from '../../src/plugins/app/surveys/tally.js'
import { loadDemoPlan, paragraphsOf, plain, text, unzip, type WordParagraph } from './ooxml.js'

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), 'utf8')) as T

interface SeedNarrative {
  sections: Record<'evaluation' | 'legal' | 'method' | 'conclusions', string[]>
  actionLines: Record<string, string[]>
  financing: string[]
}
interface SeedFigure {
  figure: string
  seed: string
  stated: string
  where: string
  gap?: string
}

const NARRATIVE = fixture<SeedNarrative>('seed-001-narrative.json')
const FIGURES = fixture<{ figures: SeedFigure[] }>('seed-001-figures.json').figures
const SURVEY = JSON.parse(readFileSync(new URL('../../demo/survey-2025-municipalities.json', import.meta.url), 'utf8')) as SurveyDocument

/** Pasted paragraphs as rich text; "{{footnote:…}}" becomes a footnote where the seed has one. */
function pasted(paragraphs: readonly string[]): RichDoc {
  return {
    type: 'doc',
    content: paragraphs.map((paragraph) => ({
      type: 'paragraph',
      content: paragraph
        .split(/(\{\{footnote:[^}]+\}\})/)
        .filter((part) => part !== '')
        .map((part): RichInline => {
          const note = /^\{\{footnote:([^}]+)\}\}$/.exec(part)
          return note ? { type: 'footnote', attrs: { text: note[1]! } } : { type: 'text', text: part }
        }),
    })),
  }
}

/**
 * The default outline with the seed's texts, the legal basis as a section of its own before the
 * overview, and the approving act's point ("5.") in the settings.
 */
function seedContent(): ReportContent {
  const content = defaultReportContent()
  const outline: ReportOutlineEntry[] = []
  for (const entry of content.outline) {
    if (entry.kind === 'part' && entry.part === 'overview') {
      outline.push({ kind: 'text', id: 'legal', title: 'Tiesiskais pamats', heading: 'none', body: pasted(NARRATIVE.sections.legal) })
    }
    const texts = entry.kind === 'text' ? NARRATIVE.sections[entry.id as keyof SeedNarrative['sections']] : undefined
    outline.push(entry.kind === 'text' && texts ? { ...entry, body: pasted(texts) } : entry)
  }
  content.outline = outline
  content.actionLines = Object.fromEntries(Object.entries(NARRATIVE.actionLines).map(([line, texts]) => [line, pasted(texts)]))
  content.financing = pasted(NARRATIVE.financing)
  // The point of the approving act that sets the duty to report, as the coordinator states it in the settings.
  content.settings.reportingPoint = '5.'
  return content
}

/** Text as compared: no-break spaces as spaces, runs of white space as one. */
const normal = (value: string) => plain(value).replace(/\s+/g, ' ')

describe('the demo report with the seed’s narrative', () => {
  let paragraphs: WordParagraph[]
  let body: string
  let footnotes: string

  beforeAll(async () => {
    const buffer = await buildReportDocx({
      document: loadDemoPlan(),
      content: seedContent(),
      generatedAt: new Date('2025-11-20T10:00:00Z'),
      surveys: [{ id: 1, document: SURVEY, results: tallySurvey(SURVEY), narratives: {}, wholeCountry: true, state: 'closed' }],
    })
    const files = unzip(buffer)
    paragraphs = paragraphsOf(text(files, 'word/document.xml'))
    // The body: everything before the annex (its heading ends in "pielikums").
    const annex = paragraphs.findIndex((p) => p.style === 'Heading1' && /pielikums$/i.test(p.text))
    expect(annex).toBeGreaterThan(0)
    body = normal(
      paragraphs
        .slice(0, annex)
        .map((p) => p.text)
        .join('\n'),
    )
    footnotes = normal(
      paragraphsOf(text(files, 'word/footnotes.xml'))
        .map((p) => p.text)
        .join('\n'),
    )
  })

  it('has the seed’s chapters in the seed’s order and numbering', () => {
    const headings = paragraphs.filter((p) => p.style === 'Heading1' || p.style === 'Heading2').map((p) => plain(p.text))
    const body = headings.slice(
      0,
      headings.findIndex((h) => /pielikums$/i.test(h)),
    )
    expect(body).toEqual([
      '1. Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpilde',
      expect.stringMatching(/^I rīcības virziens „Primārā prevencija/),
      expect.stringMatching(/^II rīcības virziens „Darba ar riska grupām/),
      expect.stringMatching(/^III rīcības virziens „Darbs ar cietušajiem/),
      expect.stringMatching(/^IV rīcības virziens „Starpinstitūciju sadarbība/),
      expect.stringMatching(/^2\. Pārskats par pašvaldību sniegtajām atbildēm/),
      // The survey chapter's own section headings (Heading2) come between.
      ...body.slice(6, body.indexOf('3. Finansējums')).map(() => expect.not.stringMatching(/^\d+\. /)),
      '3. Finansējums',
      'Secinājumi',
    ])
  })

  it('keeps the seed’s order of the introduction: summary, evaluation, legal basis, overview, method, chapter 1', () => {
    const at = (start: string) => {
      // Not the table of contents' entries (styles TOC1, TOC2): the text itself.
      const index = paragraphs.findIndex((p) => !p.style?.startsWith('TOC') && normal(p.text).startsWith(start))
      expect(index, start).toBeGreaterThanOrEqual(0)
      return index
    }
    const order = [
      at('Informatīvajā ziņojumā iekļauta IeM,'),
      at('Kopā no Plānā iekļautajiem 30 pasākumiem'),
      at('Labāk ir veicies ar dažādu izglītojošu'),
      at('Plāns izstrādāts Bērnu, ģimenes un jaunatnes politikas pamatnostādņu 2021.- 2027.'),
      at('Plānā kopā tika noteikti 30 pasākumi'),
      at('Plāna izpildei netika noteikti visaptveroši'),
      at('1. Bērnu noziedzības novēršanas'),
      at('3. Finansējums'),
      at('Apstiprinot Plānu, MK tika nolemts'),
      at('Secinājumi'),
      at('Nākamo plānošanas dokumentu turpina īstenot'),
    ]
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(footnotes).toContain('https://www.iem.gov.lv/lv/citi-parskati')
  })

  it('opens citing the approving act’s point that sets the duty, as the seed does', () => {
    const opening = paragraphs.find((p) => / ir sagatavots saskaņā ar /.test(normal(p.text)))
    expect(normal(opening?.text ?? '')).toBe(
      'Informatīvais ziņojums „Par Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpildi” ' +
        'ir sagatavots saskaņā ar Ministru kabineta 2023. gada 22. marta rīkojuma Nr. 156 5. punktu, kurā noteikts, ka Iekšlietu ministrija sagatavo un ' +
        'līdz 2025. gada 1. decembrim iesniedz noteiktā kārtībā Ministru kabinetā ziņojumu par plāna izpildi.',
    )
  })

  const stated = FIGURES.filter((figure) => !figure.gap)
  it.each(stated.map((figure, index) => [index + 1, figure.figure, figure.where, figure] as const))(
    'states figure %i (%s, %s)',
    (_, __, ___, figure) => {
      expect(body, `seed: "${figure.seed}"`).toContain(normal(figure.stated))
    },
  )

  it('lists the figures it cannot state, and indeed does not state them', () => {
    const gaps = FIGURES.filter((figure) => figure.gap)
    expect(gaps.map((figure) => figure.figure)).toEqual(['2022. gada 22. marta'])
    for (const gap of gaps) expect(body, gap.gap).not.toContain(normal(gap.stated))
  })
})
