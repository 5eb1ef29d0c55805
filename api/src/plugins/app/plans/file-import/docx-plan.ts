// The Cabinet order's annex (DOCX) as a plan: the plan table(s) are found by their header text,
// columns mapped by their wording in whatever order the table has them, action-line rows (merged
// across the table, or only their first cells filled) told from measure rows, and every cell kept
// as written — deadlines and budgets with what can be read from them besides. Institutions stay
// as the table writes them; the import matches them. What cannot be read is a problem on its row
// (the table's row as Word shows it, header rows counted, counting on across tables), never a crash.
import { AppError, type DocActionLine, type DocMeasure, ErrorCode, type ImportProblem, PLAN_FORMAT, type PlanDocument } from '@apt/shared'
import { type DocxBlock, type DocxCell, type DocxRow, type DocxTable, readDocxBlocks } from './docx-tables.js'
import { importProblem, type ParsedPlan } from './parsed-plan.js'
import { readBudget, readDeadline } from './wordings.js'

export type PlanColumn = 'number' | 'title' | 'expectedResult' | 'indicator' | 'responsible' | 'involved' | 'deadline' | 'budget'

/** The format's field each column fills, for problems. */
const FIELD_OF: Record<PlanColumn, string> = {
  number: 'number',
  title: 'title',
  expectedResult: 'expectedResult',
  indicator: 'indicator',
  responsible: 'responsible',
  involved: 'involved',
  deadline: 'deadline',
  budget: 'budget',
}

/** Lower case, no diacritics, punctuation as spaces. */
const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/**
 * Header wordings, folded, tried in this order (so "Līdzatbildīgās" is not taken for
 * "Atbildīgā", nor "Rezultatīvais rādītājs" for a result).
 */
const HEADERS: [PlanColumn, (folded: string) => boolean][] = [
  ['number', (h) => /^(nr|n)(pk)?$|^numurs$|^kartas ?nr$/.test(h.replace(/ /g, ''))],
  ['involved', (h) => /^(lidzatbildig|iesaistit|lidzizpilditaj|sadarbibas (partner|institucij|iestad))/.test(h)],
  ['responsible', (h) => /^(atbildig|izpilditaj|vadosa institucija)/.test(h)],
  ['indicator', (h) => /^rezultativ/.test(h)],
  ['expectedResult', (h) => /^(darbibas rezultat|sasniedzam\w* rezultat|planot\w* rezultat|sagaidam\w* rezultat|rezultats?$)/.test(h)],
  ['deadline', (h) => /^(izpildes termin|termin|izpildes laiks|izpildes gad)/.test(h)],
  ['budget', (h) => /^(finansejum|nepieciesam\w* finansejum|budzet|ietekme uz budzet|finansejuma avot|nepieciesamie lidzekli)/.test(h)],
  ['title', (h) => /^(pasakum|uzdevum|veicam\w* pasakum|darbib(a|as)$)/.test(h)],
]

const columnOf = (text: string): PlanColumn | undefined => {
  const h = fold(text.split('\n')[0] ?? '')
  return h ? HEADERS.find(([, test]) => test(h))?.[0] : undefined
}

interface ColumnMap {
  /** Grid columns of each field, with the header as written and any sub-header per grid column. */
  cols: Map<PlanColumn, { grid: number[]; header: string; sub: Map<number, string> }>
  /** Rows (0-based, in the table) that are header rows. */
  headerRows: number
}

/** A row of only numbers ("1 2 3 4 …"), the column numbering under a header. */
const isNumberingRow = (row: DocxRow) => {
  const texts = row.cells.filter((c) => c.text).map((c) => c.text.trim())
  return texts.length >= 2 && texts.every((t) => /^(\d{1,2}|[ivx]{1,4})\.?$/i.test(t))
}

