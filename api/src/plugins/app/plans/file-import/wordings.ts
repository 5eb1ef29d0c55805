// What plan tables write in words, read as data where the words allow it: a deadline's due date
// ("2023.–2024. gads" → 2024-12-31, "2024. gada II pusgads" → 2024-12-31) and euro amounts in a
// budget wording ("46 000 euro", "EUR 7 500") as budget lines. The wording itself is always kept;
// these only add what can be read from it, and say why when nothing can.
import type { BudgetSource, DocBudgetLine } from '@apt/shared'

/** Lower case, no diacritics, one kind of dash, single spaces. */
const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`
const validDate = (year: number, month: number, day: number) =>
  year >= 1990 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month)

// Month names by their stems, in any case form ("decembris", "decembrim", "decembra").
const MONTHS: [RegExp, number][] = [
  [/^janv/, 1],
  [/^febr/, 2],
  [/^mart/, 3],
  [/^apr/, 4],
  [/^mai/, 5],
  [/^jun/, 6],
  [/^jul/, 7],
  [/^aug/, 8],
  [/^sept/, 9],
  [/^okt/, 10],
  [/^nov/, 11],
  [/^dec/, 12],
]
const monthOf = (word: string) => MONTHS.find(([stem]) => stem.test(word))?.[1]

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 }
const ordinal = (text: string) => ROMAN[text] ?? Number(text)

const RECURRING = /\b(katr[aue]|ik)\s+(gad|ceturksn|pusgad|menes|nedel)|\breizi\s+(gada|ceturksni|pusgada|menesi)|\bikgad/
const ONGOING = /^(pastavigi|regulari|nepartraukti|visu (plana )?periodu|plana darbibas laika|pec nepieciesamibas|ilgtermina|pastavigs)\b/

export interface DeadlineReading {
  due: string | null
  /** Why no date was derived, in Latvian (no warning for "Pastāvīgi" and the like). */
  warning: string | null
}

/** The due date a deadline wording allows: the last day it names. */
export function readDeadline(text: string): DeadlineReading {
  const t = fold(text)
  if (!t) return { due: null, warning: null }
  if (RECURRING.test(t)) return { due: null, warning: 'atkārtots termiņš, izpildes datums netiek noteikts' }
  if (ONGOING.test(t)) return { due: null, warning: null }
  let best: string | null = null
  const consider = (date: string) => {
    if (best === null || date > best) best = date
  }
  // "2024. gada 31. decembris", "līdz 2024. gada 1. jūlijam"
  for (const m of t.matchAll(/\b(\d{4})\.? ?(?:g\.|gada)? (\d{1,2})\. ?([a-z]+)/g)) {
    const [year, day, month] = [Number(m[1]), Number(m[2]), monthOf(m[3]!)]
    if (month && validDate(year, month, day)) consider(iso(year, month, day))
  }
  // "31.12.2024.", "31.12.2024"
  for (const m of t.matchAll(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g)) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (validDate(year, month, day)) consider(iso(year, month, day))
  }
  // "2024-12-31"
  for (const m of t.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (validDate(year, month, day)) consider(iso(year, month, day))
  }
  if (best) return { due: best, warning: null }
  // "2024. gada II pusgads", "2023. gada I ceturksnis", "2024. gada 1. pusgadā"
  for (const m of t.matchAll(/\b(\d{4})\.? ?(?:g\.|gada)? ?(i{1,3}|iv|[1-4])\.? ?(pusgad|ceturksn)/g)) {
    const year = Number(m[1])
    const n = ordinal(m[2]!)
    const months = m[3] === 'pusgad' ? (n <= 2 ? n * 6 : 0) : n * 3
    if (months && validDate(year, months, 1)) consider(iso(year, months, lastDay(year, months)))
  }
  // "2023. gada janvāris", "2024. gada decembrī"
  for (const m of t.matchAll(/\b(\d{4})\.? ?(?:g\.|gada) ([a-z]+)/g)) {
    const month = monthOf(m[2]!)
    const year = Number(m[1])
    if (month && validDate(year, month, 1)) consider(iso(year, month, lastDay(year, month)))
  }
  if (best) return { due: best, warning: null }
  // "2023.–2024. gads", "2024. gads", "2023-2024": the end of the last year named.
  const years = [...t.matchAll(/\b(19\d{2}|20\d{2}|2100)\b/g)].map((m) => Number(m[1]))
  if (years.length) return { due: iso(Math.max(...years), 12, 31), warning: null }
  return { due: null, warning: 'termiņu nevar nolasīt kā datumu' }
}

export interface BudgetReading {
  lines: DocBudgetLine[]
  /** An amount that looked like euro but could not be read, in Latvian. */
  warning: string | null
}

const NUMBER = String.raw`\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?`
const SCALE = String.raw`(?:\s*(milj\.?|miljon\w*|tukst\.?|tukstos\w*))?`
const EURO = String.raw`(?:euro|eiro|eur|€)`
const AMOUNT = new RegExp(String.raw`(?:${EURO}\s*(${NUMBER})${SCALE})|(?:(${NUMBER})${SCALE}\s*${EURO})`, 'g')

const toNumber = (digits: string, scale: string | undefined) => {
  const value = Number(digits.replace(/[ \u00a0.]/g, '').replace(',', '.'))
  if (!scale) return value
  return value * (scale.startsWith('milj') ? 1_000_000 : 1_000)
}

function sourceOf(text: string): BudgetSource {
  if (/\bes fond|eiropas savienib|\besf\b|\beraf\b|\bkohezij|atveselosanas/.test(text)) return 'eu_funds'
  if (/papildu|papildus/.test(text)) return 'additional_state_budget'
  return 'state_budget'
}

/** Budget lines from a wording: each euro amount, its source from the words around it, its year if one is named. */
export function readBudget(text: string): BudgetReading {
  const t = fold(text)
  const lines: DocBudgetLine[] = []
  // With one amount, the whole wording says where it comes from; with several, the words around each.
  const single = [...t.matchAll(AMOUNT)].length === 1
  // Clauses ("2023. gadā 10 000 euro; 2024. gadā 12 000 euro"), then within one the words from the
  // amount before to the amount after.
  for (const clause of t.split(/[;\n]/)) {
    const found = [...clause.matchAll(AMOUNT)]
    found.forEach((m, i) => {
      const amount = toNumber((m[1] ?? m[3])!, m[2] ?? m[4])
      if (!Number.isFinite(amount) || amount <= 0 || amount > 99_999_999_999_999) return
      const from = i === 0 ? 0 : found[i - 1]!.index + found[i - 1]![0].length
      const to = i + 1 < found.length ? found[i + 1]!.index : clause.length
      const around = clause.slice(from, to)
      const years = [...new Set([...around.matchAll(/\b(20\d{2})\.? ?(?:g\.|gada|gadam|gadu|gads|gadiem)/g)].map((y) => Number(y[1])))]
      const source = sourceOf(around)
      lines.push({
        amountEur: Math.round(amount * 100) / 100,
        source: single ? sourceOf(t) : source,
        institution: null,
        programme: null,
        year: years.length === 1 ? years[0]! : null,
        granted: null,
      })
    })
  }
  const looksLikeMoney = /\b(euro|eiro|eur)\b|€/.test(t) && /\d/.test(t)
  return { lines, warning: lines.length === 0 && looksLikeMoney ? 'summu euro nevar nolasīt, finansējums saglabāts tikai kā teksts' : null }
}
