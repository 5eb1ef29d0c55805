// vue-i18n set up Latvian first: lv is the default and the fallback, en mirrors it key for key
// (en.ts is typed against lv.ts, and test/unit/i18n.test.ts checks both against the code).
import { createI18n } from 'vue-i18n'
import lv from './lv'
import en from './en'

export type Locale = 'lv' | 'en'
export const LOCALES: readonly Locale[] = ['lv', 'en']
/** The Intl locale for dates and numbers of each UI language. */
export const INTL_LOCALE: Record<Locale, string> = { lv: 'lv-LV', en: 'en-GB' }

const STORAGE_KEY = 'apt.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'lv' || saved === 'en') return saved
  } catch {
    /* storage may be disabled: Latvian it is */
  }
  return 'lv'
}

/**
 * Latvian plural forms, as vue-i18n choices "none | one | other": exactly 0 gets its own wording
 * ("nav neviena pasākuma"); 1, 21, 31 (not 11) take the singular ("21 pasākums"); every other
 * number the plural ("5 pasākumi", "10 pasākumi", "11 pasākumi").
 */
export function latvianPlural(choice: number, choicesLength: number): number {
  const n = Math.abs(choice)
  if (choicesLength < 3) return n % 10 === 1 && n % 100 !== 11 ? 0 : 1
  if (n === 0) return 0
  if (n % 10 === 1 && n % 100 !== 11) return 1
  return 2
}

export const i18n = createI18n<[typeof lv], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'lv',
  messages: { lv, en },
  pluralRules: { lv: latvianPlural },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* not persisted, still switched */
  }
}

document.documentElement.lang = i18n.global.locale.value
