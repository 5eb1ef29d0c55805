// The report's annex: every measure with its institutions, deadline, budget, progress as each
// institution reported it, and its degree of completion.
import { AlignmentType, HeadingLevel, Paragraph, TextRun, type FileChild, type ISectionOptions } from 'docx'
import { BUDGET_SOURCE_LABELS, type DocBudgetLine, type DocInstitution, type DocMeasure, type PlanDocument, type ReportSettings } from '@apt/shared'

type AnnexLayout = ReportSettings['annexLayout']
import { institutionLabel } from './institution-labels.js'
import { formatEuro, formatLatvianDate, titleGenitive } from './latvian.js'
import { actionLineHeading, measureStatusText } from './sentences.js'
import { dotted, toParagraphs } from './text.js'
import { PAGE_PROPERTIES, heading, labelled, oneLine, pageNumberFooter, paragraphs, runs } from './word.js'

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

/**
 * The annex as Word sections of its own (a section can turn the page to landscape).
 * `layout` "table": the ministry's three-column table per action line; "flowing": each measure as
 * labelled paragraphs. PLACEHOLDER: both lay out as "flowing" so far.
 */
export function annexSections(doc: PlanDocument, institutions: Map<string, DocInstitution>, _layout: AnnexLayout): ISectionOptions[] {
  return [{ properties: PAGE_PROPERTIES, footers: { default: pageNumberFooter() }, children: flowingAnnex(doc, institutions) }]
}

function flowingAnnex(doc: PlanDocument, institutions: Map<string, DocInstitution>): FileChild[] {
  return [
    heading('Pielikums', HeadingLevel.HEADING_1),
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
