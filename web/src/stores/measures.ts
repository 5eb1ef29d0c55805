// The measures table of a plan (with its filters) and the measure being looked at.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref, shallowRef } from 'vue'
import type { Measure, MeasureQuery, MeasureTableItem, StatusHistoryEntry, UpdateMeasure } from '@apt/shared'
import { plansService } from '../services/plans'
import { measuresService } from '../services/measures'

export const useMeasuresStore = defineStore('measures', () => {
  // The table's rows are replaced whole, never changed in place: no deep reactivity over 1,000 rows.
  const list = shallowRef<readonly MeasureTableItem[] | null>(null)
  const measure = ref<Measure | null>(null)
  const history = ref<StatusHistoryEntry[] | null>(null)
  let listController: AbortController | null = null

  /** Loads the list; a newer call cancels an older one still under way (typing in the search). */
  async function loadList(planId: number, query: MeasureQuery) {
    listController?.abort()
    const controller = new AbortController()
    listController = controller
    const rows = await plansService.measuresTable(planId, query, controller.signal)
    if (listController === controller) list.value = rows
    return rows
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

  return { list: computed(() => list.value), measure: readonly(measure), history: readonly(history), loadList, load, update }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMeasuresStore, import.meta.hot))
