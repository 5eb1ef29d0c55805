// Messages about things that happened asynchronously (saved, submitted, failed), read out by
// screen readers through the live regions in App.vue. Errors stay until dismissed; the rest fade.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref } from 'vue'

export type NoticeKind = 'success' | 'info' | 'warning' | 'error'
export interface Notice {
  id: number
  kind: NoticeKind
  text: string
}

const AUTO_DISMISS_MS = 8000

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function dismiss(id: number) {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  function push(kind: NoticeKind, text: string): number {
    const id = nextId++
    // The same message twice in a row is one message.
    notices.value = [...notices.value.filter((n) => n.text !== text), { id, kind, text }]
    if (kind === 'success' || kind === 'info') setTimeout(() => dismiss(id), AUTO_DISMISS_MS)
    return id
  }

  function clear() {
    notices.value = []
  }

  return { notices: readonly(notices), push, dismiss, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNoticesStore, import.meta.hot))
