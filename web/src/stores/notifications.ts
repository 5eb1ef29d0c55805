// The bell: the user's latest notifications and the unread count, read at start, every minute and
// on each navigation (no push channel). The list shown belongs to the user logged in now; another
// user's is never shown. Marking read updates the list at once and then asks the API.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { NotificationView } from '@apt/shared'
import { notificationsService } from '../services/notifications'
import { useSessionStore } from './session'

/** How many of the latest the bell's panel shows. */
export const BELL_LIMIT = 8

export const useNotificationsStore = defineStore('notifications', () => {
  const session = useSessionStore()
  const items = shallowRef<NotificationView[]>([])
  const unreadCount = ref(0)
  const loadedFor = ref<number | null>(null)
  let loading: Promise<void> | null = null
  /** Bumped by every mark: a read that started before it is stale and not applied. */
  let generation = 0
  let loadingGeneration = -1

  const mine = computed(() => loadedFor.value !== null && loadedFor.value === session.user?.id)
  const latest = computed(() => (mine.value ? items.value : []))
  const unread = computed(() => (mine.value ? unreadCount.value : 0))

  /** Reads the latest and the unread count; a read already under way (and still current) is shared. */
  function refresh(): Promise<void> {
    if (session.status !== 'authenticated' || !session.user) return Promise.resolve()
    if (loading && loadingGeneration === generation) return loading
    const userId = session.user.id
    const started = generation
    const request = notificationsService.list({ limit: BELL_LIMIT }).then((result) => {
      if (session.user?.id !== userId || started !== generation) return
      items.value = result.items
      unreadCount.value = result.unread
      loadedFor.value = userId
    })
    loading = request
    loadingGeneration = started
    void request
      .finally(() => {
        if (loading === request) loading = null
      })
      .catch(() => undefined)
    return request
  }

  /** Marks some read (none given: all), then reads the count again. */
  async function markRead(ids?: number[]) {
    generation++
    const now = new Date().toISOString()
    const marked = new Set(ids ?? items.value.map((n) => n.id))
    const before = items.value.filter((n) => marked.has(n.id) && !n.readAt).length
    items.value = items.value.map((n) => (marked.has(n.id) && !n.readAt ? { ...n, readAt: now } : n))
    unreadCount.value = ids ? Math.max(0, unreadCount.value - before) : 0
    try {
      await notificationsService.markRead(ids)
    } finally {
      generation++
      await refresh().catch(() => undefined)
    }
  }

  function clear() {
    items.value = []
    unreadCount.value = 0
    loadedFor.value = null
  }

  session.onForget(clear)

  return { latest, unread, refresh, markRead, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNotificationsStore, import.meta.hot))
