// The measures screen's address: its filters, sorting and page live in the URL (a filtered page can
// be bookmarked and shared). Read here, in one place, by the screen and by the router, which asks
// for the page as soon as the route is known (before the screen's code has loaded).
import type { LocationQuery } from 'vue-router'
import { MEASURE_STATUSES, type MeasureQuery, type MeasureStatus } from '@apt/shared'

/** Rows on a page of the measures table. */
export const MEASURES_PAGE_SIZE = 100

/** A page of the table as asked for: the filters and sorting (the API's query) and the page, from 1. */
export interface MeasuresTableRequest {
  query: MeasureQuery
  page: number
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The filters and sorting the URL asks for; anything unknown is left out. */
export function measuresQueryOf(url: LocationQuery): MeasureQuery {
  const status = str(url.status)
  return {
    actionLine: str(url.actionLine) || undefined,
    status: (MEASURE_STATUSES as readonly string[]).includes(status) ? (status as MeasureStatus) : undefined,
    institution: str(url.institution) || undefined,
    q: str(url.q) || undefined,
    sort: str(url.sort) === 'deadline' ? 'deadline' : 'number',
  }
}

/** The last page the API can be asked for (it skips at most 100,000 rows); past a list's end the screen shows its last. */
const MAX_PAGE = 100_000 / MEASURES_PAGE_SIZE + 1

/** The page the URL asks for: a whole number from 1 (anything else is page 1), at most MAX_PAGE. */
export function measuresPageOf(url: LocationQuery): number {
  const page = /^\d{1,9}$/.test(str(url.page)) ? Number(str(url.page)) : 1
  return Math.min(MAX_PAGE, Math.max(1, page))
}

export const measuresTableRequestOf = (url: LocationQuery): MeasuresTableRequest => ({
  query: measuresQueryOf(url),
  page: measuresPageOf(url),
})
