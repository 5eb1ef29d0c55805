// Rich text helpers: plain text to a document (how narratives were kept before rich text), a
// document's text, and whether it has anything to print.
import { describe, expect, it } from 'vitest'
import { emptyRichDoc, isRichDocBlank, richDocFromText, richDocText, type RichDoc } from '../src/index.js'

describe('richDocFromText', () => {
  it('makes one paragraph per non-blank line', () => {
    expect(richDocFromText('Pirmā rindkopa.\r\n\r\n  \nOtrā rindkopa.  ')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Pirmā rindkopa.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Otrā rindkopa.' }] },
      ],
    })
  })

  it('gives the empty document for nothing', () => {
    expect(richDocFromText(null)).toEqual(emptyRichDoc())
    expect(richDocFromText(undefined)).toEqual(emptyRichDoc())
    expect(richDocFromText(' \n\t\n')).toEqual(emptyRichDoc())
  })

  it('round-trips through richDocText', () => {
    expect(richDocText(richDocFromText('a\nb\n\nc'))).toBe('a\nb\nc')
  })
})

const FULL: RichDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Treknais', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'saite', marks: [{ type: 'link', attrs: { href: 'https://example.lv' } }] },
        { type: 'footnote', attrs: { text: 'Piezīme' } },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Punkts' }] },
            {
              type: 'orderedList',
              content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ielikts' }] }] }],
            },
          ],
        },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A' }] }] },
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'B' }] }] },
          ],
        },
      ],
    },
  ],
}

describe('richDocText', () => {
  it('gives a line per paragraph, list item and table row, footnotes left out', () => {
    expect(richDocText(FULL)).toBe('Treknais\nsaite\nPunkts\nIelikts\nA\tB')
  })
})

describe('isRichDocBlank', () => {
  it('is true for nothing, the empty document, empty paragraphs and white space', () => {
    expect(isRichDocBlank(null)).toBe(true)
    expect(isRichDocBlank(undefined)).toBe(true)
    expect(isRichDocBlank(emptyRichDoc())).toBe(true)
    expect(isRichDocBlank({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph', content: [{ type: 'hardBreak' }] }] })).toBe(
      true,
    )
    expect(isRichDocBlank({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '   ' }] }] })).toBe(true)
  })

  it('is false for a footnote alone, which the document prints (its marker and note)', () => {
    const footnoteOnly: RichDoc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'footnote', attrs: { text: 'Avots.' } }] }],
    }
    expect(isRichDocBlank(footnoteOnly)).toBe(false)
    expect(
      isRichDocBlank({
        type: 'doc',
        content: [
          { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [footnoteOnly.content[0]!] }] }] },
        ],
      } as RichDoc),
    ).toBe(false)
  })

  it('is false when any paragraph, list item or cell has text', () => {
    expect(isRichDocBlank(FULL)).toBe(false)
    expect(
      isRichDocBlank({
        type: 'doc',
        content: [
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] }] },
        ],
      }),
    ).toBe(false)
  })
})
