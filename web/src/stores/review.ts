// Submissions waiting for the current reviewer across open rounds, as the API's one review queue
// (GET /api/my/review): a ministry coordinator endorses or returns its sector's submitted work; the
// plan coordinator accepts or returns what was submitted or endorsed. The header's badge and the
// review list read the same queue; a load already under way or just finished is shared, so opening
// the review list costs one request.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ReviewQueue } from '@apt/shared'
import { roundsService } from '../services/rounds'
import { useSessionStore } from './session'

export const useReviewStore = defineStore('review', () => {
  const session = useSessionStore()
  const loaded = shallowRef<ReviewQueue | null>(null)
  /** When, and for whom, the queue was read: another user's queue is never shown. */
  const loadedAt = ref(0)
  const loadedFor = ref<number | null>(null)
  let loading: Promise<ReviewQueue> | null = null
  let loadingFor: number | null = null

  /** The queue read for the user logged in now, if any. */
  const queue = computed(() => (loadedFor.value !== null && loadedFor.value === session.user?.id ? loaded.value : null))

  const total = computed(() => queue.value?.total ?? 0)

  /**
   * The queue, read afresh unless a read for the same user is under way or is younger than
   * `maxAgeMs` (0: always read, e.g. after reviewing something).
   */
  async function load(maxAgeMs = 0): Promise<ReviewQueue> {
    const userId = session.user?.id ?? null
    if (loading && loadingFor === userId) return loading
    if (queue.value && Date.now() - loadedAt.value < maxAgeMs) return queue.value
    loadingFor = userId
    const request = roundsService.myReview()
    loading = request
    try {
      const result = await request
      if (loading === request) {
        loaded.value = result
        loadedAt.value = Date.now()
        loadedFor.value = userId
      }
      return result
    } finally {
      if (loading === request) loading = null
    }
  }

  function clear() {
    loaded.value = null
    loadedAt.value = 0
    loadedFor.value = null
  }

  return { queue, total, load, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewStore, import.meta.hot))
