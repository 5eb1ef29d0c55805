// One quotation style in the report, as Latvian official documents quote: „…”. Plan texts,
// institutions' reports and the coordinator's narrative arrive with "…", “…” or „…“; each double
// quote becomes „ where it opens a quotation and ” where it closes one, told apart by what stands
// around it. One character for one, so a text split into runs (bold, links) can be quoted as a
// whole and cut back at the same places. Single quotes (apostrophes) are left alone.

import type { RichInline } from './schemas/rich-text.js'

const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D'])
/** What may stand before an opening quote: nothing, white space, an opening bracket or a dash. */
const BEFORE_OPENING = /[\s([{\u2013\u2014/„]/u

function isOpening(before: string | undefined, after: string | undefined): boolean {
  if (after === undefined || /\s/u.test(after)) return false
  return before === undefined || BEFORE_OPENING.test(before)
}

/** The text with every double quote as „ (opening) or ” (closing); „ itself is kept. */
export function latvianQuotes(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!
    out += DOUBLE_QUOTES.has(c) ? (isOpening(text[i - 1], text[i + 1]) ? '\u201E' : '\u201D') : c
  }
  return out
}

/** Texts that read as one (the runs of a paragraph) quoted as a whole and cut back where they were cut. */
export function latvianQuotesAcross(texts: readonly string[]): string[] {
  const whole = latvianQuotes(texts.join(''))
  let at = 0
  return texts.map((text) => {
    const part = whole.slice(at, at + text.length)
    at += text.length
    return part
  })
}

/** A paragraph's inline nodes' texts as printed, by node: quoted as one text (a line break counts as white space). */
export function quotedInlineTexts(nodes: readonly RichInline[] | undefined): string[] {
  return latvianQuotesAcross((nodes ?? []).map((node) => (node.type === 'text' ? node.text : node.type === 'hardBreak' ? '\n' : '')))
}
