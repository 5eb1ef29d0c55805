// Latvian wording rules for the generated report: numerals in words, number–noun agreement,
// euro amounts, dates and roman numerals. Kept free of report specifics so every sentence
// builder uses the same rules (and tests can pin them down on their own).

/** The grammatical cases the report's sentences need. */
export type GrammaticalCase = 'nom' | 'gen' | 'dat' | 'acc' | 'loc'
export type Gender = 'm' | 'f'

/** The five case forms of one word: nominative, genitive, dative, accusative, locative. */
export type CaseForms = Readonly<Record<GrammaticalCase, string>>

/** A countable noun in both numbers, e.g. pasākums / pasākumi. */
export interface Noun {
  singular: CaseForms
  plural: CaseForms
  /** The gender numerals in words take with it; masculine when not given. */
  gender?: Gender
}

/** "pasākums" (measure) is a masculine noun of the first declension. */
export const MEASURE_NOUN: Noun = {
  singular: { nom: 'pasākums', gen: 'pasākuma', dat: 'pasākumam', acc: 'pasākumu', loc: 'pasākumā' },
  plural: { nom: 'pasākumi', gen: 'pasākumu', dat: 'pasākumiem', acc: 'pasākumus', loc: 'pasākumos' },
}

/** "rīcības virziens" (action line): only "virziens" declines. */
export const ACTION_LINE_NOUN: Noun = {
  singular: {
    nom: 'rīcības virziens',
    gen: 'rīcības virziena',
    dat: 'rīcības virzienam',
    acc: 'rīcības virzienu',
    loc: 'rīcības virzienā',
  },
  plural: {
    nom: 'rīcības virzieni',
    gen: 'rīcības virzienu',
    dat: 'rīcības virzieniem',
    acc: 'rīcības virzienus',
    loc: 'rīcības virzienos',
  },
}

/** "pašvaldība" (municipality), a feminine noun of the fourth declension: who answers the surveys. */
export const MUNICIPALITY_NOUN: Noun = {
  singular: { nom: 'pašvaldība', gen: 'pašvaldības', dat: 'pašvaldībai', acc: 'pašvaldību', loc: 'pašvaldībā' },
  plural: { nom: 'pašvaldības', gen: 'pašvaldību', dat: 'pašvaldībām', acc: 'pašvaldības', loc: 'pašvaldībās' },
  gender: 'f',
}

/** "institūcija" (institution): who answers a survey sent to others than municipalities. */
export const INSTITUTION_NOUN: Noun = {
  singular: { nom: 'institūcija', gen: 'institūcijas', dat: 'institūcijai', acc: 'institūciju', loc: 'institūcijā' },
  plural: { nom: 'institūcijas', gen: 'institūciju', dat: 'institūcijām', acc: 'institūcijas', loc: 'institūcijās' },
  gender: 'f',
}

/**
 * Whether a count takes the singular in Latvian: numbers ending in 1 except those ending in 11
 * ("1 pasākums", "21 pasākums", "101 pasākums", but "11 pasākumi", "111 pasākumi").
 * Zero takes the plural.
 */
export function takesSingular(n: number): boolean {
  const abs = Math.abs(Math.trunc(n))
  return abs % 10 === 1 && abs % 100 !== 11
}

/** Picks the form agreeing with a count: `agree(21, 'izpildīts', 'izpildīti')` → "izpildīts". */
export function agree(n: number, singular: string, plural: string): string {
  return takesSingular(n) ? singular : plural
}

/** The noun form agreeing with a count in the given case: `nounFor(30, MEASURE_NOUN, 'dat')` → "pasākumiem". */
export function nounFor(n: number, noun: Noun, grammaticalCase: GrammaticalCase = 'nom'): string {
  return (takesSingular(n) ? noun.singular : noun.plural)[grammaticalCase]
}

/** "30 pasākumiem", "21 pasākums": a count in digits with its agreeing noun. */
export function countWithNoun(n: number, noun: Noun, grammaticalCase: GrammaticalCase = 'nom'): string {
  return `${n} ${nounFor(n, noun, grammaticalCase)}`
}

