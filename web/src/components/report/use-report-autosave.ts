// Autosave of the report's content, as the submission editor saves its drafts: a second and a half
// after the last change the whole content goes with the version last read; one request at a time
// (saving again if typing went on); "Saglabā…" / "Saglabāts hh:mm"; a failure offers a retry and
// keeps the text. A stale version (409) stops saving, keeps the user's text on screen and fetches
// the newer one so the user can compare and choose: take the saved one or keep their own over it.
// Content belongs to the plan it was loaded from: a save goes there, whatever plan the page shows
// by the time it fires (the view flushes pending changes before it switches plan).
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { ReportContent, ReportNarrative } from '@apt/shared'
import { reportService } from '../../services/report'
import { isApiError } from '../../services/api'

const AUTOSAVE_MS = 1500

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

export function useReportAutosave(options: {
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

  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | null = null
  /** The plan the content on screen was loaded from: every save of it goes there. */
  let owner: number | null = null

  /** Takes a plan's narrative as the saved state (after loading or reloading). */
  function accept(planId: number, narrative: ReportNarrative, content: ReportContent) {
    if (owner !== planId) clearTimeout(timer)
    owner = planId
    version.value = narrative.version
    savedJson.value = JSON.stringify(content)
    conflict.value = null
    conflictError.value = null
    saveError.value = null
    saveState.value = 'idle'
  }

  watch(
    options.content,
    () => {
      if (!editable.value || owner === null) return
      if (dirty.value) return schedule(owner)
      // Back to what is saved (the refused text taken out, say): nothing waits and nothing failed.
      if (saveState.value === 'pending' || saveState.value === 'error') {
        clearTimeout(timer)
        saveError.value = null
        saveState.value = savedAt.value ? 'saved' : 'idle'
      }
    },
    { deep: true },
  )

  /** A save of `planId`'s content after the pause; the plan is taken now, not when the timer fires. */
  function schedule(planId: number) {
    saveState.value = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => void save(planId), AUTOSAVE_MS)
  }

  /** Saves the content as it is now into the plan it belongs to; true when nothing is left unsaved. */
  async function save(planId = owner): Promise<boolean> {
    clearTimeout(timer)
    // One request at a time: whoever waited wakes to find another save under way and waits again.
    while (inFlight) await inFlight
    // Another plan's content is on screen now: nothing of `planId` is left here to save.
    if (planId === null || planId !== owner) return true
    const content = options.content.value
    if (!content || !editable.value) return !dirty.value
    if (!dirty.value) return true
    const snapshot = JSON.stringify(content)
    saveState.value = 'saving'
    let ok = true
    const mine = (async () => {
      try {
        const saved = await reportService.save(planId, version.value, JSON.parse(snapshot) as ReportContent)
        // The page moved on to another plan meanwhile: this answer is no longer about what is on screen.
        if (owner !== planId) return
        version.value = saved.version
        savedJson.value = snapshot
        saveError.value = null
        savedAt.value = new Date()
        saveState.value = 'saved'
        options.onSaved?.(saved)
      } catch (e) {
        ok = false
        if (owner !== planId) return
        saveState.value = 'error'
        if (isApiError(e) && e.status === 409) {
          conflictError.value = e
          try {
            const newer = await reportService.get(planId)
            if (owner === planId) conflict.value = newer
          } catch {
            /* the comparison is a help; the reload button still works */
          }
        } else saveError.value = e
      }
    })()
    inFlight = mine
    await mine
    if (inFlight === mine) inFlight = null
    if (ok && owner === planId && dirty.value) schedule(planId)
    return ok
  }

  /** After a conflict: keep the user's text, saving it over the newer version. */
  async function overwrite(): Promise<boolean> {
    const planId = owner
    if (planId === null) return false
    const newer = conflict.value ?? (await reportService.get(planId))
    if (owner !== planId) return false
    version.value = newer.version
    conflict.value = null
    conflictError.value = null
    return save(planId)
  }

  onBeforeUnmount(() => clearTimeout(timer))

  return { version, saveState, savedAt, saveError, conflict, conflictError, dirty, editable, accept, save, overwrite }
}
