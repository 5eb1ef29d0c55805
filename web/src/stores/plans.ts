// The plans, the plan being looked at (its action lines) and its summary counts.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import type { Plan, PlanListItem, PlanSummary } from '@apt/shared'
import { plansService } from '../services/plans'

const LAST_PLAN_KEY = 'apt.plan'

export const usePlansStore = defineStore('plans', () => {
  const plans = ref<PlanListItem[] | null>(null)
  const plan = ref<Plan | null>(null)
  const summary = ref<PlanSummary | null>(null)

  async function loadPlans(force = false) {
    if (plans.value && !force) return plans.value
    plans.value = await plansService.list()
    return plans.value
  }

  /**
   * The plan to show when a link does not name one: the one last opened, else the newest plan the
   * user runs (its `abilities.edit`: a coordinator starts on its own plan), else the newest.
   */
  const defaultPlanId = computed(() => {
    const list = plans.value ?? []
    let remembered: number | null = null
    try {
      remembered = Number(localStorage.getItem(LAST_PLAN_KEY)) || null
    } catch {
      remembered = null
    }
    if (remembered && list.some((p) => p.id === remembered)) return remembered
    const newest = (plans: readonly PlanListItem[]) => (plans.length ? Math.max(...plans.map((p) => p.id)) : null)
    return newest(list.filter((p) => p.abilities.edit)) ?? newest(list)
  })

  async function loadPlan(id: number, force = false) {
    if (plan.value?.id === id && !force) return plan.value
    const loaded = await plansService.get(id)
    plan.value = loaded
    try {
      localStorage.setItem(LAST_PLAN_KEY, String(id))
    } catch {
      /* remembering is a convenience only */
    }
    return loaded
  }

  async function loadSummary(id: number) {
    summary.value = await plansService.summary(id)
    return summary.value
  }

  return { plans: readonly(plans), plan: readonly(plan), summary: readonly(summary), defaultPlanId, loadPlans, loadPlan, loadSummary }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePlansStore, import.meta.hot))
