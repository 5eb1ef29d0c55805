// responses.xlsx: a survey's answers for the analyst who sorts, filters and pivots them in Excel.
// Sheet "Atbildes" has one row per institution of the audience (code, name, state, when it was
// submitted, whether late) and one column per answer item: a choice the chosen label, a multiple
// choice one 0/1 column per option (so a column's sum is the option's count), an "other" text, the
// coded categories as labels, a number, a number table one column per cell, a text. Only submitted
// answers are shown, the ones the tallies count. Sheet "Kopsavilkums" holds those tallies.
import ExcelJS from 'exceljs'
import type { DocResponse, QuestionResult, SurveyAnswer, SurveyDocument, SurveyQuestion, SurveyResults } from '@apt/shared'
import { questionsOf } from '@apt/shared'
import { optionLabels, questionTitle, respondentNoun, tableTotals } from '../../../../report/survey-sentences.js'
import { capitalize } from '../../../../report/latvian.js'
import { sanitizeText } from '../../../../report/text.js'

// Excel refuses cells longer than 32 767 characters; longer texts are cut with a note.
const EXCEL_CELL_LIMIT = 32_767
const CUT_NOTE = ' … [teksts saīsināts]'
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF4' } }

function cellText(text: string): string {
  const clean = sanitizeText(text)
  return clean.length <= EXCEL_CELL_LIMIT ? clean : clean.slice(0, EXCEL_CELL_LIMIT - CUT_NOTE.length) + CUT_NOTE
}

type Value = string | number | Date | null

/** One column of the answers sheet: its header and how a response fills it. */
interface AnswerColumn {
  header: string
  width: number
  value: (answer: SurveyAnswer | undefined) => Value
  numeric?: boolean
}

const labelOf = (items: readonly { id: string; label: string }[]) => {
  const map = new Map(items.map((item) => [item.id, item.label]))
  return (id: string) => map.get(id) ?? id
}

/** The columns one question contributes, in the questionnaire's order. */
export function questionColumns(question: SurveyQuestion): AnswerColumn[] {
  const title = questionTitle(question)
  const item = (what: string) => `${title} — ${what}`
  const columns: AnswerColumn[] = []
  const v = (answer: SurveyAnswer | undefined) => answer?.value
  switch (question.type) {
    case 'yes_no':
      columns.push({ header: title, width: 14, value: (a) => (v(a) === true ? 'Jā' : v(a) === false ? 'Nē' : null) })
      break
    case 'single_choice':
    case 'scale': {
      const label = labelOf(question.options ?? [])
      columns.push({ header: title, width: 36, value: (a) => (typeof v(a) === 'string' ? label(v(a) as string) : null) })
      break
    }
    case 'multiple_choice':
      for (const option of question.options ?? []) {
        columns.push({
          header: item(option.label),
          width: 16,
          numeric: true,
          // 0/1 for those who answered the question, blank for those who did not.
          value: (a) => (Array.isArray(v(a)) ? ((v(a) as string[]).includes(option.id) ? 1 : 0) : null),
        })
      }
      break
    case 'number':
      columns.push({
        header: question.unit?.trim() ? `${title} (${question.unit.trim()})` : title,
        width: 16,
        numeric: true,
        value: (a) => (typeof v(a) === 'number' ? (v(a) as number) : null),
      })
      break
    case 'number_table':
      for (const row of question.rows ?? []) {
        for (const column of question.columns ?? []) {
          columns.push({
            header: item(`${row.label} — ${column.label}`),
            width: 16,
            numeric: true,
            value: (a) => {
              const table = v(a)
              const cell = table && typeof table === 'object' && !Array.isArray(table) ? table[row.id]?.[column.id] : undefined
              return typeof cell === 'number' ? cell : null
            },
          })
        }
      }
      break
    case 'text':
      columns.push({
        header: title,
        width: 60,
        value: (a) => (typeof v(a) === 'string' && (v(a) as string).trim() ? cellText(v(a) as string) : null),
      })
      break
  }
  if ((question.type === 'single_choice' || question.type === 'multiple_choice') && question.other) {
    columns.push({ header: item(question.other.label), width: 40, value: (a) => (a?.other?.trim() ? cellText(a.other) : null) })
  }
  if (question.categories?.length) {
    const label = labelOf(question.categories)
    columns.push({
      header: item('kategorijas'),
      width: 40,
      value: (a) => (a?.codes?.length ? a.codes.map(label).join('; ') : null),
    })
  }
  return columns
}

