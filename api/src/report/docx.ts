// The informative report (informatīvais ziņojums) as a Word document, laid out after the real
// 2023–2024 report (seed 001) so a coordinator can hand it to the Cabinet with light edits:
// generated figures, sentences and tables around the coordinator's narrative, then the annex with
// every measure's progress as the institutions reported it. Real Word structure throughout:
// heading styles (navigable), tables whose header row repeats, page numbers, A4 portrait.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun, type FileChild } from 'docx'
import { BUDGET_SOURCE_LABELS, type DocBudgetLine, type DocInstitution, type DocMeasure, type PlanDocument } from '@apt/shared'
import { renderActionLineChartPng } from './chart.js'
import { computeFigures, institutionIndex, type FinancingGroup, type PlanFigures } from './figures.js'
import { formatEuro, formatLatvianDate, rigaDate, titleGenitive } from './latvian.js'
import { actionLineNumeral } from '@apt/shared'
import {
  actionLineCountSentence,
  actionLineHeading,
  financingLead,
  frameworkSentence,
  informantsSentence,
  institutionLabel,
  openingSentence,
  planOverviewSentence,
  purposeSentence,
  reportTitle,
  sectorSentence,
  measureStatusText,
  summaryWithExclusions,
} from './sentences.js'
import { surveyChapterDocx, type SurveyChapterInput } from './survey-chapter.js'
import { toParagraphs } from './text.js'
import {
  CONTENT_WIDTH,
  PAGE_PROPERTIES,
  TABLE_TEXT,
  caption,
  picture,
  documentStyles,
  heading,
  labelled,
  oneLine,
  pageNumberFooter,
  paragraphs,
  runs,
  table,
} from './word.js'

export interface ReportNarrative {
  /** The coordinator's text per action line, keyed by the action line's number. */
  actionLines: Record<string, string>
  financing?: string | null
  conclusions?: string | null
}

export interface ReportInput {
  document: PlanDocument
  narrative: ReportNarrative
  generatedAt: Date
  /** The plan's surveys (linked to it), each a chapter after the plan's implementation. */
  surveys?: readonly SurveyChapterInput[]
}

/** "1.1" → "1.1.", as Latvian texts cite item numbers. */
function dotted(number: string): string {
  return number.endsWith('.') ? number : `${number}.`
}

const MEASURE_TABLE_COLUMNS = [
  { header: 'Nr.\np.k.', width: 1000 },
  { header: 'Plāna pasākums', width: CONTENT_WIDTH - 1000 - 1900 },
  { header: 'Izpilde', width: 1900 },
]

function measureTable(measures: readonly DocMeasure[]) {
  return table(
    MEASURE_TABLE_COLUMNS,
    measures.map((measure) => {
      const title = toParagraphs(measure.title)
      // The seed cites the measure's number in the approved plan after its title: "… (2.1.1)".
      const ref = measure.sourceRef?.trim()
      if (ref && title.length > 0) title[title.length - 1] += ` (${ref})`
      return [
        [new Paragraph({ style: TABLE_TEXT, children: runs(measure.number) })],
        title.map((line) => new Paragraph({ style: TABLE_TEXT, children: runs(line) })),
        [new Paragraph({ style: TABLE_TEXT, children: runs(measureStatusText(measure)) })],
      ]
    }),
  )
}

function financingTable(groups: readonly FinancingGroup[], figures: PlanFigures, institutions: Map<string, DocInstitution>) {
  const amount = (value: number) => [
    new Paragraph({ style: TABLE_TEXT, alignment: AlignmentType.RIGHT, children: runs(formatEuro(value)) }),
  ]
  const text = (value: string) => [new Paragraph({ style: TABLE_TEXT, children: runs(value) })]
  const rows = groups.map((group) => [
    text(group.institution ? institutionLabel(group.institution, institutions) : 'Nav norādīta'),
    text(group.programme ?? 'Nav norādīta'),
    text(group.measures.map(dotted).join(', ')),
    amount(group.requestedEur),
    amount(group.grantedEur),
  ])
  const bold = (value: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) => [
    new Paragraph({ style: TABLE_TEXT, alignment, children: runs(value, { bold: true }) }),
  ]
  rows.push([
    bold('Kopā'),
    [],
    [],
    bold(formatEuro(figures.financing.requestedEur), AlignmentType.RIGHT),
    bold(formatEuro(figures.financing.grantedEur), AlignmentType.RIGHT),
  ])
  return table(
    [
      { header: 'Institūcija', width: 2300 },
      { header: 'Budžeta apakšprogramma', width: 2354 },
      { header: 'Pasākumi', width: 1700 },
      { header: 'Pieprasīts', width: 1500 },
      { header: 'Piešķirts', width: CONTENT_WIDTH - 2300 - 2354 - 1700 - 1500 },
    ],
    rows,
  )
}