/** Finds the header among a table's first rows: the row naming a measure's title and at least two more columns. */
function headerOf(table: DocxTable): ColumnMap | undefined {
  for (let r = 0; r < Math.min(table.rows.length, 6); r++) {
    const row = table.rows[r]!
    const cols: ColumnMap['cols'] = new Map()
    for (const cell of row.cells) {
      const field = columnOf(cell.text)
      if (!field || cell.continued) continue
      const grid = Array.from({ length: cell.span }, (_, i) => cell.col + i)
      const known = cols.get(field)
      if (known) known.grid.push(...grid)
      else cols.set(field, { grid, header: cell.text.replace(/\n/g, ' '), sub: new Map() })
    }
    if (!cols.has('title') || cols.size < 3) continue
    let headerRows = r + 1
    // A second header row: the sub-headings of a column spanning several (e.g. years under "Finansējums").
    const next = table.rows[headerRows]
    const spanning = row.cells.filter((c) => c.span > 1 && columnOf(c.text))
    if (next && spanning.length && !isNumberingRow(next)) {
      const under = next.cells.filter((c) => c.text && !c.continued)
      const allUnder = under.every((c) => spanning.some((s) => c.col >= s.col && c.col < s.col + s.span))
      if (under.length && allUnder) {
        for (const c of under) for (const entry of cols.values()) if (entry.grid.includes(c.col)) entry.sub.set(c.col, c.text)
        headerRows++
      }
    }
    // The column numbering ("1 2 3 …") under the header.
    if (table.rows[headerRows] && isNumberingRow(table.rows[headerRows]!)) headerRows++
    return { cols, headerRows }
  }
  return undefined
}

/** A field's text in a row: the cells starting in its grid columns, each once, joined by lines. */
function valueOf(row: DocxRow, map: ColumnMap, field: PlanColumn): { text: string; continued: boolean } {
  const entry = map.cols.get(field)
  if (!entry) return { text: '', continued: false }
  const cells = row.cells.filter((c) => entry.grid.some((g) => g >= c.col && g < c.col + c.span))
  const texts = cells
    .filter((c) => c.text)
    .map((c) => {
      const sub = entry.sub.get(c.col)
      return sub && cells.length > 1 ? `${sub}: ${c.text}` : c.text
    })
  return { text: [...new Set(texts)].join('\n'), continued: cells.length > 0 && cells.every((c) => c.continued) }
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10, XI: 11, XII: 12 }

/** "1. Rīcības virziens: Primārā prevencija", "1. Primārā prevencija", "II Sekundārā prevencija". */
function parseLineHeading(text: string): { number: string | null; title: string; goal: string | null } {
  const [first = '', ...rest] = text.split('\n')
  let number: string | null = null
  let title = first.trim()
  const lead = /^(\d{1,2}|[IVX]{1,4})(?:\.|\s|$)\s*/u.exec(title)
  if (lead && (/^\d/.test(lead[1]!) || ROMAN[lead[1]!])) {
    number = /^\d/.test(lead[1]!) ? String(Number(lead[1])) : String(ROMAN[lead[1]!])
    title = title.slice(lead[0].length)
  }
  const named = /^r[īi]c[īi]bas\s+virziens\s*(?:nr\.?\s*)?(\d{1,2}|[IVX]{1,4})?\.?\s*[:.–—-]?\s*/iu.exec(title)
  if (named) {
    if (!number && named[1]) number = /^\d/.test(named[1]) ? String(Number(named[1])) : String(ROMAN[named[1].toUpperCase()] ?? named[1])
    title = title.slice(named[0].length)
  }
  const more = [...rest]
  if (!title && more.length) title = more.shift()!.trim()
  const goal = more
    .map((p) => p.replace(/^(r[īi]c[īi]bas\s+virziena\s+)?m[ēe]r[ķk]is\s*[:.–—-]?\s*/iu, '').trim())
    .filter(Boolean)
    .join('\n')
  return { number, title, goal: goal || null }
}

/** "1.1." → "1.1"; anything else as written, trimmed. */
const measureNumber = (text: string) => {
  const first = (text.split('\n')[0] ?? '').trim()
  const dotted = /^(\d+(?:\s*\.\s*\d+)*)\s*\.?$/.exec(first)
  return dotted ? dotted[1]!.replace(/\s+/g, '') : first
}

