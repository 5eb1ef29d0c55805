// A DOCX's body as paragraphs and tables, read with a zip library and an XML DOM parser (never
// patterns over XML text). A table comes out on its grid: each row's cells with the grid column
// they start at and how many they span (w:gridSpan, w:gridBefore), and a vertically merged cell
// (w:vMerge without "restart") carrying the text of the cell it continues. A cell's text is its
// paragraphs joined by "\n"; runs give w:t, w:tab, w:br; deleted text (tracked changes), field
// codes and footnote references are left out (the references are counted on the cell).
import { DOMParser, type Element, type Node } from '@xmldom/xmldom'
import { openZip, unreadableFile } from './zip.js'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

export interface DocxCell {
  /** Paragraphs joined by "\n", each trimmed (spaces inside kept as written); empty paragraphs dropped. */
  text: string
  /** The first grid column this cell covers (0-based). */
  col: number
  span: number
  /** Continues the cell above it (w:vMerge): its text is that cell's. */
  continued: boolean
  /** Footnote and endnote references in the cell, dropped from its text. */
  footnotes: number
}

export interface DocxRow {
  cells: DocxCell[]
  /** The row repeats as a header on each page (w:tblHeader). */
  header: boolean
}

export interface DocxTable {
  rows: DocxRow[]
  /** Grid columns (w:tblGrid, or the widest row). */
  columns: number
}

export type DocxBlock = { kind: 'paragraph'; text: string; style: string | null } | { kind: 'table'; table: DocxTable }

const isW = (node: Node | null, name: string): node is Element =>
  !!node && node.nodeType === 1 && (node as Element).namespaceURI === W && (node as Element).localName === name

const children = (node: Node): Element[] => {
  const out: Element[] = []
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element)
  return out
}

const child = (node: Node, name: string) => children(node).find((c) => isW(c, name))
const wAttr = (el: Element | undefined, name: string) => el?.getAttributeNS(W, name) ?? el?.getAttribute(`w:${name}`) ?? null

/**
 * Children as the document means them: content controls (w:sdt), custom XML and tracked
 * insertions wrap paragraphs, rows and cells without being one; they are looked through.
 */
function contentChildren(node: Node): Element[] {
  const out: Element[] = []
  for (const c of children(node)) {
    if (isW(c, 'sdt')) {
      const content = child(c, 'sdtContent')
      if (content) out.push(...contentChildren(content))
    } else if (isW(c, 'customXml') || isW(c, 'ins') || isW(c, 'smartTag')) out.push(...contentChildren(c))
    else out.push(c)
  }
  return out
}

/** A paragraph's text and its footnote references. */
function paragraphText(p: Element): { text: string; footnotes: number } {
  let text = ''
  let footnotes = 0
  const walk = (node: Node) => {
    for (const c of children(node)) {
      if (c.namespaceURI !== W) continue
      switch (c.localName) {
        case 't':
          text += c.textContent ?? ''
          break
        case 'tab':
          // w:tab in a run is a tab character; in w:tabs (paragraph properties) it is a tab stop.
          if (isW(c.parentNode, 'r')) text += '\t'
          break
        case 'br':
        case 'cr':
          text += '\n'
          break
        case 'noBreakHyphen':
          text += '-'
          break
        case 'footnoteReference':
        case 'endnoteReference':
          footnotes++
          break
        case 'del':
        case 'moveFrom':
        case 'instrText':
        case 'delText':
        case 'pPr':
        case 'rPr':
        case 'footnote':
          break
        default:
          walk(c)
      }
    }
  }
  walk(p)
  return { text, footnotes }
}

