// The editor's schema against the report's rich-text contract: what Tiptap (with reportExtensions)
// produces — lists, bold, links, footnotes, tables, and HTML pasted from Word — passes through
// sanitizeRichDoc into JSON that RichDocSchema accepts; disallowed links and nodes do not survive.
import { describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { Editor } from '@tiptap/core'
import { RICH_TABLE_MAX_COLUMNS, RICH_TABLE_MAX_ROWS, RichDocSchema, richDocText, type RichTable } from '@apt/shared'
import { reportExtensions } from './extensions'
import { isAllowedHref, sanitizeRichDoc, type SanitizeReport } from './sanitize'
import { footnotesOf } from './footnotes'

// TypeBox is the shared package's dependency, not the web app's: the schema's own validator, from there.
const { Value } = createRequire(resolve(import.meta.dirname, '../../../../shared/package.json'))('@sinclair/typebox/value') as {
  Value: { Errors(schema: unknown, value: unknown): Iterable<{ path: string; message: string }> }
}

function fromHtml(html: string) {
  const editor = new Editor({ extensions: reportExtensions(), content: html })
  const doc = sanitizeRichDoc(editor.getJSON())
  editor.destroy()
  return doc
}

describe('the report editor’s JSON', () => {
  it('lists, bold, a link, a footnote and a table make a document the schema accepts', () => {
    const editor = new Editor({ extensions: reportExtensions() })
    editor
      .chain()
      .insertContent('<ul><li><p><strong>Svarīgi</strong> un <a href="https://likumi.lv">likumi</a></p></li></ul><p>Teksts</p>')
      .insertContent({ type: 'footnote', attrs: { text: 'Avots: VID dati.' } })
      .insertTable({ rows: 2, cols: 2, withHeaderRow: false })
      .run()
    const doc = sanitizeRichDoc(editor.getJSON())
    editor.destroy()
    expect([...Value.Errors(RichDocSchema, doc)].map((e) => `${e.path}: ${e.message}`)).toEqual([])
    expect(doc.content.map((b) => b.type)).toEqual(['bulletList', 'paragraph', 'table', 'paragraph'])
    expect(JSON.stringify(doc)).toContain('{"type":"footnote","attrs":{"text":"Avots: VID dati."}}')
    expect(JSON.stringify(doc)).toContain('{"type":"link","attrs":{"href":"https://likumi.lv"}}')
    expect(footnotesOf(doc)).toEqual(['Avots: VID dati.'])
    const table = doc.content.find((b) => b.type === 'table')!
    expect(table.type === 'table' && table.content.map((r) => r.content.length)).toEqual([2, 2])
  })

  it('HTML pasted from Word keeps its text in allowed nodes only', () => {
    const doc = fromHtml(
      '<h1 class="MsoTitle">Virsraksts</h1><p class="MsoNormal" style="color:red"><u>Pasvītrots</u> <s>svītrots</s> <code>kods</code></p>' +
        '<blockquote>Citāts</blockquote><hr><table><tr><td><ul><li>punkts</li></ul></td></tr></table>' +
        '<p><a href="javascript:alert(1)">slikta saite</a> <a href="mailto:info@iem.gov.lv">e-pasts</a></p>',
    )
    expect([...Value.Errors(RichDocSchema, doc)].map((e) => `${e.path}: ${e.message}`)).toEqual([])
    const json = JSON.stringify(doc)
    for (const text of ['Virsraksts', 'Pasvītrots', 'svītrots', 'kods', 'Citāts', 'punkts', 'slikta saite'])
      expect(richDocText(doc)).toContain(text)
    expect(json).not.toContain('javascript:')
    expect(json).toContain('mailto:info@iem.gov.lv')
    expect(json).not.toMatch(/"(heading|blockquote|codeBlock|horizontalRule|underline|strike|code)"/)
  })

  it('a pasted table beyond the limits is fitted without losing text: extra columns join the last cell, extra rows go on in a second table', () => {
    const cell = (text: string) => `<td><p>${text}</p></td>`
    const row = (r: number, columns: number) => `<tr>${Array.from({ length: columns }, (_, c) => cell(`R${r}C${c}`)).join('')}</tr>`
    const html = (rows: number, columns: number) => `<table>${Array.from({ length: rows }, (_, r) => row(r, columns)).join('')}</table>`
    const sanitized = (source: string) => {
      const editor = new Editor({ extensions: reportExtensions(), content: source })
      const report: SanitizeReport = { tablesClamped: false }
      const doc = sanitizeRichDoc(editor.getJSON(), report)
      editor.destroy()
      return { doc, report }
    }

    const wide = sanitized(html(2, 25))
    expect(wide.report.tablesClamped).toBe(true)
    expect([...Value.Errors(RichDocSchema, wide.doc)].map((e) => `${e.path}: ${e.message}`)).toEqual([])
    const table = wide.doc.content[0] as RichTable
    expect(table.content.map((r) => r.content.length)).toEqual([RICH_TABLE_MAX_COLUMNS, RICH_TABLE_MAX_COLUMNS])
    const last = table.content[0]!.content.at(-1)!
    expect(last.content.map((p) => richDocText({ type: 'doc', content: [p] }))).toEqual([
      'R0C19',
      'R0C20',
      'R0C21',
      'R0C22',
      'R0C23',
      'R0C24',
    ])

    const tall = sanitized(html(RICH_TABLE_MAX_ROWS + 3, 2))
    expect(tall.report.tablesClamped).toBe(true)
    expect([...Value.Errors(RichDocSchema, tall.doc)].map((e) => `${e.path}: ${e.message}`)).toEqual([])
    expect(tall.doc.content.map((b) => (b as RichTable).content.length)).toEqual([RICH_TABLE_MAX_ROWS, 3])
    expect(richDocText(tall.doc).split('\n').at(-1)).toBe(`R${RICH_TABLE_MAX_ROWS + 2}C0\tR${RICH_TABLE_MAX_ROWS + 2}C1`)

    // At the limits nothing changes.
    const full = sanitized(html(3, RICH_TABLE_MAX_COLUMNS))
    expect(full.report.tablesClamped).toBe(false)
    expect((full.doc.content[0] as RichTable).content[0]!.content).toHaveLength(RICH_TABLE_MAX_COLUMNS)
  })

  it('an emptied editor is the empty document', () => {
    expect(fromHtml('<p></p>')).toEqual({ type: 'doc', content: [] })
  })

  it('only web and mail addresses are links', () => {
    expect(isAllowedHref('https://likumi.lv/ta/id/1')).toBe(true)
    expect(isAllowedHref('mailto:kanceleja@iem.gov.lv')).toBe(true)
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://x', 'https://a b'])
      expect(isAllowedHref(bad)).toBe(false)
  })
})
