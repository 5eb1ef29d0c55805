// The plans, the current plan — the one the user works in, which the header's switcher shows and
// every screen without a plan in its address opens — the plan being looked at (its action lines)
// and its summary counts. The current plan is the one last opened; the server keeps it for the
// user (PUT /api/my/preferences { lastPlanId }), so any browser starts where the user left off.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref, watch } from 'vue'
import type { Plan, PlanListItem, PlanSummary } from '@apt/shared'
import { plansService } from '../services/plans'
import { notificationsService } from '../services/notifications'
import { useSessionStore } from './session'

/** Newest period first: by end, then start, then the later created. */
const byPeriodDesc = (a: PlanListItem, b: PlanListItem) =>
  b.period.end.localeCompare(a.period.end) || b.period.start.localeCompare(a.period.start) || b.id - a.id

/**
 * The plan to start in when the user has none: the active plan with the latest period (importing
 * an older plan does not move anyone onto it), else the newest draft the user shapes, else the newest.
 */
export function defaultPlanOf(list: readonly PlanListItem[]): number | null {
  const sorted = [...list].sort(byPeriodDesc)
  return (sorted.find((p) => p.state === 'active') ?? sorted.find((p) => p.state === 'draft') ?? sorted[0])?.id ?? null
}

export const usePlansStore = defineStore('plans', () => {
  const session = useSessionStore()
  const plans = ref<PlanListItem[] | null>(null)
  const plan = ref<Plan | null>(null)
  const summary = ref<PlanSummary | null>(null)
  /** The plan the server remembers for the user (null: none, or not read yet). */
  const lastPlanId = ref<number | null>(null)
  /** The plan opened in this tab; until one is, the remembered one. */
  const openedPlanId = ref<number | null>(null)
  let loading: Promise<PlanListItem[]> | null = null
  /** Counts `use` calls: a plan that finishes loading after another was chosen does not take over. */
  let uses = 0
  /** Bumped when the user changes: an answer asked for the previous user is dropped. */
  let generation = 0

  async function fetchAll() {
    const asked = generation
    const [list, preferences] = await Promise.all([
      plansService.list(),
      // Remembering is a convenience: without it the user starts on the default plan.
      notificationsService.preferences().catch(() => null),
    ])
    if (asked !== generation) return list
    plans.value = list
    if (preferences) lastPlanId.value = preferences.lastPlanId
    return list
  }

  /** The plans the user may see (and, the first time, the plan the server remembers). */
  function loadPlans(force = false): Promise<PlanListItem[]> {
    if (plans.value && !force) return Promise.resolve(plans.value)
    if (!loading) {
      const pending: Promise<PlanListItem[]> = fetchAll().finally(() => {
        if (loading === pending) loading = null
      })
      loading = pending
    }
    return loading
  }

  /** Plans, newest period first: the order the switcher offers them in. */
  const sorted = computed(() => [...(plans.value ?? [])].sort(byPeriodDesc))

  /**
   * The current plan: the one opened in this tab, else the one the user last worked in while it
   * is still in use (a closed plan is history: the user starts on the current one), else the default.
   */
  const currentPlanId = computed(() => {
    const list = plans.value ?? []
    const find = (id: number | null) => (id === null ? undefined : list.find((p) => p.id === id))
    const opened = find(openedPlanId.value)
    if (opened) return opened.id
    const remembered = find(lastPlanId.value)
    if (remembered && remembered.state !== 'closed') return remembered.id
    return defaultPlanOf(list)
  })
  const currentPlan = computed(() => plans.value?.find((p) => p.id === currentPlanId.value) ?? null)

  /** Makes the plan the current one and has the server remember it (once the list says the user may open it). */
  async function use(id: number) {
    uses++
    openedPlanId.value = id
    const list = await loadPlans().catch(() => [] as PlanListItem[])
    if (openedPlanId.value !== id || lastPlanId.value === id || !list.some((p) => p.id === id)) return
    const previous = lastPlanId.value
    lastPlanId.value = id
    try {
      await notificationsService.updatePreferences({ lastPlanId: id })
    } catch {
      if (lastPlanId.value === id) lastPlanId.value = previous
    }
  }

  /** The plan asked for last: an answer for an earlier one (the user moved on meanwhile) is not shown. */
  let latestPlanAsked: number | null = null

  /**
   * Opens a plan: its detail, and it becomes the current plan (a measure's page names no plan in
   * its address) — unless another plan became current while it loaded.
   */
  async function loadPlan(id: number, force = false) {
    latestPlanAsked = id
    if (plan.value?.id === id && !force) return plan.value
    const usesBefore = uses
    const loaded = await plansService.get(id)
    if (latestPlanAsked !== id) return loaded
    plan.value = loaded
    if (uses === usesBefore || openedPlanId.value === id) void use(id)
    return loaded
  }

  async function loadSummary(id: number) {
    summary.value = await plansService.summary(id)
    return summary.value
  }

  /** Another user (or none) in this tab: nothing of the previous one's stays. */
  function clear() {
    generation++
    loading = null
    plans.value = null
    plan.value = null
    summary.value = null
    lastPlanId.value = null
    openedPlanId.value = null
  }
  watch(
    () => session.user?.id,
    (now, before) => {
      if (now !== before) clear()
    },
  )

  session.onForget(clear)

  return {
    plans: readonly(plans),
    plan: readonly(plan),
    summary: readonly(summary),
    sorted,
    currentPlanId,
    currentPlan,
    loadPlans,
    loadPlan,
    loadSummary,
    use,
    clear,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePlansStore, import.meta.hot))