// ——— sections ———

function introduction(doc: PlanDocument, figures: PlanFigures, institutions: Map<string, DocInstitution>, generatedAt: Date): FileChild[] {
  const overview = planOverviewSentence(figures.total, doc.plan.actionLines.length)
  const chart = renderActionLineChartPng(figures.byActionLine)
  // The picture fills most of the text width and keeps the chart's proportions.
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(oneLine(reportTitle(doc))) }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: runs(`Dati uz ${formatLatvianDate(rigaDate(generatedAt), 'acc')}`, { italics: true }),
    }),
    new Paragraph({ children: runs(openingSentence(doc, institutions)) }),
    new Paragraph({ children: runs(informantsSentence(figures.informants, institutions)) }),
    new Paragraph({ children: runs(purposeSentence(doc)) }),
    new Paragraph({ children: runs(summaryWithExclusions(figures.byStatus, figures.total, figures.excluded)) }),
    ...(figures.total > 0 ? [new Paragraph({ children: runs(sectorSentence(figures.bySector, figures.total, institutions)) })] : []),
    ...[frameworkSentence(doc)].filter((s): s is string => s !== null).map((s) => new Paragraph({ children: runs(s) })),
    ...paragraphs(doc.plan.goal),
    new Paragraph({ keepNext: true, children: runs(overview) }),
    ...doc.plan.actionLines.map(
      (line, index) =>
        new Paragraph({
          keepNext: index < doc.plan.actionLines.length - 1,
          indent: { left: 360 },
          children: runs(`${line.number}. ${oneLine(line.title)}`),
        }),
    ),
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

function implementation(doc: PlanDocument, figures: PlanFigures, narrative: ReportNarrative): FileChild[] {
  const out: FileChild[] = [heading(`1. ${titleGenitive(doc.plan.title.trim())} izpilde`, HeadingLevel.HEADING_1)]
  let tableNumber = 0
  doc.plan.actionLines.forEach((line, index) => {
    const counts = figures.byActionLine[index]
    const hasTable = line.measures.length > 0
    if (hasTable) tableNumber += 1
    out.push(heading(actionLineHeading(line), HeadingLevel.HEADING_2))
    const goal = toParagraphs(line.goal)
    if (goal.length > 0) out.push(...labelled('Rīcības virziena mērķis', goal.join('\n')))
    out.push(new Paragraph({ children: runs(actionLineCountSentence(counts, hasTable ? tableNumber : null)) }))
    if (hasTable) {
      out.push(caption(`${tableNumber}. tabula. ${actionLineNumeral(line.number)} rīcības virzienā iekļauto pasākumu izpilde`))
      out.push(measureTable(line.measures))
      out.push(new Paragraph({}))
    }
    out.push(...paragraphs(narrative.actionLines[line.number]))
  })
  return out
}

function financing(
  chapter: number,
  figures: PlanFigures,
  narrative: ReportNarrative,
  institutions: Map<string, DocInstitution>,
): FileChild[] {
  const { lead, items, granted } = financingLead(figures.financing, institutions)
  const tableNumber = figures.byActionLine.filter((line) => line.total > 0).length + 1
  const groups = figures.financing.groups
  return [
    heading(`${chapter}. Finansējums`, HeadingLevel.HEADING_1),
    new Paragraph({ children: runs(lead) }),
    ...items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) })),
    ...(granted ? [new Paragraph({ children: runs(granted) })] : []),
    ...(groups.length > 0
      ? [
          caption(`${tableNumber}. tabula. Institūciju norādītais finansējums pa budžeta apakšprogrammām`),
          financingTable(groups, figures, institutions),
          new Paragraph({}),
        ]
      : []),
    ...paragraphs(narrative.financing),
  ]
}

function conclusions(chapter: number, narrative: ReportNarrative): FileChild[] {
  const text = paragraphs(narrative.conclusions)
  return text.length === 0 ? [] : [heading(`${chapter}. Secinājumi`, HeadingLevel.HEADING_1), ...text]
}

function budgetLineText(line: DocBudgetLine, institutions: Map<string, DocInstitution>): string {
  const parts = [formatEuro(line.amountEur), BUDGET_SOURCE_LABELS.lv[line.source]]
  if (line.institution) parts.push(institutionLabel(line.institution, institutions))
  if (line.programme?.trim()) parts.push(`apakšprogramma ${oneLine(line.programme)}`)
  if (line.year) parts.push(`${line.year}. gads`)
  if (line.granted === true) parts.push('piešķirts')
  else if (line.granted === false) parts.push('nav piešķirts')
  return parts.join(', ')
}