const tidy = (paragraphs: string[]) =>
  paragraphs
    .flatMap((p) => p.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n')

function cellContent(tc: Element): { text: string; footnotes: number } {
  const paragraphs: string[] = []
  let footnotes = 0
  const take = (node: Element) => {
    for (const c of contentChildren(node)) {
      if (isW(c, 'p')) {
        const p = paragraphText(c)
        paragraphs.push(p.text)
        footnotes += p.footnotes
      } else if (isW(c, 'tbl')) {
        // A table inside a cell: its cells' text, row by row.
        for (const tr of contentChildren(c).filter((r) => isW(r, 'tr')))
          for (const inner of contentChildren(tr).filter((x) => isW(x, 'tc'))) take(inner)
      }
    }
  }
  take(tc)
  return { text: tidy(paragraphs), footnotes }
}

function readTable(tbl: Element): DocxTable {
  const grid = child(tbl, 'tblGrid')
  const gridColumns = grid ? children(grid).filter((c) => isW(c, 'gridCol')).length : 0
  const rows: DocxRow[] = []
  // The cell that started each grid column's vertical merge, by grid column.
  const above = new Map<number, DocxCell>()
  for (const tr of contentChildren(tbl).filter((r) => isW(r, 'tr'))) {
    const trPr = child(tr, 'trPr')
    let col = Number(wAttr(trPr && child(trPr, 'gridBefore'), 'val') ?? 0) || 0
    const header = !!trPr && !!child(trPr, 'tblHeader') && wAttr(child(trPr, 'tblHeader'), 'val') !== '0'
    const cells: DocxCell[] = []
    for (const tc of contentChildren(tr).filter((c) => isW(c, 'tc'))) {
      const tcPr = child(tc, 'tcPr')
      const span = Math.max(1, Number(wAttr(tcPr && child(tcPr, 'gridSpan'), 'val') ?? 1) || 1)
      const vMerge = tcPr && child(tcPr, 'vMerge')
      const continues = !!vMerge && wAttr(vMerge, 'val') !== 'restart'
      const own = cellContent(tc)
      const start = above.get(col)
      const cell: DocxCell =
        continues && start
          ? { text: start.text, col, span, continued: true, footnotes: 0 }
          : { text: own.text, col, span, continued: false, footnotes: own.footnotes }
      if (!continues) above.set(col, cell)
      cells.push(cell)
      col += span
    }
    rows.push({ cells, header })
  }
  const widest = Math.max(0, ...rows.map((r) => r.cells.reduce((n, c) => Math.max(n, c.col + c.span), 0)))
  return { rows, columns: Math.max(gridColumns, widest) }
}

function blocksOf(body: Element): DocxBlock[] {
  const blocks: DocxBlock[] = []
  for (const c of contentChildren(body)) {
    if (isW(c, 'p')) {
      const pPr = child(c, 'pPr')
      blocks.push({ kind: 'paragraph', text: tidy([paragraphText(c).text]), style: wAttr(pPr && child(pPr, 'pStyle'), 'val') })
    } else if (isW(c, 'tbl')) blocks.push({ kind: 'table', table: readTable(c) })
  }
  return blocks
}

const notWord = () =>
  unreadableFile(
    'The file is a zip archive but not a Word document (no word/document.xml)',
    'Fails nav Word dokuments (.docx): tajā nav dokumenta satura. Saglabājiet to Word formātā .docx.',
  )

/** The main document part's name, from [Content_Types].xml or the usual place. */
function mainPart(entries: Map<string, Uint8Array>, parser: DOMParser): string {
  const types = entries.get('[Content_Types].xml')
  if (types) {
    const doc = parser.parseFromString(new TextDecoder().decode(types), 'text/xml')
    const overrides = doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/package/2006/content-types', 'Override')
    for (let i = 0; i < overrides.length; i++) {
      const o = overrides.item(i)!
      if (
        /wordprocessingml\.document\.main\+xml$|ms-word\.(document|template)\.macroEnabled(\.main)?\+xml$/.test(
          o.getAttribute('ContentType') ?? '',
        )
      )
        return (o.getAttribute('PartName') ?? '').replace(/^\//, '')
    }
  }
  return 'word/document.xml'
}

/** The body of a .docx as paragraphs and tables, in document order. 415/413/422 as `openZip`. */
export async function readDocxBlocks(bytes: Uint8Array): Promise<DocxBlock[]> {
  const entries = await openZip(bytes, {
    expected: 'a .docx file',
    include: (name) => name === '[Content_Types].xml' || /^word\/[^/]+\.xml$/.test(name),
  })
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message)
    },
  })
  try {
    const part = mainPart(entries, parser)
    const xml = entries.get(part)
    if (!xml) throw notWord()
    const doc = parser.parseFromString(new TextDecoder().decode(xml), 'text/xml')
    const root = doc.documentElement
    const body = root && child(root, 'body')
    if (!isW(root, 'document') || !body) throw notWord()
    return blocksOf(body)
  } catch (error) {
    if ((error as { code?: string }).code) throw error
    throw unreadableFile(
      `The Word document's XML cannot be read (${(error as Error).message})`,
      'Word dokumenta saturu nevar nolasīt: fails ir bojāts. Atveriet to Word un saglabājiet vēlreiz.',
    )
  }
}
