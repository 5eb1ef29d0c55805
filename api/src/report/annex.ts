// The report's annex ("1. pielikums"): every measure with its institutions, deadline, budget,
// progress as each institution reported it ("(VP) …") and its degree of completion. Two layouts:
// "table", as the ministry lays out its annexes (a landscape three-column table per action line),
// and "flowing" (each measure as labelled paragraphs, portrait). Both print less noise than the
// plan holds: no budget lines after the budget's own wording, no "(līdz …)" after a deadline that
// already says it, and institutions without an official abbreviation by name only.
import {
  AlignmentType,
  HeadingLevel,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
  type ISectionOptions,
  type ISectionPropertiesOptions,
} from 'docx'
import {
  BUDGET_SOURCE_LABELS,
  type DocBudgetLine,
  type DocInstitution,
  type DocMeasure,
  type PlanDocument,
  type ReportSettings,
} from '@apt/shared'
import { institutionLabel, institutionShort } from './institution-labels.js'
import { formatEuro, formatLatvianDate, titleGenitive } from './latvian.js'
import { actionLineHeading, measureStatusText, quote } from './sentences.js'
import { dotted, toParagraphs } from './text.js'
import { MARGIN, PAGE, PAGE_PROPERTIES, TABLE_TEXT, heading, labelled, oneLine, pageNumberFooter, paragraphs, runs } from './word.js'
import { PreparedXml, cellXml, labelRunXml, paragraphXml, rowXml, runXml, tableXml } from './word-xml.js'

type AnnexLayout = ReportSettings['annexLayout']
type Institutions = Map<string, DocInstitution>

export const ANNEX_TITLE = '1. pielikums'

// ——— what the annex says about a measure (shared by both layouts) ———

function budgetLineText(line: DocBudgetLine, institutions: Institutions): string {
  const parts = [formatEuro(line.amountEur), BUDGET_SOURCE_LABELS.lv[line.source]]
  if (line.institution) parts.push(institutionLabel(line.institution, institutions))
  if (line.programme?.trim()) parts.push(`apakšprogramma ${oneLine(line.programme)}`)
  if (line.year) parts.push(`${line.year}. gads`)
  if (line.granted === true) parts.push('piešķirts')
  else if (line.granted === false) parts.push('nav piešķirts')
  else parts.push('piešķiršana nav zināma')
  return parts.join(', ')
}

// Month stems as dates are written in any case ("decembris", "decembrī", "decembrim").
const MONTH_STEMS = ['janvār', 'februār', 'mart', 'aprī', 'maij', 'jūnij', 'jūlij', 'august', 'septembr', 'oktobr', 'novembr', 'decembr']
const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31']
const ROMAN = ['I', 'II', 'III', 'IV']

/**
 * Whether a deadline's wording already states its due date, so "(līdz …)" would only repeat it:
 * a "līdz" phrase, the date itself (2024. gada 31. decembris, 31.12.2024., 2024-12-31), or a period
 * that ends on it ("2023.–2024. gads" for 31 December 2024, "2024. gada II ceturksnis" for 30 June).
 */
export function deadlineStatesDue(text: string, due: string): boolean {
  const wording = text.toLocaleLowerCase('lv')
  if (/(^|[^\p{L}])līdz([^\p{L}]|$)/u.test(wording)) return true
  const [year, month, day] = due.split('-') as [string, string, string]
  const d = Number(day)
  const m = Number(month)
  if (new RegExp(`${year}\\.\\s*gada\\s+${d}\\.\\s*${MONTH_STEMS[m - 1]}`, 'u').test(wording)) return true
  if (new RegExp(`(^|\\D)0?${d}\\.0?${m}\\.${year}`).test(wording) || wording.includes(due)) return true
  // A period: the last year named, with a quarter, a half or a month where the wording has one.
  const years = [...wording.matchAll(/(?:^|\D)((?:19|20)\d\d)(?!\d)/g)].map((match) => match[1]!)
  if (years.length === 0 || years[years.length - 1] !== year) return false
  const quarter = /(^|[^\p{L}])(iv|iii|ii|i)\s+ceturksn/u.exec(wording)
  if (quarter) return QUARTER_ENDS[ROMAN.indexOf(quarter[2]!.toUpperCase())] === `${month}-${day}`
  const half = /(^|[^\p{L}])(ii|i)\s+pusgad/u.exec(wording)
  if (half) return (half[2] === 'i' ? '06-30' : '12-31') === `${month}-${day}`
  if (MONTH_STEMS.some((stem) => wording.includes(stem))) return false
  return `${month}-${day}` === '12-31'
}

