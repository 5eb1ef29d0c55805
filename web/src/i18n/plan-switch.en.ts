// Finding and switching plans in English: the same keys as plan-switch.lv.ts.
import type lv from './plan-switch.lv'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const en: Widen<typeof lv> = {
  navPlans: 'Plans',
  label: 'Plan',
  change: 'change plan',
  listLabel: 'Available plans',
  years: '{start}–{end}',
  current: 'current',
  all: 'All plans',
  lead: 'The plan you work in shows in the header’s plan menu; the system remembers it and opens it again next time. Choose another plan here or in the header.',
}
export default en
