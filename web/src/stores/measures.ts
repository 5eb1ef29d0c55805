// The measures table of a plan — one page of it at a time, with the count of every match of its
// filters — and the measure being looked at.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'
import type { Measure, MeasureTableItem, StatusHistoryEntry, UpdateMeasure } from '@apt/shared'
import { plansService } from '../services/plans'
import { measuresService } from '../services/measures'
import { MEASURES_PAGE_SIZE, type MeasuresTableRequest } from '../utils/measures-url'
import { useSessionStore } from './session'

/** A page of a plan's measures table as the API answered it. */
export interface MeasuresTablePage {
  planId: number
  request: MeasuresTableRequest
  /** The page's rows: at most MEASURES_PAGE_SIZE, from row `(page - 1) * MEASURES_PAGE_SIZE` of all matches. */
  rows: readonly MeasureTableItem[]
  /** Every match of the filters, whatever the page. */
  total: number
}

const keyOf = (page: Pick<MeasuresTablePage, 'planId' | 'request'>) => JSON.stringify([page.planId, page.request.query, page.request.page])

export const useMeasuresStore = defineStore('measures', () => {
  // A page is replaced whole, never changed in place: its rows are not deeply reactive.
  const table = shallowRef<MeasuresTablePage | null>(null)
  const measure = ref<Measure | null>(null)
  const history = ref<StatusHistoryEntry[] | null>(null)
  let pending: { key: string; promise: Promise<MeasuresTablePage>; controller: AbortController } | null = null

  /**
   * Loads a page of the table. The same page already under way is awaited, not asked again (the
   * router asks for it as soon as the route is known, the screen again once it is shown); a
   * different one cancels it (typing in the search). A page of another plan first clears the table.
   * `reuse`: the page already shown is answered as it is when it is the one asked for.
   */
  function loadTable(planId: number, request: MeasuresTableRequest, { reuse = false } = {}): Promise<MeasuresTablePage> {
    const key = keyOf({ planId, request })
    if (pending?.key === key) return pending.promise
    if (reuse && table.value && keyOf(table.value) === key) return Promise.resolve(table.value)
    pending?.controller.abort()
    if (table.value && table.value.planId !== planId) table.value = null
    const controller = new AbortController()
    const paging = { view: 'table', limit: MEASURES_PAGE_SIZE, offset: (request.page - 1) * MEASURES_PAGE_SIZE } as const
    const promise = plansService.measuresPage(planId, { ...request.query, ...paging }, controller.signal).then(
      ({ items, total }) => {
        const page: MeasuresTablePage = { planId, request, rows: items, total }
        if (pending?.key === key) {
          table.value = page
          pending = null
        }
        return page
      },
      (error: unknown) => {
        if (pending?.key === key) pending = null
        throw error
      },
    )
    pending = { key, promise, controller }
    return promise
  }

  async function load(id: number) {
    if (measure.value?.id !== id) {
      measure.value = null
      history.value = null
    }
    const [m, h] = await Promise.all([measuresService.get(id), measuresService.history(id)])
    measure.value = m
    history.value = h
    return m
  }

  async function update(id: number, patch: UpdateMeasure) {
    const result = await measuresService.update(id, patch)
    measure.value = result.measure
    history.value = await measuresService.history(id)
    return result
  }

  function clear() {
    pending?.controller.abort()
    pending = null
    table.value = null
    measure.value = null
    history.value = null
  }
  useSessionStore().onForget(clear)

  return { table: computed(() => table.value), measure: readonly(measure), history: readonly(history), loadTable, load, update }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMeasuresStore, import.meta.hot))
