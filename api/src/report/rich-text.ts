// The coordinator's rich text (Tiptap JSON, shared/src/schemas/rich-text.ts) as Word structures.
// PLACEHOLDER: paragraphs only; lists, marks, links, footnotes and tables are to come.
import { Paragraph, type FileChild } from 'docx'
import { type RichDoc, richDocText } from '@apt/shared'
import { paragraphs } from './word.js'

/** The Word blocks of a narrative; nothing for an empty one. */
export function richDocBlocks(doc: RichDoc | null | undefined): FileChild[] {
  return paragraphs(richDocText(doc)) satisfies Paragraph[]
}
