// A survey's own report as a Word document, in the shape of seed 000 (a whole report on a survey of
// the municipalities): the title and the survey's particulars, the response rate, then per section
// and question its heading, a table of the answers with counts and shares, a chart for choice and
// scale questions, the generated sentences with the figures (small groups named in parentheses),
// coded answers as a list of categories with counts and names, and the coordinator's narrative.
// An annex lists every institution asked, with when it answered.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, type FileChild } from 'docx'
import type { DocResponse, QuestionResult, SurveyDocument, SurveyQuestion, SurveyResults, SurveyState } from '@apt/shared'
import { renderAnswerBarsPng } from '../../../../report/chart.js'
import { formatLatvianDate, formatNumber, formatPercent, rigaDate } from '../../../../report/latvian.js'
import { blockParagraphs } from '../../../../report/survey-chapter.js'
import {
  countHeader,
  lateSentence,
  optionLabels,
  questionBlocks,
  questionContexts,
  questionReference,
  questionTitle,
  responseRateSentence,
  surveyWording,
  tableTotals,
  type SurveyWording,
} from '../../../../report/survey-sentences.js'
import { toParagraphs } from '../../../../report/text.js'
import {
  CONTENT_WIDTH,
  PAGE_PROPERTIES,
  caption,
  cellText,
  documentStyles,
  heading,
  labelled,
  oneLine,
  pageNumberFooter,
  paragraphs,
  picture,
  runs,
  table,
} from '../../../../report/word.js'

export interface SurveyReportInput {
  document: SurveyDocument
  results: SurveyResults
  /** The coordinator's narrative per question id. */
  narratives: Readonly<Record<string, string>>
  state: SurveyState
  /** The audience is every municipality in the registry. */
  wholeCountry: boolean
  /** Groups of at most this many are named in parentheses. */
  nameUpTo: number
  generatedAt: Date
}

const CHOICE_TYPES = new Set(['yes_no', 'single_choice', 'multiple_choice', 'scale'])

/** Numbering of the tables and figures as they come. */
class Numbering {
  tables = 0
  figures = 0
}

const right = (text: string, bold = false) => cellText(text, { alignment: AlignmentType.RIGHT, bold })

/** The answers of a choice question as a table: option, count, share of those who answered. */
function choiceTable(question: SurveyQuestion, result: QuestionResult, wording: SurveyWording): FileChild {
  const byId = new Map((result.options ?? []).map((option) => [option.id, option]))
  const rows = optionLabels(question).map(({ id, label }) => {
    const count = byId.get(id)?.count ?? 0
    return [cellText(label), right(String(count)), right(formatPercent(result.answered ? count / result.answered : 0))]
  })
  const other = result.other ?? []
  if (other.length > 0) {
    rows.push([
      cellText(question.other?.label ?? 'Cits'),
      right(String(other.length)),
      right(formatPercent(result.answered ? other.length / result.answered : 0)),
    ])
  }
  const answeredLabel = `Atbildējušas ${wording.noun.plural.nom}`
  rows.push([cellText(answeredLabel, { bold: true }), right(String(result.answered), true), right(result.answered ? '100%' : '', true)])
  const countWidth = 1800
  const shareWidth = 1900
  return table(
    [
      { header: 'Atbilde', width: CONTENT_WIDTH - countWidth - shareWidth },
      { header: countHeader(wording.noun), width: countWidth },
      { header: 'Daļa no\natbildējušajām', width: shareWidth },
    ],
    rows,
  )
}

/** A number table's sums: rows × columns with a "Kopā" column and row. */
function numberTable(question: SurveyQuestion, result: QuestionResult): FileChild {
  const { rows, columns, cell, rowTotals, columnTotals, total } = tableTotals(question, result)
  const firstWidth = Math.max(2400, Math.round(CONTENT_WIDTH * 0.34))
  const width = Math.floor((CONTENT_WIDTH - firstWidth) / (columns.length + 1))
  return table(
    [
      { header: '', width: firstWidth },
      ...columns.map((column) => ({ header: oneLine(column.label), width })),
      { header: 'Kopā', width: CONTENT_WIDTH - firstWidth - width * columns.length },
    ],
    [
      ...rows.map((row, index) => [
        cellText(row.label),
        ...columns.map((column) => right(formatNumber(cell(row.id, column.id)))),
        right(formatNumber(rowTotals[index]!), true),
      ]),
      [cellText('Kopā', { bold: true }), ...columnTotals.map((sum) => right(formatNumber(sum), true)), right(formatNumber(total), true)],
    ],
  )
}

