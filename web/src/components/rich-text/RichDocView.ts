// A rich-text document rendered as the report will read it, by walking its JSON into elements
// (never v-html): paragraphs quoted „…”, real <ul>/<ol> lists, <strong>/<em>, links, tables, and footnotes as
// superscript numbers with their notes listed after the text. Numbering starts at `footnoteStart`
// so a preview can number on through the document as Word does.
import { defineComponent, h, type PropType, type VNode } from 'vue'
import {
  latvianQuotes,
  quotedInlineTexts,
  type RichBlock,
  type RichDoc,
  type RichInline,
  type RichListItem,
  type RichParagraph,
} from '@apt/shared'

export default defineComponent({
  name: 'RichDocView',
  props: {
    doc: { type: Object as PropType<RichDoc | null>, default: null },
    /** The first footnote's number. */
    footnoteStart: { type: Number, default: 1 },
    /** Prefix of the footnotes' element ids (unique on the page). */
    idPrefix: { type: String, required: true },
    /** The label of the notes' list (for screen readers). */
    notesLabel: { type: String, default: 'Footnotes' },
  },
  setup(props) {
    return () => {
      const notes: string[] = []
      const noteId = (n: number) => `${props.idPrefix}-fn-${n}`

      /** `text`: the node's text as printed (quoted „…” with the rest of its paragraph). */
      function inline(node: RichInline, key: number, text: string): VNode | string {
        if (node.type === 'hardBreak') return h('br', { key })
        if (node.type === 'footnote') {
          notes.push(latvianQuotes(node.attrs.text))
          const n = props.footnoteStart + notes.length - 1
          return h('sup', { key, class: 'footnote-marker', 'data-testid': 'footnote-marker' }, [
            h('a', { href: `#${noteId(n)}`, id: `${noteId(n)}-ref` }, String(n)),
          ])
        }
        let out: VNode | string = text
        for (const mark of node.marks ?? []) {
          if (mark.type === 'bold') out = h('strong', null, [out])
          else if (mark.type === 'italic') out = h('em', null, [out])
          else out = h('a', { href: mark.attrs.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, [out])
        }
        return typeof out === 'string' ? h('span', { key }, out) : h('span', { key }, [out])
      }

      // The paragraph quoted „…” as a whole, as the DOCX prints it: a quotation may open in one run and close in another.
      function paragraph(p: RichParagraph, key: number): VNode {
        const nodes = p.content ?? []
        const quoted = quotedInlineTexts(nodes)
        return h(
          'p',
          { key },
          nodes.map((node, index) => inline(node, index, quoted[index]!)),
        )
      }

      function block(node: RichBlock | RichListItem, key: number): VNode {
        switch (node.type) {
          case 'paragraph':
            return paragraph(node, key)
          case 'bulletList':
            return h('ul', { key }, node.content.map(block))
          case 'orderedList':
            return h('ol', { key, start: node.attrs?.start ?? undefined }, node.content.map(block))
          case 'listItem':
            return h('li', { key }, node.content.map(block))
          case 'table':
            return h('table', { key, class: 'rich-table' }, [
              h(
                'tbody',
                node.content.map((row, r) =>
                  h(
                    'tr',
                    { key: r },
                    row.content.map((cell, c) =>
                      h(
                        cell.type === 'tableHeader' ? 'th' : 'td',
                        { key: c, colspan: cell.attrs?.colspan ?? undefined, rowspan: cell.attrs?.rowspan ?? undefined },
                        cell.content.map(paragraph),
                      ),
                    ),
                  ),
                ),
              ),
            ])
        }
      }

      const body = (props.doc?.content ?? []).map(block)
      const list = notes.length
        ? [
            h(
              'ol',
              { class: 'footnotes', start: props.footnoteStart, 'aria-label': props.notesLabel, 'data-testid': 'footnotes' },
              notes.map((text, i) => h('li', { key: i, id: noteId(props.footnoteStart + i) }, text)),
            ),
          ]
        : []
      return h('div', { class: 'rich-doc' }, [...body, ...list])
    }
  },
})
