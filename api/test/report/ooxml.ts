// Test helpers for reading back Office Open XML files: unzip, a strict-enough XML
// well-formedness check, and paragraph/table text extraction from word/document.xml.
// Hand-written so the tests need no XML parser dependency; Word's XML is regular enough.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { strFromU8, unzipSync } from 'fflate'
import type { PlanDocument } from '@apt/shared'

export function loadDemoPlan(): PlanDocument {
  const path = fileURLToPath(new URL('../../demo/plan-2023-2024.json', import.meta.url))
  return JSON.parse(readFileSync(path, 'utf8')) as PlanDocument
}

export function unzip(buffer: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(buffer)
}

export function text(files: Record<string, Uint8Array>, name: string): string {
  const file = files[name]
  if (!file) throw new Error(`${name} missing from the package`)
  return strFromU8(file)
}

const ENTITY = /^&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/

function checkCharacterData(data: string, where: number): void {
  if (INVALID_XML_CHAR.test(data)) throw new Error(`character not allowed in XML 1.0 near offset ${where}`)
  for (let i = data.indexOf('&'); i !== -1; i = data.indexOf('&', i + 1)) {
    if (!ENTITY.test(data.slice(i, i + 12))) throw new Error(`bad entity reference near offset ${where + i}`)
  }
}

/**
 * Throws unless `xml` is a well-formed XML document: one root element, tags balanced and properly
 * nested, attributes quoted and unique, entity references valid, no characters XML 1.0 forbids.
 */
export function assertWellFormed(xml: string): void {
  const stack: string[] = []
  let roots = 0
  let i = 0
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const textEnd = lt === -1 ? xml.length : lt
    const data = xml.slice(i, textEnd)
    if (data.includes('>') && /\]\]>/.test(data)) throw new Error(`"]]>" in text near offset ${i}`)
    checkCharacterData(data, i)
    if (stack.length === 0 && data.trim() !== '') throw new Error(`text outside the root element near offset ${i}`)
    if (lt === -1) break
    const rest = xml.slice(lt, lt + 9)
    if (rest.startsWith('<?')) {
      const end = xml.indexOf('?>', lt)
      if (end === -1) throw new Error('unterminated processing instruction')
      i = end + 2
    } else if (rest.startsWith('<!--')) {
      const end = xml.indexOf('-->', lt)
      if (end === -1) throw new Error('unterminated comment')
      i = end + 3
    } else if (rest.startsWith('<![CDATA[')) {
      if (stack.length === 0) throw new Error('CDATA outside the root element')
      const end = xml.indexOf(']]>', lt)
      if (end === -1) throw new Error('unterminated CDATA section')
      i = end + 3
    } else if (rest.startsWith('</')) {
      const match = /^<\/([^\s>]+)\s*>/.exec(xml.slice(lt, lt + 300))
      if (!match) throw new Error(`malformed end tag near offset ${lt}`)
      const open = stack.pop()
      if (open !== match[1]) throw new Error(`</${match[1]}> closes <${open ?? '(nothing)'}> near offset ${lt}`)
      i = lt + match[0].length
    } else {
      let j = lt + 1
      const name = NAME.exec(xml.slice(j, j + 200))
      if (!name) throw new Error(`malformed start tag near offset ${lt}`)
      j += name[0].length
      const attributes = new Set<string>()
      for (;;) {
        const space = /^\s*/.exec(xml.slice(j, j + 100))![0]
        j += space.length
        if (xml.startsWith('/>', j) || xml[j] === '>') break
        if (space === '') throw new Error(`attributes must be separated by white space near offset ${j}`)
        const attribute = NAME.exec(xml.slice(j, j + 200))
        if (!attribute) throw new Error(`malformed attribute near offset ${j}`)
        if (attributes.has(attribute[0])) throw new Error(`duplicate attribute ${attribute[0]} near offset ${j}`)
        attributes.add(attribute[0])
        j += attribute[0].length
        const eq = /^\s*=\s*/.exec(xml.slice(j, j + 50))
        if (!eq) throw new Error(`attribute without value near offset ${j}`)
        j += eq[0].length
        const quote = xml[j]
        if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute value near offset ${j}`)
        const close = xml.indexOf(quote, j + 1)
        if (close === -1) throw new Error('unterminated attribute value')
        const value = xml.slice(j + 1, close)
        if (value.includes('<')) throw new Error(`"<" in attribute value near offset ${j}`)
        checkCharacterData(value, j + 1)
        j = close + 1
      }
      const selfClosing = xml.startsWith('/>', j)
      if (stack.length === 0) roots += 1
      if (roots > 1) throw new Error(`second root element near offset ${lt}`)
      if (!selfClosing) stack.push(name[0])
      i = j + (selfClosing ? 2 : 1)
    }
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1]}>`)
  if (roots !== 1) throw new Error('no root element')
}

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
}

export interface WordParagraph {
  /** The paragraph style id, e.g. "Heading1"; null for Normal. */
  style: string | null
  /** The paragraph's text: its w:t runs joined (runs may be split anywhere), w:tab as "\t". */
  text: string
  xml: string
}

// Paragraphs do not nest in what docx writes (no text boxes), so a lazy match finds each one.
const PARAGRAPH = /<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g

export function paragraphsOf(xml: string): WordParagraph[] {
  return [...xml.matchAll(PARAGRAPH)].map((match) => {
    const body = match[1] ?? ''
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((token) => (token[1] === undefined ? '\t' : decode(token[1])))
      .join('')
    return { style, text, xml: match[0] }
  })
}

export interface WordTable {
  xml: string
  /** Rows of cells; a cell's text is its paragraphs joined with "\n". */
  rows: { xml: string; cells: string[] }[]
}

export function tablesOf(xml: string): WordTable[] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) => ({
    xml: table[0],
    rows: [...table[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((row) => ({
      xml: row[0],
      cells: [...row[1].matchAll(/<w:tc(?:\s[^>]*)?>([\s\S]*?)<\/w:tc>/g)].map((cell) =>
        paragraphsOf(cell[1])
          .map((p) => p.text)
          .join('\n'),
      ),
    })),
  }))
}

/** Text with no-break spaces shown as plain ones, for comparing with literals in tests. */
export function plain(value: string): string {
  return value.replace(/\u00A0/g, ' ')
}