const STATE_LABELS = { submitted: 'iesniegta', draft: 'melnraksts', missing: 'nav atbildes' } as const

/** A timestamp as a Date Excel shows by Riga's wall clock (Excel dates carry no time zone). */
function rigaWallClock(iso: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Riga',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')))
}

function styleHeader(sheet: ExcelJS.Worksheet, columns: number) {
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = HEADER_FILL
  header.alignment = { vertical: 'top', wrapText: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } }
  sheet.pageSetup.printTitlesRow = '1:1'
}

function answersSheet(workbook: ExcelJS.Workbook, doc: SurveyDocument, results: SurveyResults) {
  const noun = respondentNoun(doc)
  const names = new Map(doc.institutions.map((institution) => [institution.code, institution.name]))
  const responses = new Map<string, DocResponse>((doc.responses ?? []).map((response) => [response.institution, response]))
  const late = new Set(results.late)
  const questions = questionsOf(doc.survey.sections).map(({ question }) => question)
  const answerColumns = questions.flatMap((question) => questionColumns(question).map((column) => ({ question, column })))

  const sheet = workbook.addWorksheet('Atbildes', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const base = [
    { header: 'Kods', width: 18 },
    { header: capitalize(noun.singular.nom), width: 28 },
    { header: 'Statuss', width: 14 },
    { header: 'Iesniegta', width: 18 },
    { header: 'Pēc termiņa', width: 12 },
  ]
  sheet.columns = [...base, ...answerColumns.map(({ column }) => ({ header: cellText(column.header), width: column.width }))]

  for (const code of doc.survey.audience) {
    const response = responses.get(code)
    const submitted = response?.state === 'submitted' ? response : undefined
    const state = response ? response.state : 'missing'
    sheet.addRow([
      code,
      names.get(code) ?? code,
      STATE_LABELS[state],
      submitted?.submittedAt ? rigaWallClock(submitted.submittedAt) : null,
      submitted ? (late.has(code) ? 'jā' : 'nē') : null,
      ...answerColumns.map(({ question, column }) => (submitted ? column.value(submitted.answers[question.id]) : null)),
    ])
  }

  sheet.getColumn(4).numFmt = 'dd.mm.yyyy hh:mm'
  answerColumns.forEach(({ column }, index) => {
    if (column.numeric) sheet.getColumn(base.length + index + 1).numFmt = '# ##0.##'
  })
  sheet.eachRow((row, number) => {
    if (number > 1) row.alignment = { vertical: 'top', wrapText: true }
  })
  sheet.getRow(1).height = 60
  styleHeader(sheet, base.length + answerColumns.length)
}

/** The tallies of one question as rows: label, count, share, institutions. */
function questionTallyRows(question: SurveyQuestion, result: QuestionResult, names: Map<string, string>): Value[][] {
  const who = (codes: readonly string[]) => codes.map((code) => names.get(code) ?? code).join('; ')
  const rows: Value[][] = [['Atbildējuši', result.answered, null, null]]
  const share = (count: number) => (result.answered ? count / result.answered : 0)
  if (result.options) {
    const byId = new Map(result.options.map((option) => [option.id, option]))
    for (const { id, label } of optionLabels(question)) {
      const option = byId.get(id)
      rows.push([cellText(label), option?.count ?? 0, share(option?.count ?? 0), who(option?.institutions ?? [])])
    }
  }
  if (result.other && result.other.length > 0) {
    rows.push([
      cellText(question.other?.label ?? 'Cits'),
      result.other.length,
      share(result.other.length),
      who(result.other.map((entry) => entry.institution)),
    ])
  }
  if (result.categories) {
    const byId = new Map(result.categories.map((category) => [category.id, category]))
    for (const category of question.categories ?? []) {
      const counted = byId.get(category.id)
      rows.push([
        cellText(`Kategorija: ${category.label}`),
        counted?.count ?? 0,
        share(counted?.count ?? 0),
        who(counted?.institutions ?? []),
      ])
    }
  }
  if (question.type === 'number') {
    rows.push(
      ['Summa', result.sum ?? null, null, null],
      ['Vidēji', result.mean ?? null, null, null],
      ['Mediāna', result.median ?? null, null, null],
    )
  }
  if (question.type === 'number_table') {
    const { rows: tableRows, columns, cell, rowTotals, columnTotals, total } = tableTotals(question, result)
    tableRows.forEach((row, index) => {
      for (const column of columns) rows.push([cellText(`${row.label} — ${column.label}`), cell(row.id, column.id), null, null])
      rows.push([cellText(`${row.label} — kopā`), rowTotals[index]!, null, null])
    })
    columns.forEach((column, index) => rows.push([cellText(`Kopā — ${column.label}`), columnTotals[index]!, null, null]))
    rows.push(['Kopā', total, null, null])
  }
  return rows
}

function summarySheet(workbook: ExcelJS.Workbook, doc: SurveyDocument, results: SurveyResults) {
  const noun = respondentNoun(doc)
  const names = new Map(doc.institutions.map((institution) => [institution.code, institution.name]))
  const sheet = workbook.addWorksheet('Kopsavilkums', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = [
    { header: 'Jautājums / atbilde', width: 60 },
    { header: 'Skaits', width: 10 },
    { header: 'Daļa', width: 10 },
    { header: capitalize(noun.plural.nom), width: 60 },
  ]
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true }
  }
  bold(sheet.addRow([cellText(doc.survey.title), null, null, doc.survey.code]))
  sheet.addRow(['Aptaujāti', results.audience, null, null])
  sheet.addRow(['Atbildējuši', results.responded, results.audience ? results.responded / results.audience : 0, null])
  sheet.addRow([
    'Nav atbildējuši',
    results.notResponded.length,
    results.audience ? results.notResponded.length / results.audience : 0,
    results.notResponded.map((code) => names.get(code) ?? code).join('; '),
  ])
  sheet.addRow(['Iesniegts pēc termiņa', results.late.length, null, results.late.map((code) => names.get(code) ?? code).join('; ')])

  const resultsById = new Map(results.questions.map((result) => [result.id, result]))
  for (const { question } of questionsOf(doc.survey.sections)) {
    const result = resultsById.get(question.id) ?? { id: question.id, type: question.type, answered: 0 }
    sheet.addRow([])
    bold(sheet.addRow([cellText(questionTitle(question)), null, null, null]))
    for (const row of questionTallyRows(question, result, names)) sheet.addRow(row)
  }
  sheet.getColumn(3).numFmt = '0%'
  sheet.getColumn(2).numFmt = '# ##0.##'
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true }
  })
  const header = sheet.getRow(1)
  header.fill = HEADER_FILL
  sheet.pageSetup.printTitlesRow = '1:1'
}

/** The workbook: "Atbildes" (one row per institution asked) and "Kopsavilkums" (the tallies). */
export async function buildResponsesXlsx(doc: SurveyDocument, results: SurveyResults): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Rīcības plāna izpildes uzraudzība'
  workbook.title = `${doc.survey.code}: atbildes`
  answersSheet(workbook, doc, results)
  summarySheet(workbook, doc, results)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
