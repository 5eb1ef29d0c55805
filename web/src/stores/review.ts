// Submissions waiting for the current reviewer, across every plan's rounds: a ministry coordinator
// endorses or returns its sector's submitted work; the plan coordinator accepts or returns what
// was submitted or endorsed.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref } from 'vue'
import type { RoundListItem, SubmissionListItem, SubmissionState } from '@apt/shared'
import { plansService } from '../services/plans'
import { roundsService } from '../services/rounds'
import { useSessionStore } from './session'

export interface WaitingItem {
  submission: SubmissionListItem
  round: RoundListItem
  planCode: string
}

export const useReviewStore = defineStore('review', () => {
  const waiting = ref<WaitingItem[] | null>(null)

  /** The states this user acts on. */
  function states(): SubmissionState[] {
    const role = useSessionStore().role
    if (role === 'ministry_coordinator') return ['submitted']
    if (role === 'plan_coordinator' || role === 'admin') return ['endorsed', 'submitted']
    return []
  }

  async function load() {
    const wanted = states()
    const plans = await plansService.list()
    const perPlan = await Promise.all(plans.map(async (plan) => ({ plan, rounds: await roundsService.list(plan.id) })))
    const jobs = perPlan.flatMap(({ plan, rounds }) =>
      rounds.flatMap((round) =>
        wanted.map(async (state) =>
          (await roundsService.submissions(round.id, { state })).map((submission) => ({ submission, round, planCode: plan.code })),
        ),
      ),
    )
    const items = (await Promise.all(jobs)).flat()
    // Endorsed first (they passed the ministry), then the oldest submission first.
    items.sort(
      (a, b) =>
        wanted.indexOf(a.submission.state) - wanted.indexOf(b.submission.state) ||
        (a.submission.submittedAt ?? '').localeCompare(b.submission.submittedAt ?? ''),
    )
    waiting.value = items
    return items
  }

  return { waiting: readonly(waiting), load, states }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReviewStore, import.meta.hot))