// Units 1–9 decline like adjectives (masculine -i, feminine -as); "trīs" is irregular.
const UNITS: Record<Gender, readonly CaseForms[]> = {
  m: [
    { nom: 'viens', gen: 'viena', dat: 'vienam', acc: 'vienu', loc: 'vienā' },
    { nom: 'divi', gen: 'divu', dat: 'diviem', acc: 'divus', loc: 'divos' },
    { nom: 'trīs', gen: 'triju', dat: 'trim', acc: 'trīs', loc: 'trijos' },
    { nom: 'četri', gen: 'četru', dat: 'četriem', acc: 'četrus', loc: 'četros' },
    { nom: 'pieci', gen: 'piecu', dat: 'pieciem', acc: 'piecus', loc: 'piecos' },
    { nom: 'seši', gen: 'sešu', dat: 'sešiem', acc: 'sešus', loc: 'sešos' },
    { nom: 'septiņi', gen: 'septiņu', dat: 'septiņiem', acc: 'septiņus', loc: 'septiņos' },
    { nom: 'astoņi', gen: 'astoņu', dat: 'astoņiem', acc: 'astoņus', loc: 'astoņos' },
    { nom: 'deviņi', gen: 'deviņu', dat: 'deviņiem', acc: 'deviņus', loc: 'deviņos' },
  ],
  f: [
    { nom: 'viena', gen: 'vienas', dat: 'vienai', acc: 'vienu', loc: 'vienā' },
    { nom: 'divas', gen: 'divu', dat: 'divām', acc: 'divas', loc: 'divās' },
    { nom: 'trīs', gen: 'triju', dat: 'trim', acc: 'trīs', loc: 'trijās' },
    { nom: 'četras', gen: 'četru', dat: 'četrām', acc: 'četras', loc: 'četrās' },
    { nom: 'piecas', gen: 'piecu', dat: 'piecām', acc: 'piecas', loc: 'piecās' },
    { nom: 'sešas', gen: 'sešu', dat: 'sešām', acc: 'sešas', loc: 'sešās' },
    { nom: 'septiņas', gen: 'septiņu', dat: 'septiņām', acc: 'septiņas', loc: 'septiņās' },
    { nom: 'astoņas', gen: 'astoņu', dat: 'astoņām', acc: 'astoņas', loc: 'astoņās' },
    { nom: 'deviņas', gen: 'deviņu', dat: 'deviņām', acc: 'deviņas', loc: 'deviņās' },
  ],
}

// The prefix each digit lends to -padsmit (11–19), -desmit (20–90) and -simt (200–900);
// these compounds do not decline.
const STEMS = ['', 'vien', 'div', 'trīs', 'četr', 'piec', 'seš', 'septiņ', 'astoņ', 'deviņ'] as const

const ZERO: CaseForms = { nom: 'nulle', gen: 'nulles', dat: 'nullei', acc: 'nulli', loc: 'nullē' }

/**
 * A whole number 0–1000 in words, e.g. `numberToWords(11, 'dat')` → "vienpadsmit",
 * `numberToWords(21, 'dat')` → "divdesmit vienam", `numberToWords(4, 'nom', 'f')` → "četras".
 *
 * Only the last word of a compound declines (as in Latvian). For hundreds and a thousand the
 * indeclinable forms "simts"/"simt", "divsimt" … and "tūkstoš" are used, which standard Latvian
 * allows, so a counted noun after them can take whatever case the sentence needs
 * ("no simts pasākumiem") instead of the genitive the noun forms "simts"/"tūkstotis" demand.
 */
export function numberToWords(n: number, grammaticalCase: GrammaticalCase = 'nom', gender: Gender = 'm'): string {
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new RangeError(`numberToWords supports whole numbers 0–1000, got ${n}`)
  }
  if (n === 0) return ZERO[grammaticalCase]
  if (n === 1000) return 'tūkstoš'
  const words: string[] = []
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  if (hundreds > 0) {
    if (hundreds === 1) words.push(rest === 0 ? 'simts' : 'simt')
    else words.push(`${STEMS[hundreds]}simt`)
  }
  if (rest >= 10 && rest < 20) {
    words.push(rest === 10 ? 'desmit' : `${STEMS[rest - 10]}padsmit`)
  } else if (rest > 0) {
    const tens = Math.floor(rest / 10)
    const units = rest % 10
    if (tens > 0) words.push(tens === 1 ? 'desmit' : `${STEMS[tens]}desmit`)
    if (units > 0) words.push(UNITS[gender][units - 1][grammaticalCase])
  }
  return words.join(' ')
}

/**
 * A count with its agreeing noun, the one way the survey texts write counts: digits
 * ("38 pašvaldības", "21 pašvaldība", "no 43 pašvaldībām"), except that a sentence starting with a
 * count up to ten spells it out, as the seed report does ("Piecas pašvaldības …", "Viena
 * pašvaldība …").
 */
export function countOf(
  n: number,
  noun: Noun,
  grammaticalCase: GrammaticalCase = 'nom',
  options: { initial?: boolean; attribute?: { singular: string; plural: string } } = {},
): string {
  const form = nounFor(n, noun, grammaticalCase)
  const attribute = options.attribute ? `${takesSingular(n) ? options.attribute.singular : options.attribute.plural} ` : ''
  if (options.initial && Number.isInteger(n) && n >= 0 && n <= 10) {
    return capitalize(`${numberToWords(n, grammaticalCase, noun.gender ?? 'm')} ${attribute}${form}`)
  }
  return `${n} ${attribute}${form}`
}

/** Capitalises the first letter (sentences that start with a numeral in words). */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('lv') + text.slice(1)
}

// U+00A0 NO-BREAK SPACE groups thousands and joins the amount to "euro", so a line never breaks
// inside "46 000 euro". The seed report mixes plain and no-break spaces; we use one, always.
export const NBSP = '\u00A0'

/** Groups the digits of a whole number by three with no-break spaces: 1234567 → "1 234 567". */
export function groupThousands(n: number): string {
  const grouped = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)
  return n < 0 ? `−${grouped}` : grouped
}

