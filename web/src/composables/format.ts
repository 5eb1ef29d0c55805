// Dates, numbers and money in the UI language through Intl (lv-LV: "2025. gada 1. decembris", "46 000 €").
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatLatvianDate } from '@apt/shared'
import { INTL_LOCALE, type Locale } from '../i18n'

/** A date-only ISO string ("2025-12-01") is a calendar day: read it as local midnight, not UTC. */
export function parseDay(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value)
}

/** A Date as its local calendar day, 'YYYY-MM-DD'. */
const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

export function useFormat() {
  const { locale } = useI18n()
  const intl = computed(() => INTL_LOCALE[locale.value as Locale] ?? 'lv-LV')
  // Made once per language: a table of 1,000 dates would otherwise build 1,000 formatters.
  const shortDateFormat = computed(() => new Intl.DateTimeFormat(intl.value, { day: '2-digit', month: '2-digit', year: 'numeric' }))
  return {
    /** 2025. gada 1. decembris */
    date: (value: string | Date | null | undefined) =>
      value
        ? new Intl.DateTimeFormat(intl.value, { day: 'numeric', month: 'long', year: 'numeric' }).format(
            typeof value === 'string' ? parseDay(value) : value,
          )
        : '',
    /**
     * The date after "līdz" (until, by), which takes the dative in Latvian: "līdz 2025. gada
     * 1. decembrim"; in English the plain date.
     */
    until: (value: string | Date | null | undefined): string => {
      if (!value) return ''
      const day = typeof value === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dayOf(new Date(value))) : dayOf(value)
      if (locale.value === 'lv') return formatLatvianDate(day, 'dat')
      return new Intl.DateTimeFormat(intl.value, { day: 'numeric', month: 'long', year: 'numeric' }).format(parseDay(day))
    },
    /** 01.12.2025. — for dense tables */
    shortDate: (value: string | Date | null | undefined) =>
      value ? shortDateFormat.value.format(typeof value === 'string' ? parseDay(value) : value) : '',
    dateTime: (value: string | Date | null | undefined) =>
      value ? new Intl.DateTimeFormat(intl.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '',
    time: (value: Date) => new Intl.DateTimeFormat(intl.value, { hour: '2-digit', minute: '2-digit' }).format(value),
    number: (value: number) => new Intl.NumberFormat(intl.value).format(value),
    percent: (value: number) => new Intl.NumberFormat(intl.value, { style: 'percent', maximumFractionDigits: 0 }).format(value),
    eur: (value: number) =>
      new Intl.NumberFormat(intl.value, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(
        value,
      ),
    bytes: (value: number) => {
      const units = ['B', 'KB', 'MB', 'GB']
      let n = value
      let unit = 0
      while (n >= 1024 && unit < units.length - 1) {
        n /= 1024
        unit++
      }
      return `${new Intl.NumberFormat(intl.value, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(n)} ${units[unit]}`
    },
  }
}