/** The plan's facts in the paragraphs before the table: its title, period, approving act. */
function headingFacts(paragraphs: string[]) {
  const lines = paragraphs.flatMap((p) => p.split('\n')).filter(Boolean)
  let title = ''
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!
    if (/\bpl[āa]n(s|u|a|am|ā)?\b/iu.test(line) && !/^pielikums/iu.test(line) && line.length > 10) {
      title = line
      // "… plāns" with its years on the next line ("2023.–2024. gadam").
      const after = lines[i + 1]
      if (after && /^\d{4}\.?\s*([–—-]\s*\d{4}\.?)?\s*gad/iu.test(after)) title = `${title} ${after}`
      break
    }
  }
  // The approving act: "Ministru kabineta / 2023. gada 22. marta / rīkojumam Nr. 156" → "… rīkojums Nr. 156".
  const joined = lines.join(' ')
  const act = /(Ministru kabineta\s+\d{4}\.\s*gada\s+\d{1,2}\.\s*\p{L}+\s+r[īi]kojum\p{L}*\s+Nr\.\s*\d+)/iu.exec(joined)
  const approvedBy = act ? act[1]!.replace(/r[īi]kojum\p{L}*/iu, 'rīkojums').replace(/\s+/g, ' ') : null
  const years = /(\d{4})\.?\s*[–—-]\s*(\d{4})/.exec(title) ?? /(\d{4})\.?\s*gad/.exec(title)
  const start = years ? Number(years[1]) : null
  const end = years ? Number(years[2] ?? years[1]) : null
  const period = start && end && end >= start ? { start: `${start}-01-01`, end: `${end}-12-31` } : null
  return { title, approvedBy, period }
}

const SMALL_WORDS = new Set([
  'un',
  'pret',
  'par',
  'ar',
  'no',
  'uz',
  'pie',
  'lai',
  'kā',
  'ka',
  'plāns',
  'plāna',
  'gadam',
  'gads',
  'gadiem',
  'līdz',
])

/** A plan code from its title: the initials of its words and its years ("BNNBANN-2023-2024"). */
export function codeFromTitle(title: string, period: { start: string; end: string } | null): string {
  const words = title
    .replace(/\d{4}\.?\s*[–—-]?\s*/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1 && !SMALL_WORDS.has(w.toLowerCase()))
  const initials = words
    .map((w) => w[0]!)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .slice(0, 12)
  const years = period ? `${period.start.slice(0, 4)}-${period.end.slice(0, 4)}` : ''
  return [initials || 'PLANS', years].filter(Boolean).join('-')
}

const problem = importProblem

const noTable = (text: string) =>
  new AppError(ErrorCode.importProblems, 'No plan table found in the document', {
    problems: [problem(null, null, null, text, 'error')],
    unknownInstitutions: [],
  })

