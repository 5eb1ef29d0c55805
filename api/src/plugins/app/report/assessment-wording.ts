// Which statuses an assessment's Latvian wording names ("izpildīts", "daļēji izpildīts", "nav
// izpildīts"), so the check before export can point at an assessment that contradicts the status
// set on its measure. Matching is by whole words, ignoring case and diacritics (texts are often
// typed without them: "daleji", "izpildits"), and a word is quoted back as it was written.
import type { MeasureStatus } from '@apt/shared'

/** A status the wording names, with the words that name it as written. */
export interface StatusMention {
  status: Exclude<MeasureStatus, 'pending'>
  words: string
}

interface Token {
  /** As written. */
  raw: string
  /** Lower case, without diacritics. */
  folded: string
}

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('lv')

function tokens(text: string): Token[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((raw) => ({ raw, folded: fold(raw) }))
}

// The participle "izpildīts" in the forms an assessment uses (izpildīts, izpildīta, izpildīti,
// izpildītas, izpildītu, izpildītie, izpildītais, izpildītā, izpildītās, izpildītiem, izpildītām);
// not "izpildīt" (to carry out) nor "izpildītājs" (the one who carries out), nor "izpilde".
const PARTICIPLE = /^izpildit(s|a|i|as|u|ie|ais|iem|am|os|o)$/
// "daļēji", "daļēja", "daļējs", "daļēju", "daļējā", "daļējas", … (partly, partial).
const PARTIAL = /^dalej(i|a|s|u|as|o|ais|ie|iem|am)?$/
// "neizpildīts", "neizpilde", "neizpildi": not carried out.
const NEGATED = /^neizpild(it(s|a|i|as|u|ie|ais|iem|am|os|o)|e|es|i)$/
// "nav izpildīts", "netika izpildīts", "nav pilnībā izpildīts": a negation shortly before the participle.
const NEGATIONS = new Set(['nav', 'netika', 'netiek', 'nebija', 'nebus'])
const WINDOW = 2

/** Every status the text names, in the order they are first named. */
export function statusMentions(text: string): StatusMention[] {
  const words = tokens(text)
  const mentions: StatusMention[] = []
  const quote = (from: number, to: number) =>
    words
      .slice(from, to + 1)
      .map((w) => w.raw)
      .join(' ')
  const near = (i: number, test: (t: Token) => boolean, after = 0) => {
    for (let j = Math.max(0, i - WINDOW); j <= Math.min(words.length - 1, i + after); j++) if (j !== i && test(words[j]!)) return j
    return -1
  }
  words.forEach((word, i) => {
    if (PARTIAL.test(word.folded)) mentions.push({ status: 'partial', words: word.raw })
    else if (NEGATED.test(word.folded)) mentions.push({ status: 'not_done', words: word.raw })
    else if (PARTICIPLE.test(word.folded)) {
      // "daļēji izpildīts" / "izpildīts daļēji" is the partial mention already counted.
      if (near(i, (t) => PARTIAL.test(t.folded), 1) !== -1) return
      const negation = near(i, (t) => NEGATIONS.has(t.folded))
      if (negation !== -1 && negation < i) mentions.push({ status: 'not_done', words: quote(negation, i) })
      else mentions.push({ status: 'done', words: word.raw })
    }
  })
  return mentions
}

/**
 * The words of an assessment that contradict the measure's status, or null when it does not:
 * on a done measure any partial or not-done wording; on a partly done one, wording that names
 * done or not done but never "daļēji"; on a not-done one, "izpildīts" with no "daļēji" and no
 * negation anywhere. A pending measure is not rated yet, so nothing contradicts it.
 */
export function contradictingWords(assessment: string | null, status: MeasureStatus): string | null {
  if (!assessment || status === 'pending') return null
  const mentions = statusMentions(assessment)
  const has = (s: StatusMention['status']) => mentions.some((m) => m.status === s)
  let contradiction: StatusMention | undefined
  if (status === 'done') contradiction = mentions.find((m) => m.status !== 'done')
  else if (status === 'partial') contradiction = has('partial') ? undefined : mentions[0]
  else contradiction = has('partial') || has('not_done') ? undefined : mentions[0]
  return contradiction?.words ?? null
}
