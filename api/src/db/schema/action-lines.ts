import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt, version } from './columns.js'
import { plans } from './plans.js'

export const actionLines = pgTable(
  'action_lines',
  {
    id: id(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    title: text('title').notNull(),
    goal: text('goal'),
    position: integer('position').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('action_lines_plan_number_idx').on(t.planId, t.number)],
)

export type ActionLine = typeof actionLines.$inferSelect