/** Reads the plan out of a DOCX body. Throws 422 IMPORT_PROBLEMS when there is no plan table at all. */
export function planFromBlocks(blocks: DocxBlock[]): ParsedPlan {
  const tables = blocks.flatMap((b, i) => (b.kind === 'table' ? [{ table: b.table, at: i }] : []))
  if (!tables.length)
    throw noTable(
      'Dokumentā nav atrasta plāna tabula: dokumentā nav nevienas tabulas. Augšupielādējiet rīkojuma pielikumu ar pasākumu tabulu.',
    )

  const problems: ImportProblem[] = []
  const institutionRows = new Map<string, number[]>()
  const rowsByPath = new Map<string, number>()
  const columns: Partial<Record<string, string>> = {}
  const lines: DocActionLine[] = []
  const lineRows: number[] = []
  let firstTableAt = -1
  let offset = 0
  let current: { map: ColumnMap; columns: number } | undefined

  const noteInstitution = (text: string, row: number) => {
    const rows = institutionRows.get(text) ?? []
    if (!rows.includes(row)) rows.push(row)
    institutionRows.set(text, rows)
  }

  for (const { table, at } of tables) {
    const header = headerOf(table)
    // A table without a header right after a plan table, with as many columns, continues it.
    const continues = !header && current && table.columns === current.columns
    if (!header && !continues) continue
    if (header) {
      current = { map: header, columns: table.columns }
      for (const [field, entry] of header.cols) columns[FIELD_OF[field]] ??= entry.header
      if (firstTableAt < 0) firstTableAt = at
      if (!header.cols.has('responsible'))
        problems.push(problem(offset + 1, null, 'responsible', 'tabulā nav kolonnas „Atbildīgā institūcija”', 'error'))
    }
    const map = current!.map
    const headerText = (field: PlanColumn) => map.cols.get(field)?.header ?? null
    const start = header ? header.headerRows : 0

    for (let r = start; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const rowNo = offset + r + 1
      const own = row.cells.filter((c) => c.text && !c.continued)
      if (!own.length || isNumberingRow(row)) continue
      const title = valueOf(row, map, 'title')
      const number = valueOf(row, map, 'number')

      if (isActionLineRow(row, own, title, number, table.columns, map)) {
        const text = [...new Set(own.map((c: DocxCell) => c.text))].join('\n')
        const heading = parseLineHeading(text)
        if (!heading.title) {
          problems.push(problem(rowNo, null, 'actionLine.title', 'rīcības virziena rindā nav nosaukuma', 'error'))
          continue
        }
        lines.push({ number: heading.number ?? String(lines.length + 1), title: heading.title, goal: heading.goal, measures: [] })
        lineRows.push(rowNo)
        rowsByPath.set(`/plan/actionLines/${lines.length - 1}`, rowNo)
        continue
      }

      // A measure spread over several rows (its number and title merged down): the row adds to it.
      const previous = lines.at(-1)?.measures.at(-1)
      if (previous && number.continued && (title.continued || !title.text)) {
        appendRow(previous, row, map)
        continue
      }

      if (!lines.length) {
        lines.push({ number: '1', title: 'Pasākumi', goal: null, measures: [] })
        lineRows.push(rowNo)
        rowsByPath.set('/plan/actionLines/0', rowNo)
        problems.push(
          problem(
            rowNo,
            null,
            'actionLine',
            'pirms pirmā pasākuma nav rīcības virziena rindas; pasākumi ievietoti rīcības virzienā „Pasākumi”',
            'warning',
          ),
        )
      }
      const line = lines.at(-1)!
      let measureNo = number.text ? measureNumber(number.text) : ''
      if (!measureNo) {
        measureNo = `${line.number}.${line.measures.length + 1}`
        if (map.cols.has('number'))
          problems.push(problem(rowNo, headerText('number'), 'number', `pasākumam nav numura; piešķirts ${measureNo}`, 'warning'))
      } else if (measureNo.length > 20) {
        problems.push(problem(rowNo, headerText('number'), 'number', `numurs „${measureNo.slice(0, 30)}” ir garāks par 20 zīmēm`, 'error'))
      }
      if (!title.text) problems.push(problem(rowNo, headerText('title'), 'title', 'nav pasākuma nosaukuma', 'error'))

      const responsible = valueOf(row, map, 'responsible').text
      const involved = valueOf(row, map, 'involved').text
      if (!responsible && map.cols.has('responsible'))
        problems.push(problem(rowNo, headerText('responsible'), 'responsible', 'nav norādīta atbildīgā institūcija', 'error'))
      if (responsible) noteInstitution(responsible, rowNo)
      if (involved) noteInstitution(involved, rowNo)

      const deadlineText = valueOf(row, map, 'deadline').text
      let deadline: DocMeasure['deadline'] = null
      if (deadlineText) {
        const reading = readDeadline(deadlineText)
        deadline = { text: deadlineText.slice(0, 500), due: reading.due }
        if (reading.warning)
          problems.push(problem(rowNo, headerText('deadline'), 'deadline.due', `„${deadlineText}”: ${reading.warning}`, 'warning'))
        if (deadlineText.length > 500)
          problems.push(problem(rowNo, headerText('deadline'), 'deadline.text', 'termiņa teksts ir garāks par 500 zīmēm', 'error'))
      }

      const budgetText = valueOf(row, map, 'budget').text
      let budget: DocMeasure['budget'] = null
      if (budgetText) {
        const reading = readBudget(budgetText)
        budget = { text: budgetText, lines: reading.lines }
        if (reading.warning) problems.push(problem(rowNo, headerText('budget'), 'budget.lines', reading.warning, 'warning'))
      }

      line.measures.push({
        number: measureNo,
        sourceRef: null,
        title: title.text,
        responsible: responsible ? [responsible] : [],
        involved: involved ? [involved] : [],
        deadline,
        budget,
        expectedResult: valueOf(row, map, 'expectedResult').text || null,
        indicator: valueOf(row, map, 'indicator').text || null,
        status: 'pending',
        assessment: null,
        progress: [],
      })
      rowsByPath.set(`/plan/actionLines/${lines.length - 1}/measures/${line.measures.length - 1}`, rowNo)
    }
    offset += table.rows.length
  }

  if (!current)
    throw noTable(
      'Dokumentā nav atrasta plāna tabula: nevienai tabulai nav galvenes ar kolonnām „Pasākums”, „Atbildīgā institūcija” un „Izpildes termiņš” (vai to variantiem).',
    )
  if (!lines.some((l) => l.measures.length)) problems.push(problem(null, null, 'measures', 'plāna tabulā nav neviena pasākuma', 'error'))

  const before = blocks.slice(0, Math.max(firstTableAt, 0)).flatMap((b) => (b.kind === 'paragraph' && b.text ? [b.text] : []))
  const facts = headingFacts(before)
  const document: PlanDocument = {
    format: PLAN_FORMAT,
    institutions: [],
    plan: {
      code: facts.title ? codeFromTitle(facts.title, facts.period) : '',
      title: facts.title,
      period: facts.period ?? { start: '', end: '' },
      approvedBy: facts.approvedBy,
      coordinator: '',
      reportDue: null,
      policyFramework: null,
      goal: null,
      actionLines: lines,
    },
  }
  return { document, problems, institutionRows, rows: rowsByPath, columns }
}

