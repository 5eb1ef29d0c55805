// The editor's schema against the report's rich-text contract: what Tiptap (with reportExtensions)
// produces — lists, bold, links, footnotes, tables, and HTML pasted from Word — passes through
// sanitizeRichDoc into JSON that RichDocSchema accepts; disallowed links and nodes do not survive.
import { describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { Editor } from '@tiptap/core'
import { RichDocSchema, richDocText } from '@apt/shared'
import { reportExtensions } from './extensions'
import { isAllowedHref, sanitizeRichDoc } from './sanitize'
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
