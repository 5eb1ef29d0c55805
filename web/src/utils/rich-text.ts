// The small text format of submissions and report narratives: blank lines separate paragraphs,
// lines starting with "- " (or "• ") form a bulleted list. Parsed into blocks that templates render
// as elements (never as HTML strings), so nothing a user types can inject markup.
export type Block = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] }

const BULLET = /^\s*(?:[-•*])\s+(.*)$/

export function parseRichText(source: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: string[] | null = null
  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') })
    paragraph = []
  }
  const flushList = () => {
    if (list?.length) blocks.push({ kind: 'list', items: list })
    list = null
  }
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line)
    if (bullet) {
      flushParagraph()
      list ??= []
      list.push(bullet[1] ?? '')
    } else if (line.trim() === '') {
      flushParagraph()
      flushList()
    } else {
      flushList()
      paragraph.push(line.trim())
    }
  }
  flushParagraph()
  flushList()
  return blocks
}
