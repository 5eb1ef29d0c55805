// The footnote as the report's rich text keeps it: an inline atom `footnote` whose only attribute
// is the note's text ({type:'footnote', attrs:{text}}). The editor shows it as a superscript
// number (a CSS counter, so the numbers follow the text's order without any bookkeeping); the
// note's text is edited through the toolbar, never typed into the marker itself.
import { Node, mergeAttributes } from '@tiptap/core'

export const Footnote = Node.create({
  name: 'footnote',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      text: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-footnote') ?? '',
        renderHTML: (attributes) => ({ 'data-footnote': attributes.text as string }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'sup[data-footnote]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    const text = String(node.attrs.text ?? '')
    // The number itself comes from CSS (sup.footnote-ref::after); the label carries the note for screen readers.
    return ['sup', mergeAttributes(HTMLAttributes, { class: 'footnote-ref', title: text, 'aria-label': text }), '']
  },

  renderText() {
    return ''
  },
})
