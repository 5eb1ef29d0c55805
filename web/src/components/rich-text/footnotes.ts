// The footnotes of a rich-text document in reading order (paragraphs, lists, table cells), so a
// preview can number them on from an earlier section as Word does.
import type { RichBlock, RichDoc, RichInline, RichListItem } from '@apt/shared'

function inlineNotes(nodes: readonly RichInline[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => (n.type === 'footnote' ? [n.attrs.text] : []))
}

function blockNotes(block: RichBlock | RichListItem): string[] {
  switch (block.type) {
    case 'paragraph':
      return inlineNotes(block.content)
    case 'bulletList':
    case 'orderedList':
    case 'listItem':
      return block.content.flatMap(blockNotes)
    case 'table':
      return block.content.flatMap((row) => row.content.flatMap((cell) => cell.content.flatMap((p) => inlineNotes(p.content))))
  }
}

export function footnotesOf(doc: RichDoc | null | undefined): string[] {
  return (doc?.content ?? []).flatMap(blockNotes)
}
