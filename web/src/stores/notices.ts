// Messages about things that happened asynchronously (saved, submitted, failed), read out by
// screen readers through the live regions of NoticeArea. They stand at the top of the page's
// content, in its flow (as GOV.UK's notification banners do), never over it: so they do not fade
// on a timer (the content would jump), they stay until dismissed or until the user moves on to
// another page. A notice pushed on the way to a page (saved, then sent on) is that page's.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref } from 'vue'

export type NoticeKind = 'success' | 'info' | 'warning' | 'error'
export interface Notice {
  id: number
  kind: NoticeKind
  text: string
  /** When it was pushed (ms). */
  at: number
}

/** How long before a navigation a notice still belongs to the page it leads to. */
const CARRIES_OVER_MS = 2000
/** The most notices shown at once: the latest. */
const MAX_SHOWN = 3

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function dismiss(id: number) {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  function push(kind: NoticeKind, text: string): number {
    const id = nextId++
    // The same message twice in a row is one message.
    notices.value = [...notices.value.filter((n) => n.text !== text), { id, kind, text, at: Date.now() }].slice(-MAX_SHOWN)
    return id
  }

  /** After a navigation: what the previous page said goes; what was said on the way here stays. */
  function pageChanged(now = Date.now()) {
    notices.value = notices.value.filter((n) => now - n.at <= CARRIES_OVER_MS)
  }

  function clear() {
    notices.value = []
  }

  return { notices: readonly(notices), push, dismiss, pageChanged, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNoticesStore, import.meta.hot))