/** "2023.–2024. gads", "līdz 2024. gada 31. decembrim", or the wording with "(līdz …)" when it does not say the date. */
export function deadlineText(measure: Pick<DocMeasure, 'deadline'>): string {
  const wording = oneLine(measure.deadline?.text ?? '')
  const due = measure.deadline?.due
  if (!due) return wording
  const until = `līdz ${formatLatvianDate(due, 'dat')}`
  if (!wording) return until
  return deadlineStatesDue(wording, due) ? wording : `${wording} (${until})`
}

/** The budget as the annex prints it: the plan's wording when it has one, else its budget lines; empty when neither. */
export function budgetTexts(measure: Pick<DocMeasure, 'budget'>, institutions: Institutions): { wording: string[]; lines: string[] } {
  const wording = toParagraphs(measure.budget?.text)
  // The wording already tells the money (the plan repeats it in lines only to sum it).
  const lines = wording.length > 0 ? [] : (measure.budget?.lines ?? []).map((line) => budgetLineText(line, institutions))
  return { wording, lines }
}

const responsibleLabel = (measure: DocMeasure) => (measure.responsible.length > 1 ? 'Atbildīgās institūcijas' : 'Atbildīgā institūcija')

/** Each institution's progress text, its paragraphs kept, the first marked "(VP) …" (by name when it has no abbreviation). */
function progressParagraphs(measure: DocMeasure, institutions: Institutions): string[][] {
  return (measure.progress ?? [])
    .filter((entry) => entry.text.trim() !== '')
    .map((entry) =>
      toParagraphs(entry.text).map((line, index) =>
        index === 0 ? `(${institutionShort(entry.institution, institutions)}) ${line}` : line,
      ),
    )
}

// ——— the title ———

function annexTitle(doc: PlanDocument, { landscape }: { landscape: boolean }): FileChild[] {
  return [
    // A heading, so the annex is in the navigator and the table of contents; right-aligned as Latvian annexes are.
    heading(ANNEX_TITLE, HeadingLevel.HEADING_1, { alignment: AlignmentType.RIGHT, spacing: { before: 0, after: 0 } }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: runs('informatīvajam ziņojumam') }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 240 },
      children: runs(quote(`Par ${titleGenitive(oneLine(doc.plan.title))} izpildi`)),
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: landscape ? 120 : 240 },
      children: runs(`${titleGenitive(oneLine(doc.plan.title))} pasākumu izpilde`, { bold: true }),
    }),
  ]
}

// ——— layout "table": landscape, three columns per action line ———

// Landscape A4: the docx library swaps width and height itself for a landscape orientation.
const LANDSCAPE_PROPERTIES: ISectionPropertiesOptions = {
  page: { size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN },
}
const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.left - MARGIN.right
const LANDSCAPE_TEXT_HEIGHT = PAGE.width - MARGIN.top - MARGIN.bottom
const COLUMNS = [
  { header: 'Nr.', width: 1000 },
  { header: 'Pasākums', width: 5600 },
  { header: 'Izpildes gaita', width: LANDSCAPE_TEXT_WIDTH - 1000 - 5600 },
] as const

const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 }

// A rough measure of Table Text (Times New Roman 12 pt, single spacing) for the split rule below.
const LINE_TWIPS = 276
const AVERAGE_CHAR_TWIPS = 110