/**
 * A euro amount as Latvian official texts write it: `formatEuro(46000)` → "46 000 euro".
 * Whole amounts show no cents; otherwise the amount is rounded to cents and shown with a
 * decimal comma and two digits: 1234567.5 → "1 234 567,50 euro".
 */
export function formatEuro(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100)
  const whole = Math.floor(cents / 100)
  const fraction = cents % 100
  const sign = amount < 0 && cents > 0 ? '−' : ''
  const digits = fraction === 0 ? groupThousands(whole) : `${groupThousands(whole)},${String(fraction).padStart(2, '0')}`
  return `${sign}${digits}${NBSP}euro`
}

/**
 * A number as Latvian texts write it: thousands grouped by no-break spaces, a decimal comma, at
 * most `decimals` decimals without trailing zeros: 1234.5 → "1 234,5", 36.333 → "36,3", 30 → "30".
 */
export function formatNumber(value: number, decimals = 1): string {
  const factor = 10 ** decimals
  const rounded = Math.round(Math.abs(value) * factor)
  const whole = Math.floor(rounded / factor)
  const fraction = String(rounded % factor)
    .padStart(decimals, '0')
    .replace(/0+$/, '')
  const sign = value < 0 && rounded > 0 ? '−' : ''
  return `${sign}${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`
}

/** A share (0–1) as a whole percentage, written as the seed report writes it: 38/43 → "88%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`
}

// Dates in each case ("līdz 2025. gada 1. decembrim") are shared with the web app and the e-mails.
export { formatLatvianDate } from '@apt/shared'

/** The calendar date of an instant in Latvia (reports are dated by Riga time, not UTC). */
export function rigaDate(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Riga',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant)
}

// The numeral itself is shared with the web app; re-exported so the report's wording rules stay in one import.

// Head nouns of Latvian document titles, nominative → genitive. Only the head noun changes when a
// title is used in the genitive ("… plāns 2023.-2024. gadam" → "Par … plāna 2023.-2024. gadam izpildi").
const TITLE_HEADS_GENITIVE: Readonly<Record<string, string>> = {
  plāns: 'plāna',
  programma: 'programmas',
  stratēģija: 'stratēģijas',
  koncepcija: 'koncepcijas',
  pamatnostādnes: 'pamatnostādņu',
}

// Head nouns of legal acts, nominative → the accusative that "saskaņā ar" takes (plural: dative).
const ACT_HEADS_AFTER_AR: Readonly<Record<string, string>> = {
  rīkojums: 'rīkojumu',
  lēmums: 'lēmumu',
  likums: 'likumu',
  protokollēmums: 'protokollēmumu',
  noteikumi: 'noteikumiem',
  protokols: 'protokolu',
}

// The same heads in the genitive, as a point of the act takes them: "rīkojuma Nr. 156 5. punktu".
const ACT_HEADS_GENITIVE: Readonly<Record<string, string>> = {
  rīkojums: 'rīkojuma',
  lēmums: 'lēmuma',
  likums: 'likuma',
  protokollēmums: 'protokollēmuma',
  noteikumi: 'noteikumu',
  protokols: 'protokola',
}

function replaceLastHead(text: string, table: Readonly<Record<string, string>>): string | null {
  let best: { index: number; word: string; replacement: string } | null = null
  for (const [word, replacement] of Object.entries(table)) {
    // Whole words only, either capitalisation of the first letter.
    const pattern = new RegExp(`(^|[^\\p{L}])(${word}|${capitalize(word)})(?=$|[^\\p{L}])`, 'gu')
    for (const m of text.matchAll(pattern)) {
      const index = (m.index ?? 0) + m[1].length
      if (!best || index > best.index) {
        const found = m[2]
        best = { index, word: found, replacement: found === word ? replacement : capitalize(replacement) }
      }
    }
  }
  if (!best) return null
  return text.slice(0, best.index) + best.replacement + text.slice(best.index + best.word.length)
}

/**
 * A plan title in the genitive, as "Par … izpildi" needs it: "… plāns 2023.-2024. gadam" →
 * "… plāna 2023.-2024. gadam". Titles without a known head noun are returned unchanged, which
 * reads acceptably and is easy for the coordinator to fix.
 */
export function titleGenitive(title: string): string {
  return replaceLastHead(title, TITLE_HEADS_GENITIVE) ?? title
}

/**
 * An approving act in the form "saskaņā ar …" takes: "Ministru kabineta … rīkojums Nr. 156" →
 * "Ministru kabineta … rīkojumu Nr. 156". Null when the act's head noun is not known.
 */
export function actAfterSaskanaAr(act: string): string | null {
  return replaceLastHead(act, ACT_HEADS_AFTER_AR)
}

/**
 * An approving act in the genitive, as its point needs it: "Ministru kabineta … rīkojums Nr. 156" →
 * "Ministru kabineta … rīkojuma Nr. 156" (… 5. punktu). Null when the act's head noun is not known.
 */
export function actGenitive(act: string): string | null {
  return replaceLastHead(act, ACT_HEADS_GENITIVE)
}
