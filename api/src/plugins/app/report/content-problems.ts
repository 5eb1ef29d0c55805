// Clear reasons for the report content the schema refuses. The schema (RichDocSchema inside
// ReportContentSchema) is the sanitiser, but a refused union reports every branch it tried
// ("must be equal to constant; must NOT have additional properties; …"). This walk runs first and
// names the mistakes an editor or a script makes — an unknown node type, a link that is not
// http(s) or mailto, lists nested deeper than three levels, a text or a table beyond the schema's
// limits (a long paste), two sections with one id (the editor keys sections by id) — with the path
// to each, worded as the schema's own errors; whatever else is wrong is left to the schema.
import {
  fieldErrors,
  ErrorCode,
  LINK_HREF_PATTERN,
  MAX_LIST_DEPTH,
  RICH_TABLE_MAX_COLUMNS,
  RICH_TABLE_MAX_ROWS,
  RICH_TEXT_MAX_CHARS,
  type FieldError,
} from '@apt/shared'

const BLOCKS = new Set(['paragraph', 'bulletList', 'orderedList', 'table'])
const INLINES = new Set(['text', 'hardBreak', 'footnote'])
const LISTS = new Set(['bulletList', 'orderedList'])
const HREF = new RegExp(LINK_HREF_PATTERN)
// Far beyond any real document; keeps a hostile body from walking forever.
const MAX_DEPTH = 40

type Node = { type?: unknown; content?: unknown; marks?: unknown; attrs?: unknown; text?: unknown }

const asNodes = (value: unknown): Node[] => (Array.isArray(value) ? (value.filter((n) => n && typeof n === 'object') as Node[]) : [])

function walkInline(nodes: unknown, path: string, problems: FieldError[]) {
  asNodes(nodes).forEach((node, index) => {
    const at = `${path}/${index}`
    if (typeof node.type === 'string' && !INLINES.has(node.type)) {
      problems.push({ path: `${at}/type`, message: `"${node.type}" is not a text element the report knows (text, hardBreak, footnote)` })
    }
    if (node.type === 'text' && typeof node.text === 'string' && node.text.length > RICH_TEXT_MAX_CHARS) {
      problems.push({
        path: `${at}/text`,
        message: `must NOT have more than ${RICH_TEXT_MAX_CHARS} characters (it has ${node.text.length}): split it into paragraphs`,
      })
    }
    asNodes(node.marks).forEach((mark, m) => {
      const href = (mark.attrs as { href?: unknown } | undefined)?.href
      if (mark.type === 'link' && typeof href === 'string' && !HREF.test(href)) {
        problems.push({ path: `${at}/marks/${m}/attrs/href`, message: 'a link must be an http(s) or mailto: address' })
      }
    })
  })
}

function walkBlocks(nodes: unknown, path: string, listDepth: number, problems: FieldError[], depth = 0) {
  if (depth > MAX_DEPTH) return
  asNodes(nodes).forEach((node, index) => {
    const at = `${path}/${index}`
    const type = node.type
    if (typeof type !== 'string') return
    if (type === 'paragraph') return walkInline(node.content, `${at}/content`, problems)
    if (LISTS.has(type)) {
      if (listDepth + 1 > MAX_LIST_DEPTH) {
        problems.push({ path: at, message: `lists nest at most ${MAX_LIST_DEPTH} levels deep` })
        return
      }
      // A list's items hold paragraphs and lists one level deeper.
      asNodes(node.content).forEach((item, i) => walkBlocks(item.content, `${at}/content/${i}/content`, listDepth + 1, problems, depth + 2))
      return
    }
    if (type === 'table') {
      const rows = asNodes(node.content)
      if (rows.length > RICH_TABLE_MAX_ROWS) {
        problems.push({
          path: `${at}/content`,
          message: `must NOT have more than ${RICH_TABLE_MAX_ROWS} items (rows; it has ${rows.length})`,
        })
      }
      // The first row too wide stands for the table (a pasted table is usually wide in every row).
      const wide = rows.findIndex((row) => asNodes(row.content).length > RICH_TABLE_MAX_COLUMNS)
      if (wide !== -1) {
        problems.push({
          path: `${at}/content/${wide}/content`,
          message: `must NOT have more than ${RICH_TABLE_MAX_COLUMNS} items (cells in a row; it has ${asNodes(rows[wide]!.content).length})`,
        })
      }
      rows.forEach((row, r) =>
        asNodes(row.content).forEach((cell, c) =>
          walkBlocks(cell.content, `${at}/content/${r}/content/${c}/content`, listDepth, problems, depth + 3),
        ),
      )
      return
    }
    if (!BLOCKS.has(type)) {
      problems.push({
        path: `${at}/type`,
        message: `"${type}" is not a block the report knows (paragraph, bulletList, orderedList, table)`,
      })
    }
  })
}

function walkDoc(doc: unknown, path: string, problems: FieldError[]) {
  if (doc && typeof doc === 'object') walkBlocks((doc as Node).content, `${path}/content`, 0, problems)
}

/** Each text section whose id an earlier section already has. */
function walkIds(outline: unknown, problems: FieldError[]) {
  const first = new Map<string, number>()
  asNodes(outline).forEach((entry, index) => {
    const id = (entry as { kind?: unknown; id?: unknown }).id
    if ((entry as { kind?: unknown }).kind !== 'text' || typeof id !== 'string') return
    const earlier = first.get(id)
    if (earlier === undefined) first.set(id, index)
    else
      problems.push({
        path: `/content/outline/${index}/id`,
        message: `"${id}" is already the id of the section at /content/outline/${earlier}`,
      })
  })
}

/**
 * Throws a 400 naming each unknown node, unsafe link, too deep list and repeated section id in a
 * PUT /report body; returns quietly otherwise (the schema checks the rest).
 */
export function assertReportContentReadable(body: unknown): void {
  const content = (body as { content?: unknown } | null)?.content
  if (!content || typeof content !== 'object') return
  const { outline, actionLines, financing } = content as { outline?: unknown; actionLines?: unknown; financing?: unknown }
  const problems: FieldError[] = []
  walkIds(outline, problems)
  asNodes(outline).forEach((entry, index) => walkDoc((entry as { body?: unknown }).body, `/content/outline/${index}/body`, problems))
  if (actionLines && typeof actionLines === 'object') {
    for (const [line, doc] of Object.entries(actionLines)) walkDoc(doc, `/content/actionLines/${line}`, problems)
  }
  walkDoc(financing, '/content/financing', problems)
  if (problems.length > 0) throw fieldErrors(ErrorCode.validationFailed, problems)
}