/** How tall a cell's paragraphs come out, in twips, estimated from characters per line. */
function estimatedHeight(lines: readonly string[], width: number): number {
  const perLine = Math.max(1, Math.floor((width - CELL_MARGIN.left - CELL_MARGIN.right) / AVERAGE_CHAR_TWIPS))
  const count = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0)
  return count * LINE_TWIPS + CELL_MARGIN.top + CELL_MARGIN.bottom
}

/**
 * Whether a row may break across pages. A row is kept whole (cantSplit) so a measure is read on
 * one page; but a row taller than a page cannot be kept whole (Word then cuts it at the page's
 * foot anyway, other word processors clip it), so such a row is allowed to split. The height is an
 * estimate from the text's length; the limit is 80% of the page's text height less the repeated
 * header row, so an underestimate still errs on the side of letting a long row flow.
 */
export function rowMaySplit(cellLines: readonly (readonly string[])[]): boolean {
  const height = Math.max(...cellLines.map((lines, index) => estimatedHeight(lines, COLUMNS[index]!.width)))
  return height > 0.8 * (LANDSCAPE_TEXT_HEIGHT - 2 * LINE_TWIPS)
}

type CellLine = { text: string; label?: string; bold?: boolean }

function cellParagraph(line: CellLine): string {
  const label = line.label ? labelRunXml(`${line.label}: `) : ''
  return paragraphXml(TABLE_TEXT, label + runXml(line.text, { bold: line.bold }))
}

const EMPTY_CELL = paragraphXml(TABLE_TEXT, '')

function cell(lines: readonly CellLine[], width: number, header = false): string {
  return cellXml(lines.map(cellParagraph), width, { header, empty: EMPTY_CELL })
}

/** The three cells of a measure's row: its numbers, the measure as planned, and how it went. */
export function measureRowCells(measure: DocMeasure, institutions: Institutions): [CellLine[], CellLine[], CellLine[]] {
  const short = (codes: readonly string[]) => codes.map((code) => institutionShort(code, institutions)).join(', ')
  const ref = measure.sourceRef?.trim()
  const number: CellLine[] = [{ text: dotted(measure.number) }, ...(ref && ref !== measure.number ? [{ text: `(${dotted(ref)})` }] : [])]

  const involved = measure.involved ?? []
  const deadline = deadlineText(measure)
  const { wording, lines } = budgetTexts(measure, institutions)
  const planned: CellLine[] = [
    ...toParagraphs(measure.title).map((text) => ({ text })),
    { label: responsibleLabel(measure), text: short(measure.responsible) },
    ...(involved.length > 0 ? [{ label: 'Iesaistītās institūcijas', text: short(involved) }] : []),
    { label: 'Izpildes termiņš', text: deadline || 'nav noteikts' },
    ...(wording.length > 0
      ? [{ label: 'Finansējums', text: wording[0]! }, ...wording.slice(1).map((text) => ({ text }))]
      : lines.length > 0
        ? [{ label: 'Finansējums', text: lines[0]! }, ...lines.slice(1).map((text) => ({ text }))]
        : [{ label: 'Finansējums', text: 'nav norādīts' }]),
  ]

  const progress = progressParagraphs(measure, institutions)
  const done: CellLine[] = [
    ...(progress.length > 0 ? progress.flat().map((text) => ({ text })) : [{ text: 'Informācija nav sniegta.' }]),
    { label: 'Izpildes pakāpe', text: measureStatusText(measure) },
    ...toParagraphs(measure.assessment).map((text) => ({ text })),
  ]
  return [number, planned, done]
}

/** The action line's table as WordprocessingML (see word-xml.ts for why it is not built with docx). */
function measureTable(measures: readonly DocMeasure[], institutions: Institutions): string {
  return tableXml(
    LANDSCAPE_TEXT_WIDTH,
    COLUMNS.map((column) => column.width),
    [
      // Repeats at the top of every page the table runs onto.
      rowXml(
        COLUMNS.map((column) => cell([{ text: column.header, bold: true }], column.width, true)),
        { header: true, cantSplit: true },
      ),
      ...measures.map((measure) => {
        const cells = measureRowCells(measure, institutions)
        const split = rowMaySplit(cells.map((lines) => lines.map((line) => (line.label ? `${line.label}: ${line.text}` : line.text))))
        return rowXml(
          cells.map((lines, index) => cell(lines, COLUMNS[index]!.width)),
          { cantSplit: !split },
        )
      }),
    ],
  )
}

