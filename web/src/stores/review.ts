// Submissions waiting for the current reviewer across open rounds, as the API's one review queue
// (GET /api/my/review): a ministry coordinator endorses or returns its sector's submitted work; the
// plan coordinator accepts or returns what was submitted or endorsed. The review list reads the
// queue; a load already under way or just finished is shared, so opening the list costs one request.
// The header's badge needs only the number (GET /api/my/review/count), and takes the queue's total
// when the queue has just been read instead.
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

  /** The number waiting, as last counted or read with the queue, and for whom. */
  const counted = ref<{ userId: number | null; count: number; at: number } | null>(null)
  let counting: Promise<number> | null = null
  let countingFor: number | null = null

  /** The number waiting for the user logged in now, if known: the header's badge. */
  const count = computed(() => (counted.value && counted.value.userId === session.user?.id ? counted.value.count : null))

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
        counted.value = { userId, count: result.total, at: loadedAt.value }
      }
      return result
    } finally {
      if (loading === request) loading = null
    }
  }

  /**
   * The number waiting, counted afresh unless a count or a queue read for the same user is under way
   * or one is younger than `maxAgeMs`.
   */
  async function loadCount(maxAgeMs = 0): Promise<number> {
    const userId = session.user?.id ?? null
    if (loading && loadingFor === userId) return (await loading).total
    if (counting && countingFor === userId) return counting
    if (counted.value && counted.value.userId === userId && Date.now() - counted.value.at < maxAgeMs) return counted.value.count
    countingFor = userId
    const request = roundsService.myReviewCount().then(({ count }) => count)
    counting = request
    try {
      const result = await request
      if (counting === request) counted.value = { userId, count: result, at: Date.now() }
      return result
    } finally {
      if (counting === request) counting = null
    }
  }

  function clear() {
    loaded.value = null
    loadedAt.value = 0
    loadedFor.value = null
    counted.value = null
  }

  session.onForget(clear)

  return { queue, total, count, load, loadCount, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewStore, import.meta.hot))
