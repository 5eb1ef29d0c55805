// The informative report (informatīvais ziņojums) as a Word document, laid out after the real
// 2023–2024 report (seed 001) so a coordinator can hand it to the Cabinet with light edits:
// generated figures, sentences and tables around the coordinator's narrative, then the annex with
// every measure's progress as the institutions reported it. Real Word structure throughout:
// heading styles (navigable), a table of contents field, tables whose header row repeats and whose
// rows never split, Word lists and footnotes in the narratives, page numbers from page 2, A4
// portrait, and the minister's closing block.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TableOfContents, type FileChild } from 'docx'
import {
  type DocInstitution,
  type DocMeasure,
  type PlanDocument,
  type ReportContent,
  type ReportTextEntry,
  numberOutline,
} from '@apt/shared'
import { renderActionLineChartPng } from './chart.js'
import { computeFigures, institutionIndex, type PlanFigures } from './figures.js'
import { formatLatvianDate, rigaDate, titleGenitive } from './latvian.js'
import { actionLineNumeral } from '@apt/shared'
import {
  actionLineCountSentence,
  measureTableCaption,
  actionLineHeading,
  frameworkSentence,
  informantsSentence,
  openingSentence,
  planOverviewSentence,
  planTitle,
  purposeSentence,
  reportTitle,
  sectorSentence,
  measureStatusText,
  summaryWithExclusions,
} from './sentences.js'
import { annexSections } from './annex.js'
import { PreparedXml, cellXml, paragraphXml, rowXml, runXml, tableXml } from './word-xml.js'
import { financing } from './financing-chapter.js'
import { RichTextContext, richDocBlocks } from './rich-text.js'
import { surveyChapterDocx, type SurveyChapterInput } from './survey-chapter.js'
import { toParagraphs } from './text.js'
import {
  CONTENT_WIDTH,
  PAGE_PROPERTIES,
  TABLE_TEXT,
  caption,
  picture,
  documentStyles,
  emptyFooter,
  heading,
  labelled,
  oneLine,
  pageNumberFooter,
  paragraphs,
  runs,
  signatureLine,
} from './word.js'

export interface ReportInput {
  document: PlanDocument
  /** The coordinator's outline, sections, narratives and settings. */
  content: ReportContent
  generatedAt: Date
  /** The plan's surveys (linked to it), each a chapter after the plan's implementation. */
  surveys?: readonly SurveyChapterInput[]
}

const MEASURE_TABLE_COLUMNS = [
  { header: 'Nr.\np.k.', width: 1000 },
  { header: 'Plāna pasākums', width: CONTENT_WIDTH - 1000 - 1900 },
  { header: 'Izpilde', width: 1900 },
]

const EMPTY_CELL = paragraphXml(TABLE_TEXT, '')
const cellParagraphs = (lines: readonly string[], width: number) =>
  cellXml(
    lines.map((line) => paragraphXml(TABLE_TEXT, runXml(line))),
    width,
    { empty: EMPTY_CELL },
  )

/** The action line's measures with their status, as WordprocessingML (see word-xml.ts for why not with docx). */
function measureTable(measures: readonly DocMeasure[]): string {
  const [numberWidth, titleWidth, statusWidth] = MEASURE_TABLE_COLUMNS.map((column) => column.width) as [number, number, number]
  const header = MEASURE_TABLE_COLUMNS.map((column) =>
    cellXml(
      column.header.split('\n').map((line) => paragraphXml(TABLE_TEXT, runXml(line, { bold: true }), 'center')),
      column.width,
      { header: true, empty: EMPTY_CELL },
    ),
  )
  return tableXml(
    CONTENT_WIDTH,
    MEASURE_TABLE_COLUMNS.map((column) => column.width),
    [
      // The header row repeats on every page the table runs onto.
      rowXml(header, { header: true, cantSplit: true }),
      // cantSplit: a row stays whole on one page (a measure's title is never cut in two).
      ...measures.map((measure) => {
        const title = toParagraphs(measure.title)
        // The seed cites the measure's number in the approved plan after its title: "… (2.1.1)".
        const ref = measure.sourceRef?.trim()
        if (ref && title.length > 0) title[title.length - 1] += ` (${ref})`
        return rowXml(
          [
            cellParagraphs([measure.number], numberWidth),
            cellParagraphs(title, titleWidth),
            cellParagraphs([measureStatusText(measure)], statusWidth),
          ],
          { cantSplit: true },
        )
      }),
    ],
  )
}

// ——— sections ———

function front(
  doc: PlanDocument,
  figures: PlanFigures,
  institutions: Map<string, DocInstitution>,
  generatedAt: Date,
  settings: ReportContent['settings'],
): FileChild[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(oneLine(reportTitle(doc))) }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: runs(`Dati uz ${formatLatvianDate(rigaDate(generatedAt), 'acc')}`, { italics: true }),
    }),
    // The contents: a TOC field over headings 1–2, which Word fills in (updateFields) on opening.
    new Paragraph({ keepNext: true, spacing: { before: 240 }, children: runs('Saturs', { bold: true }) }),
    new TableOfContents('Saturs', { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ children: runs(openingSentence(doc, institutions, settings.reportingPoint)) }),
    new Paragraph({ children: runs(informantsSentence(figures.informants, institutions)) }),
    new Paragraph({ children: runs(purposeSentence(doc)) }),
  ]
}

function summary(figures: PlanFigures, institutions: Map<string, DocInstitution>): FileChild[] {
  return [
    new Paragraph({ children: runs(summaryWithExclusions(figures.byStatus, figures.total, figures.excluded)) }),
    ...(figures.total > 0 ? [new Paragraph({ children: runs(sectorSentence(figures.bySector, figures.total, institutions)) })] : []),
  ]
}