function tableAnnex(doc: PlanDocument, institutions: Institutions, prepared: PreparedXml): FileChild[] {
  return [
    ...annexTitle(doc, { landscape: true }),
    ...doc.plan.actionLines.flatMap((line): FileChild[] => [
      heading(actionLineHeading(line), HeadingLevel.HEADING_2),
      ...(line.measures.length === 0
        ? [new Paragraph({ children: runs('Rīcības virzienā nav iekļauts neviens pasākums.') })]
        : [prepared.placeholder(measureTable(line.measures, institutions)), new Paragraph({})]),
    ]),
  ]
}

// ——— layout "flowing": each measure as labelled paragraphs ———

function flowingMeasure(measure: DocMeasure, institutions: Institutions): FileChild[] {
  const [titleFirst = '', ...titleRest] = toParagraphs(measure.title)
  const names = (codes: readonly string[]) => codes.map((code) => institutionLabel(code, institutions)).join(', ')
  const involved = measure.involved ?? []
  const { wording, lines } = budgetTexts(measure, institutions)
  const progress = progressParagraphs(measure, institutions)

  return [
    heading(`${dotted(measure.number)} ${titleFirst}`, HeadingLevel.HEADING_3, { keepNext: true }),
    ...titleRest.map((line) => new Paragraph({ children: runs(line) })),
    ...labelled(responsibleLabel(measure), names(measure.responsible)),
    ...labelled('Iesaistītās institūcijas', involved.length > 0 ? names(involved) : 'nav'),
    ...labelled('Izpildes termiņš', deadlineText(measure) || 'nav noteikts'),
    ...labelled('Budžets', wording.join('\n') || (lines.length > 0 ? '' : 'nav norādīts')),
    ...lines.map((line) => new Paragraph({ bullet: { level: 0 }, children: runs(line) })),
    ...(measure.expectedResult?.trim() ? labelled('Darbības rezultāts', measure.expectedResult) : []),
    ...(measure.indicator?.trim() ? labelled('Rezultatīvais rādītājs', measure.indicator) : []),
    ...(progress.length === 0
      ? labelled('Izpildes gaita', 'informācija nav sniegta')
      : [
          new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Izpildes gaita:', bold: true })] }),
          ...progress.flat().map((line) => new Paragraph({ children: runs(line) })),
        ]),
    ...labelled('Izpildes pakāpe', measureStatusText(measure)),
    ...paragraphs(measure.assessment),
  ]
}

function flowingAnnex(doc: PlanDocument, institutions: Institutions): FileChild[] {
  return [
    ...annexTitle(doc, { landscape: false }),
    ...doc.plan.actionLines.flatMap((line) => [
      heading(actionLineHeading(line), HeadingLevel.HEADING_2),
      ...(line.measures.length === 0 ? [new Paragraph({ children: runs('Rīcības virzienā nav iekļauts neviens pasākums.') })] : []),
      ...line.measures.flatMap((measure) => flowingMeasure(measure, institutions)),
    ]),
  ]
}

/**
 * The annex as Word sections of its own, after the body: "table" (the default) a landscape
 * section with the ministry's three-column table per action line; "flowing" a portrait section of
 * labelled paragraphs. Page numbers continue in the footer. The tables are written as XML and
 * stand in the sections as placeholders until `prepared` replaces them in the written document.
 */
export function annexSections(
  doc: PlanDocument,
  institutions: Institutions,
  layout: AnnexLayout,
  prepared: PreparedXml,
): ISectionOptions[] {
  const footers = { default: pageNumberFooter() }
  if (layout === 'flowing') return [{ properties: PAGE_PROPERTIES, footers, children: flowingAnnex(doc, institutions) }]
  return [{ properties: LANDSCAPE_PROPERTIES, footers, children: tableAnnex(doc, institutions, prepared) }]
}
