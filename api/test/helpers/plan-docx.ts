// Sample Cabinet-order annexes built with the docx library, laid out as the real ones are: the
// order's reference and the plan's title above a table whose action lines are rows merged across
// it (or with only their first cells filled), multi-paragraph cells, a numbering row or a caption
// row above the header, a footnote, a column merged down. Two layouts differ in column order,
// header wording and how institutions are written (names; abbreviations and "IeM (VP)").
import { Document, FootnoteReferenceRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx'
import type { DocMeasure, PlanDocument } from '@apt/shared'

export type Layout = 'names' | 'abbreviations'

/** A cell of paragraphs (a text with "\n" is one paragraph a line). */
const cell = (text: string, options: { span?: number; footnote?: number; merge?: 'restart' | 'continue' } = {}) =>
  new TableCell({
    columnSpan: options.span,
    verticalMerge:
      options.merge === 'restart' ? VerticalMergeType.RESTART : options.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    children: (text === '' ? [''] : text.split('\n')).map(
      (line, i) =>
        new Paragraph({
          children: [new TextRun(line), ...(options.footnote !== undefined && i === 0 ? [new FootnoteReferenceRun(options.footnote)] : [])],
        }),
    ),
  })

const row = (cells: TableCell[], header = false) => new TableRow({ children: cells, tableHeader: header })

/** Layout "abbreviations": institutions as the order's tables often write them. */
const ABBREVIATED: Record<string, string> = {
  VP: 'IeM (VP)',
  VUGD: 'IeM (VUGD)',
  VRS: 'IeM (VRS)',
  VPD: 'TM (VPD)',
  IeVP: 'TM (IeVP)',
  BAC: 'LM (BAC)',
  PASV: 'pašvaldības',
}

function institutionsText(codes: string[] | undefined, doc: PlanDocument, layout: Layout): string {
  if (!codes?.length) return ''
  if (layout === 'names') return codes.map((c) => doc.institutions.find((i) => i.code === c)!.name).join('\n')
  return codes.map((c) => ABBREVIATED[c] ?? c).join(', ')
}

const deadline = (m: DocMeasure) => m.deadline?.text ?? ''
const budget = (m: DocMeasure) => m.budget?.text ?? ''

/** The paragraphs above the table: the order's reference and the plan's title, as in the annex. */
function heading(doc: PlanDocument): Paragraph[] {
  return [
    new Paragraph('Pielikums'),
    new Paragraph('Ministru kabineta'),
    new Paragraph('2023. gada 22. marta'),
    new Paragraph('rīkojumam Nr. 156'),
    new Paragraph(''),
    new Paragraph({ children: [new TextRun({ text: doc.plan.title.replace('2023.-2024.', '2023.–2024.'), bold: true })] }),
    new Paragraph(''),
  ]
}

/**
 * Layout "names": Nr. p. k. | Pasākums | Darbības rezultāts | Rezultatīvais rādītājs | Atbildīgā
 * institūcija | Līdzatbildīgās institūcijas | Izpildes termiņš | Finansējums¹, a numbering row
 * under the header, action lines merged across ("1. Rīcības virziens: …" with its goal), names.
 */
function namesTable(doc: PlanDocument): Table {
  const header = [
    'Nr. p. k.',
    'Pasākums',
    'Darbības rezultāts',
    'Rezultatīvais rādītājs',
    'Atbildīgā institūcija',
    'Līdzatbildīgās institūcijas',
    'Izpildes termiņš',
    'Finansējums',
  ]
  const rows = [
    row(
      header.map((h, i) => cell(h, { footnote: i === 7 ? 1 : undefined })),
      true,
    ),
    row(header.map((_, i) => cell(String(i + 1)))),
  ]
  for (const line of doc.plan.actionLines) {
    rows.push(row([cell(`${line.number}. Rīcības virziens: ${line.title}${line.goal ? `\nMērķis: ${line.goal}` : ''}`, { span: 8 })]))
    for (const m of line.measures)
      rows.push(
        row([
          cell(`${m.number}.`),
          cell(m.title, { footnote: m.number === '1.1' ? 2 : undefined }),
          cell(m.expectedResult ?? ''),
          cell(m.indicator ?? ''),
          cell(institutionsText(m.responsible, doc, 'names')),
          cell(institutionsText(m.involved, doc, 'names')),
          cell(deadline(m)),
          cell(budget(m)),
        ]),
      )
  }
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })
}

/**
 * Layout "abbreviations": a caption row merged across, then Nr.p.k. | Uzdevums | Atbildīgā iestāde
 * | Iesaistītās institūcijas | Termiņš | Sasniedzamais rezultāts | Rezultatīvie rādītāji |
 * Nepieciešamais finansējums; action lines with only their number and title filled ("II" |
 * "Darba ar riska grupām …"); the deadline merged down each action line; the table split in two
 * after the second action line, the second part without a header.
 */
function abbreviationsTables(doc: PlanDocument): Table[] {
  const header = [
    'Nr.p.k.',
    'Uzdevums',
    'Atbildīgā iestāde',
    'Iesaistītās institūcijas',
    'Termiņš',
    'Sasniedzamais rezultāts',
    'Rezultatīvie rādītāji',
    'Nepieciešamais finansējums',
  ]
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI']
  const parts: TableRow[][] = [
    [
      row([cell('Plāna pasākumi', { span: 8 })], true),
      row(
        header.map((h) => cell(h)),
        true,
      ),
    ],
    [],
  ]
  doc.plan.actionLines.forEach((line, l) => {
    const rows = parts[l < 2 ? 0 : 1]!
    rows.push(row([cell(roman[l]!), cell(line.title), ...Array.from({ length: 6 }, () => cell(''))]))
    line.measures.forEach((m, i) => {
      const sameDeadline = line.measures.every((x) => deadline(x) === deadline(line.measures[0]!))
      rows.push(
        row([
          cell(m.number),
          cell(m.title),
          cell(institutionsText(m.responsible, doc, 'abbreviations')),
          cell(institutionsText(m.involved, doc, 'abbreviations')),
          sameDeadline ? cell(i === 0 ? deadline(m) : '', { merge: i === 0 ? 'restart' : 'continue' }) : cell(deadline(m)),
          cell(m.expectedResult ?? ''),
          cell(m.indicator ?? ''),
          cell(budget(m)),
        ]),
      )
    })
  })
  return parts.map((rows) => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }))
}

/** The plan as an annex in one of the two layouts; `edit` may change the document first. */
export async function planDocx(doc: PlanDocument, layout: Layout): Promise<Buffer> {
  const body =
    layout === 'names'
      ? [...heading(doc), namesTable(doc)]
      : (() => {
          const [first, second] = abbreviationsTables(doc)
          return [...heading(doc), first!, new Paragraph('(turpinājums)'), second!]
        })()
  const document = new Document({
    footnotes: {
      1: { children: [new Paragraph('Finansējums no valsts budžeta, ja nav norādīts citādi.')] },
      2: { children: [new Paragraph('Pasākums turpinās no iepriekšējā plāna.')] },
    },
    sections: [{ children: [...body, new Paragraph('Iekšlietu ministrs')] }],
  })
  return Packer.toBuffer(document)
}

/** A document with one table of rows as given (first row the header), and nothing else. */
export async function tableDocx(rows: string[][], before: string[] = []): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        children: [
          ...before.map((p) => new Paragraph(p)),
          new Table({
            rows: rows.map((r, i) =>
              row(
                r.map((t) => cell(t)),
                i === 0,
              ),
            ),
          }),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}

/** Only paragraphs, no table. */
export async function paragraphsDocx(paragraphs: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }))
}
