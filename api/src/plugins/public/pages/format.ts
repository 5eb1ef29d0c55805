// Numbers, money and dates on the public pages, in the page's language: Latvian as official texts
// write them ("2025. gada 1. decembris", "46 000 €"), English as en-GB. One set of formatters per
// language, made once: a page of 1,000 measures would otherwise build thousands.
import { formatLatvianDate } from '@apt/shared'

export type Lang = 'lv' | 'en'

export interface Formatter {
  number(value: number): string
  /** A share 0–1 as a whole percentage. */
  percent(value: number): string
  eur(value: number): string
  /** A calendar day, 'YYYY-MM-DD'. */
  date(isoDate: string): string
  /** A moment (ISO timestamp) as its calendar day in Riga. */
  day(timestamp: string): string
  /** A file's size: "245 KB". */
  bytes(value: number): string
}

const rigaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit' })

function makeFormatter(lang: Lang): Formatter {
  const intl = lang === 'lv' ? 'lv-LV' : 'en-GB'
  const number = new Intl.NumberFormat(intl)
  const percent = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 })
  const oneDecimal = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 })
  const eur = new Intl.NumberFormat(intl, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2, minimumFractionDigits: 0 })
  // The day is read in UTC so that '2025-12-01' stays the 1st wherever the server runs.
  const englishDate = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  const date = (isoDate: string) => (lang === 'lv' ? formatLatvianDate(isoDate) : englishDate.format(new Date(`${isoDate}T00:00:00Z`)))
  return {
    number: (value) => number.format(value),
    percent: (value) => percent.format(value),
    eur: (value) => eur.format(value),
    date,
    day: (timestamp) => date(rigaDay.format(new Date(timestamp))),
    bytes: (value) => {
      const units = ['B', 'KB', 'MB', 'GB']
      const unit = Math.min(units.length - 1, Math.floor(Math.log(Math.max(value, 1)) / Math.log(1024)))
      return `${oneDecimal.format(value / 1024 ** unit)} ${units[unit]}`
    },
  }
}

export const FORMATTERS: Readonly<Record<Lang, Formatter>> = { lv: makeFormatter('lv'), en: makeFormatter('en') }
