// The measures table's pages in English: the same keys as measures-paging.lv.ts.
import type lv from './measures-paging.lv'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const en: Widen<typeof lv> = {
  showing: 'showing {from}–{to}',
  nav: 'Pages of the measures list',
  previous: 'Previous',
  next: 'Next',
  pageWord: 'page',
  page: 'Page {n}',
  current: 'Page {n}, current',
}

export default en