function questionContent(
  question: SurveyQuestion,
  result: QuestionResult,
  input: SurveyReportInput,
  wording: SurveyWording,
  contexts: ReturnType<typeof questionContexts>,
  numbering: Numbering,
): FileChild[] {
  const out: FileChild[] = [heading(questionTitle(question), HeadingLevel.HEADING_2)]
  const reference = questionReference(question)
  if (CHOICE_TYPES.has(question.type) && result.answered > 0) {
    numbering.tables += 1
    out.push(caption(`${numbering.tables}. tabula. Atbildes uz ${reference}`), choiceTable(question, result, wording), new Paragraph({}))
    const byId = new Map((result.options ?? []).map((option) => [option.id, option.count]))
    const bars = optionLabels(question).map(({ id, label }) => ({ label, count: byId.get(id) ?? 0 }))
    const chart = renderAnswerBarsPng(bars, { valueAxis: countHeader(wording.noun), scale: question.type === 'scale' })
    numbering.figures += 1
    out.push(
      picture(chart, {
        name: `Atbildes uz ${reference}`,
        description: bars.map((bar) => `${bar.label}: ${bar.count}`).join('; '),
      }),
      caption(`${numbering.figures}. attēls. Atbildes uz ${reference}`),
    )
  }
  if (question.type === 'number_table' && result.answered > 0) {
    numbering.tables += 1
    const unit = question.unit?.trim() ? ` (${question.unit.trim()})` : ''
    out.push(caption(`${numbering.tables}. tabula. Atbildes uz ${reference}${unit}`), numberTable(question, result), new Paragraph({}))
  }
  const context = contexts.get(question.id) ?? { responded: input.results.responded, skipped: [] }
  out.push(...blockParagraphs(questionBlocks(question, result, context, wording, { tableInWords: false })))
  out.push(...paragraphs(input.narratives[question.id]))
  return out
}

/** "10.02.2025." — the day a response came, by Riga time. */
function submittedDay(response: DocResponse | undefined): string {
  if (!response?.submittedAt) return ''
  const [year, month, day] = rigaDate(new Date(response.submittedAt)).split('-')
  return `${day}.${month}.${year}.`
}

/** The annex: everyone asked, in the audience's order, with when they answered. */
function audienceAnnex(input: SurveyReportInput, wording: SurveyWording): FileChild[] {
  const { document: doc, results } = input
  const responses = new Map((doc.responses ?? []).filter((r) => r.state === 'submitted').map((r) => [r.institution, r]))
  const late = new Set(results.late)
  const notResponded = new Set(results.notResponded)
  const noun = wording.noun.singular.nom
  const numberWidth = 800
  const dateWidth = 1700
  const noteWidth = 2300
  return [
    heading('Pielikums. Atbilžu iesniegšana', HeadingLevel.HEADING_1, { pageBreakBefore: true }),
    table(
      [
        { header: 'Nr.\np.k.', width: numberWidth },
        { header: noun.charAt(0).toLocaleUpperCase('lv') + noun.slice(1), width: CONTENT_WIDTH - numberWidth - dateWidth - noteWidth },
        { header: 'Iesūtīta', width: dateWidth },
        { header: 'Piezīmes', width: noteWidth },
      ],
      doc.survey.audience.map((code, index) => {
        const note = notResponded.has(code) ? 'nav iesūtīta' : late.has(code) ? 'pēc termiņa' : ''
        return [
          cellText(`${index + 1}.`),
          cellText(wording.names.get(code) ?? code),
          cellText(notResponded.has(code) ? '' : submittedDay(responses.get(code))),
          cellText(note),
        ]
      }),
    ),
  ]
}

/** The survey's report as a DOCX file. */
export async function buildSurveyReportDocx(input: SurveyReportInput): Promise<Buffer> {
  const { document: doc, results, generatedAt } = input
  const { survey } = doc
  const wording = surveyWording(doc, { nameUpTo: input.nameUpTo, listTexts: true })
  const contexts = questionContexts(doc, results)
  const resultsById = new Map(results.questions.map((result) => [result.id, result]))
  const coordinator = doc.institutions.find((institution) => institution.code === survey.coordinator)
  const numbering = new Numbering()

  const particulars: Paragraph[] = [
    ...labelled('Aptaujas veicējs', coordinator ? `${coordinator.name} (${coordinator.code})` : survey.coordinator),
    ...(survey.period?.trim() ? labelled('Periods', survey.period) : []),
    ...(survey.dueDate ? labelled('Atbilžu iesniegšanas termiņš', formatLatvianDate(survey.dueDate)) : []),
    ...(survey.plan
      ? labelled('Plāns', survey.plan.measure ? `${survey.plan.code}, ${survey.plan.measure}. pasākums` : survey.plan.code)
      : []),
  ]
  const late = lateSentence(results.late, survey.dueDate, wording)
  const body: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(oneLine(survey.title)) }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: runs(`Aptaujas rezultāti. Dati uz ${formatLatvianDate(rigaDate(generatedAt), 'acc')}`, { italics: true }),
    }),
    ...particulars,
    ...paragraphs(survey.description),
    new Paragraph({
      children: runs(
        [responseRateSentence(results, wording, { wholeCountry: input.wholeCountry, open: input.state === 'open' }), late]
          .filter(Boolean)
          .join(' '),
      ),
    }),
    ...survey.sections.flatMap((section) => [
      heading(section.title, HeadingLevel.HEADING_1),
      ...toParagraphs(section.description).map((line) => new Paragraph({ children: runs(line, { italics: true }) })),
      ...section.questions.flatMap((question) =>
        questionContent(
          question,
          resultsById.get(question.id) ?? { id: question.id, type: question.type, answered: 0 },
          input,
          wording,
          contexts,
          numbering,
        ),
      ),
    ]),
    ...audienceAnnex(input, wording),
  ]

  const word = new Document({
    creator: 'Rīcības plāna izpildes uzraudzība',
    title: oneLine(survey.title),
    description: `Aptaujas ${survey.code} rezultāti, ģenerēti ${formatLatvianDate(rigaDate(generatedAt), 'loc')}`,
    styles: documentStyles(),
    sections: [{ properties: PAGE_PROPERTIES, footers: { default: pageNumberFooter() }, children: body }],
  })
  return Packer.toBuffer(word)
}
