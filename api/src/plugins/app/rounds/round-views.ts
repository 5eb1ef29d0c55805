// Round rows → API shapes. The caller's abilities are computed by the service and passed in.
import type { RoundAbilities, RoundListItem } from '@apt/shared'
import { isOverdue } from '@apt/shared'
import type { Round as RoundRow } from '../../../db/schema/index.js'
import { countItems, type OwedItem } from './completeness.js'

export function toRoundListItem(
  row: RoundRow,
  owed: OwedItem[],
  measureCount: number,
  today: string,
  abilities: RoundAbilities,
): RoundListItem {
  const overdue = isOverdue(row.dueDate, today)
  return {
    id: row.id,
    planId: row.planId,
    title: row.title,
    period: row.period,
    dueDate: row.dueDate,
    reminderDays: row.reminderDays,
    state: row.state,
    overdue,
    measureCount,
    counts: countItems(owed, overdue),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
    abilities,
  }
}