function annexMeasure(measure: DocMeasure, institutions: Map<string, DocInstitution>): FileChild[] {
  const [titleFirst = '', ...titleRest] = toParagraphs(measure.title)
  const names = (codes: readonly string[]) => codes.map((code) => institutionLabel(code, institutions)).join(', ')
  const involved = measure.involved ?? []
  const deadline = measure.deadline
  const due = deadline?.due ? `līdz ${formatLatvianDate(deadline.due, 'dat')}` : ''
  const deadlineText = [oneLine(deadline?.text ?? ''), due ? (deadline?.text?.trim() ? `(${due})` : due) : ''].filter(Boolean).join(' ')
  const budgetLines = measure.budget?.lines ?? []
  const budgetText = toParagraphs(measure.budget?.text).join('\n')
  const progress = (measure.progress ?? []).filter((entry) => entry.text.trim() !== '')

  return [
    heading(`${dotted(measure.number)} ${titleFirst}`, HeadingLevel.HEADING_3, { keepNext: true }),
    ...titleRest.map((line) => new Paragraph({ children: runs(line) })),
    ...labelled(measure.responsible.length > 1 ? 'Atbildīgās institūcijas' : 'Atbildīgā institūcija', names(measure.responsible)),
    ...labelled('Iesaistītās institūcijas', involved.length > 0 ? names(involved) : 'nav'),
    ...labelled('Izpildes termiņš', deadlineText || 'nav noteikts'),
    ...labelled('Budžets', budgetText || (budgetLines.length > 0 ? '' : 'nav norādīts')),
    ...budgetLines.map((line) => new Paragraph({ bullet: { level: 0 }, children: runs(budgetLineText(line, institutions)) })),
    ...(measure.expectedResult?.trim() ? labelled('Darbības rezultāts', measure.expectedResult) : []),
    ...(measure.indicator?.trim() ? labelled('Rezultatīvais rādītājs', measure.indicator) : []),
    ...(progress.length === 0
      ? labelled('Izpildes gaita', 'informācija nav sniegta')
      : [
          new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Izpildes gaita:', bold: true })] }),
          // Each institution's text as it reported it, its paragraphs kept, marked "(VP) …".
          ...progress.flatMap((entry) =>
            toParagraphs(entry.text).map(
              (line, index) => new Paragraph({ children: runs(index === 0 ? `(${entry.institution}) ${line}` : line) }),
            ),
          ),
        ]),
    ...labelled('Izpildes pakāpe', measureStatusText(measure)),
    ...paragraphs(measure.assessment),
  ]
}

function annex(doc: PlanDocument, institutions: Map<string, DocInstitution>): FileChild[] {
  return [
    heading('Pielikums', HeadingLevel.HEADING_1, { pageBreakBefore: true }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: runs(`${titleGenitive(oneLine(doc.plan.title))} pasākumu izpilde`, { bold: true }),
    }),
    ...doc.plan.actionLines.flatMap((line) => [
      heading(actionLineHeading(line), HeadingLevel.HEADING_2),
      ...(line.measures.length === 0 ? [new Paragraph({ children: runs('Rīcības virzienā nav iekļauts neviens pasākums.') })] : []),
      ...line.measures.flatMap((measure) => annexMeasure(measure, institutions)),
    ]),
  ]
}

/** The informative report as a DOCX file. */
export async function buildReportDocx(input: ReportInput): Promise<Buffer> {
  const { document: doc, narrative, generatedAt } = input
  const institutions = institutionIndex(doc)
  const figures = computeFigures(doc)
  const surveys = input.surveys ?? []
  // Chapters in sequence: 1 the plan's implementation, then one per survey (as seed 001's chapter
  // 2 on the municipalities' answers), then financing and conclusions.
  const financingChapter = 2 + surveys.length

  const word = new Document({
    creator: 'Rīcības plāna izpildes uzraudzība',
    title: oneLine(reportTitle(doc)),
    description: `Ģenerēts ${formatLatvianDate(rigaDate(generatedAt), 'loc')} no plāna ${doc.plan.code} datiem`,
    styles: documentStyles(),
    sections: [
      {
        properties: PAGE_PROPERTIES,
        footers: { default: pageNumberFooter() },
        children: [
          ...introduction(doc, figures, institutions, generatedAt),
          ...implementation(doc, figures, narrative),
          ...surveys.flatMap((survey, index) => surveyChapterDocx(survey, 2 + index)),
          ...financing(financingChapter, figures, narrative, institutions),
          ...conclusions(financingChapter + 1, narrative),
          ...annex(doc, institutions),
        ],
      },
    ],
  })
  return Packer.toBuffer(word)
}