function overview(doc: PlanDocument, figures: PlanFigures): FileChild[] {
  const chart = renderActionLineChartPng(figures.byActionLine)
  return [
    ...[frameworkSentence(doc)].filter((s): s is string => s !== null).map((s) => new Paragraph({ children: runs(s) })),
    ...paragraphs(doc.plan.goal),
    new Paragraph({ keepNext: true, children: runs(planOverviewSentence(figures.total, doc.plan.actionLines.length)) }),
    ...doc.plan.actionLines.map(
      (line, index) =>
        new Paragraph({
          keepNext: index < doc.plan.actionLines.length - 1,
          indent: { left: 360 },
          children: runs(`${line.number}. ${oneLine(line.title)}`),
        }),
    ),
    // The picture fills most of the text width and keeps the chart's proportions.
    picture(chart, {
      name: 'Pasākumu izpilde pa rīcības virzieniem',
      description: figures.byActionLine
        .map(
          (line) =>
            `${actionLineNumeral(line.number)} rīcības virziens: izpildīti ${line.done}, daļēji izpildīti ${line.partial}, nav izpildīti ${line.not_done}` +
            (line.pending ? `, nav novērtēti ${line.pending}` : ''),
        )
        .join('; '),
    }),
    caption('1. attēls. Plānā iekļauto pasākumu izpilde pa rīcības virzieniem'),
  ]
}

function implementation(
  chapter: number,
  doc: PlanDocument,
  figures: PlanFigures,
  content: ReportContent,
  rich: RichTextContext,
  prepared: PreparedXml,
): FileChild[] {
  const out: FileChild[] = [heading(`${chapter}. ${titleGenitive(planTitle(doc))} izpilde`, HeadingLevel.HEADING_1)]
  doc.plan.actionLines.forEach((line, index) => {
    const counts = figures.byActionLine[index]!
    out.push(heading(actionLineHeading(line), HeadingLevel.HEADING_2))
    const goal = toParagraphs(line.goal)
    if (goal.length > 0) out.push(...labelled('Rīcības virziena mērķis', goal.join('\n')))
    out.push(new Paragraph({ children: runs(actionLineCountSentence(counts, counts.table)) }))
    if (counts.table !== null) {
      out.push(caption(measureTableCaption(counts.table, line.number)))
      out.push(prepared.placeholder(measureTable(line.measures)))
      out.push(new Paragraph({}))
    }
    out.push(...richDocBlocks(content.actionLines[line.number], rich))
  })
  return out
}

/** A coordinator's section: its heading as its style asks, then its text. */
function textSection(entry: ReportTextEntry, chapter: number | null, rich: RichTextContext): FileChild[] {
  const title = entry.title.trim()
  const head =
    entry.heading === 'none' || title === '' ? [] : [heading(chapter === null ? title : `${chapter}. ${title}`, HeadingLevel.HEADING_1)]
  return [...head, ...richDocBlocks(entry.body, rich)]
}

/** The closing block: the minister (title left, name right) and the vīza; nothing when neither is set. */
function closing(settings: ReportContent['settings']): FileChild[] {
  const out: FileChild[] = []
  if (settings.minister)
    out.push(signatureLine(settings.minister.title, settings.minister.name, { spacing: { before: 720 }, keepNext: !!settings.visa }))
  if (settings.visa)
    out.push(signatureLine(`Vīza: ${settings.visa.title}`, settings.visa.name, { spacing: { before: settings.minister ? 480 : 720 } }))
  return out
}

/** The informative report as a DOCX file. */
export async function buildReportDocx(input: ReportInput): Promise<Buffer> {
  const { document: doc, content, generatedAt } = input
  const institutions = institutionIndex(doc)
  const figures = computeFigures(doc)
  const surveys = input.surveys ?? []
  // One context for the whole document: list instances and footnotes are numbered document-wide.
  const rich = new RichTextContext()
  // The long tables, written as XML and put in place after docx has written the rest.
  const prepared = new PreparedXml()
  const body = numberOutline(content.outline, surveys.length).flatMap((entry): FileChild[] => {
    if (entry.kind === 'text') return textSection(entry.entry, entry.chapter, rich)
    switch (entry.part) {
      case 'front':
        return front(doc, figures, institutions, generatedAt, content.settings)
      case 'summary':
        return summary(figures, institutions)
      case 'overview':
        return overview(doc, figures)
      case 'implementation':
        return implementation(entry.chapter ?? 1, doc, figures, content, rich, prepared)
      case 'surveys':
        return surveys.flatMap((survey, index) => surveyChapterDocx(survey, entry.chapters[index]!))
      case 'financing':
        return financing(entry.chapter ?? 0, figures, richDocBlocks(content.financing, rich), institutions)
    }
  })
  body.push(...closing(content.settings))

  const word = new Document({
    creator: 'Rīcības plāna izpildes uzraudzība',
    title: oneLine(reportTitle(doc)),
    description: `Ģenerēts ${formatLatvianDate(rigaDate(generatedAt), 'loc')} no plāna ${doc.plan.code} datiem`,
    styles: documentStyles(),
    numbering: rich.numbering(),
    // Word fills in the table of contents (and its page numbers) when it opens the document.
    features: { updateFields: true },
    sections: [
      {
        // titlePage: the first page has its own (empty) footer, so page numbers start on page 2.
        properties: { ...PAGE_PROPERTIES, titlePage: true },
        footers: { default: pageNumberFooter(), first: emptyFooter() },
        children: body,
      },
      ...annexSections(doc, institutions, content.settings.annexLayout, prepared),
    ],
  })
  return prepared.replacePlaceholders(await Packer.toBuffer(word))
}
