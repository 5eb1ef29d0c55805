import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt, version } from './columns.js'
import { measures } from './measures.js'
import { plans } from './plans.js'
import { users } from './users.js'

/** A reporting round: a call for input on one plan, about a chosen set of its measures. */
export const rounds = pgTable(
  'rounds',
  {
    id: id(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The period the round covers, as the progress entries will show it, e.g. "2023-2024". */
    period: text('period').notNull(),
    dueDate: date('due_date').notNull(),
    /** Days before the due date on which those still owing are reminded (default 7 and 1). */
    reminderDays: jsonb('reminder_days').$type<number[]>().notNull().default([7, 1]),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdBy: integer('created_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Every list of open rounds (my work, the review queue, reminders) filters by state.
  (t) => [index('rounds_plan_idx').on(t.planId), index('rounds_state_due_idx').on(t.state, t.dueDate)],
)

export const roundMeasures = pgTable(
  'round_measures',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
  },
  // By measure too: which open rounds ask about a measure, and a measure's removal.
  (t) => [primaryKey({ columns: [t.roundId, t.measureId] }), index('round_measures_measure_idx').on(t.measureId)],
)

export type Round = typeof rounds.$inferSelect