/**
 * An action-line row: one cell merged across most of the table, or text only in its first cells
 * while the measure's title column is empty, or a cell that says "Rīcības virziens".
 */
function isActionLineRow(
  row: DocxRow,
  own: DocxCell[],
  title: { text: string; continued: boolean },
  number: { text: string },
  columns: number,
  map: ColumnMap,
): boolean {
  const wide = own.some((c) => c.span >= Math.max(2, Math.ceil(columns / 2)))
  if (wide && own.length <= 2) return true
  if (/^(\d{1,2}\.?\s*)?r[īi]c[īi]bas\s+virziens/iu.test(own[0]!.text)) return true
  const lastOwn = Math.max(...own.map((c) => c.col + c.span))
  const onlyFirstCells = lastOwn <= Math.min(2, columns - 1) && row.cells.length > 2
  if (onlyFirstCells && !title.text) return true
  // Only a whole number ("1.", "II") and a title, nothing else: a heading, not a measure.
  const heading = new Set([...(map.cols.get('number')?.grid ?? []), ...(map.cols.get('title')?.grid ?? [])])
  if (/^(\d{1,2}|[IVX]{1,4})\.?$/u.test(number.text.trim()) && own.every((c) => heading.has(c.col))) return true
  // The title column filled but no number and nothing else: a heading such as "II Sekundārā prevencija".
  return own.length === 1 && !number.text && /^(\d{1,2}\.|[IVX]{1,4}\.?)\s+\S/u.test(own[0]!.text) && !/^\d+\.\d/.test(own[0]!.text)
}

/** A continuation row of a measure: its own (not merged) cells add to the measure's fields. */
function appendRow(measure: DocMeasure, row: DocxRow, map: ColumnMap) {
  const add = (current: string | null | undefined, field: PlanColumn) => {
    const v = valueOf(row, map, field)
    if (!v.text || v.continued) return current ?? null
    return current ? `${current}\n${v.text}` : v.text
  }
  measure.expectedResult = add(measure.expectedResult, 'expectedResult')
  measure.indicator = add(measure.indicator, 'indicator')
}

/** A DOCX's plan: the zip, the body, the table. 415/413/422 as the zip and XML readers answer. */
export async function readDocxPlan(bytes: Uint8Array): Promise<ParsedPlan> {
  return planFromBlocks(await readDocxBlocks(bytes))
}
