// Autosave of the report's content, as the submission editor saves its drafts: a second and a half
// after the last change the whole content goes with the version last read; one request at a time
// (saving again if typing went on); "Saglabā…" / "Saglabāts hh:mm"; a failure offers a retry and
// keeps the text. A stale version (409) stops saving, keeps the user's text on screen and fetches
// the newer one so the user can compare and choose: take the saved one or keep their own over it.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { ReportContent, ReportNarrative } from '@apt/shared'
import { reportService } from '../../services/report'
import { isApiError } from '../../services/api'

const AUTOSAVE_MS = 1500

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

export function useReportAutosave(options: {
  planId: () => number
  content: Ref<ReportContent | null>
  canEdit: () => boolean
  /** Called with what the server holds after each save. */
  onSaved?: (narrative: ReportNarrative) => void
}) {
  const version = ref(0)
  const savedJson = ref('')
  const saveState = ref<SaveState>('idle')
  const savedAt = ref<Date | null>(null)
  const saveError = ref<unknown>(null)
  /** The newer narrative someone else saved (set by a 409). */
  const conflict = ref<ReportNarrative | null>(null)
  const conflictError = ref<unknown>(null)

  const dirty = computed(() => options.content.value !== null && JSON.stringify(options.content.value) !== savedJson.value)
  const editable = computed(() => options.canEdit() && conflict.value === null && conflictError.value === null)

  /** Takes a narrative as the saved state (after loading or reloading). */
  function accept(narrative: ReportNarrative, content: ReportContent) {
    version.value = narrative.version
    savedJson.value = JSON.stringify(content)
    conflict.value = null
    conflictError.value = null
    saveError.value = null
    saveState.value = 'idle'
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | null = null

  watch(
    options.content,
    () => {
      if (!editable.value || !dirty.value) return
      saveState.value = 'pending'
      clearTimeout(timer)
      timer = setTimeout(() => void save(), AUTOSAVE_MS)
    },
    { deep: true },
  )

  /** Saves the content as it is now; true when nothing is left unsaved. */
  async function save(): Promise<boolean> {
    clearTimeout(timer)
    // One request at a time: whoever waited wakes to find another save under way and waits again.
    while (inFlight) await inFlight
    const content = options.content.value
    if (!content || !editable.value) return !dirty.value
    if (!dirty.value) return true
    const snapshot = JSON.stringify(content)
    saveState.value = 'saving'
    let ok = true
    const mine = (async () => {
      try {
        const saved = await reportService.save(options.planId(), version.value, JSON.parse(snapshot) as ReportContent)
        version.value = saved.version
        savedJson.value = snapshot
        saveError.value = null
        savedAt.value = new Date()
        saveState.value = 'saved'
        options.onSaved?.(saved)
      } catch (e) {
        ok = false
        saveState.value = 'error'
        if (isApiError(e) && e.status === 409) {
          conflictError.value = e
          try {
            conflict.value = await reportService.get(options.planId())
          } catch {
            /* the comparison is a help; the reload button still works */
          }
        } else saveError.value = e
      }
    })()
    inFlight = mine
    await mine
    if (inFlight === mine) inFlight = null
    if (ok && dirty.value) {
      saveState.value = 'pending'
      clearTimeout(timer)
      timer = setTimeout(() => void save(), AUTOSAVE_MS)
    }
    return ok
  }

  /** After a conflict: keep the user's text, saving it over the newer version. */
  async function overwrite(): Promise<boolean> {
    const newer = conflict.value ?? (await reportService.get(options.planId()))
    version.value = newer.version
    conflict.value = null
    conflictError.value = null
    return save()
  }

  onBeforeUnmount(() => clearTimeout(timer))

  return { version, saveState, savedAt, saveError, conflict, conflictError, dirty, editable, accept, save, overwrite }
}
