// Text hygiene for the exports. Plan texts come from institutions' free-text input and may hold
// characters that XML 1.0 forbids (Word and Excel then refuse the whole file), Windows line ends,
// or paragraphs separated by blank lines; every export cleans text through here.
import { latvianQuotes } from '@apt/shared'

// XML 1.0 allows tab, LF, CR and everything from U+0020 except lone surrogates and U+FFFE/U+FFFF.
// The `u` flag makes paired surrogates (emoji) one code point, so only lone halves match.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu

/** Removes characters XML 1.0 cannot carry and normalises line ends to "\n". Emoji are kept. */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(XML_INVALID, '')
}

/**
 * Splits a text into its paragraphs as a document prints them: one per line, with surrounding
 * blank lines dropped and runs of blank lines collapsed (they are paragraph spacing, not content),
 * quoted „…” whatever quotes the text came with. Tabs stay inside lines.
 */
export function toParagraphs(text: string | null | undefined): string[] {
  if (!text) return []
  return sanitizeText(text)
    .split('\n')
    .map((line) => latvianQuotes(line.replace(/[ \u00A0]+$/u, '')))
    .filter((line) => line.trim() !== '')
}

/** True when a narrative text has something to print. */
export function hasText(text: string | null | undefined): text is string {
  return toParagraphs(text).length > 0
}

/** "1.1" → "1.1.", as Latvian texts cite item numbers. */
export function dotted(number: string): string {
  return number.endsWith('.') ? number : `${number}.`
}
