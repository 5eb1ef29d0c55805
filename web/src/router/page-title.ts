// The tab's title: the page's own (route meta.titleKey) and the app's name, in the UI language —
// set after each navigation and again when the language is switched.
import type { RouteLocationNormalizedLoaded } from 'vue-router'
import { i18n } from '../i18n'

export function setPageTitle(route: Pick<RouteLocationNormalizedLoaded, 'meta'>) {
  const t = i18n.global.t
  const key = route.meta.titleKey
  document.title = key && key !== 'app.name' ? `${t(key)} — ${t('app.name')}` : t('app.name')
}
