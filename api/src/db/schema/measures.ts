import { type AnyPgColumn, boolean, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { actionLines } from './action-lines.js'
import { createdAt, id, updatedAt, version } from './columns.js'
import { plans } from './plans.js'

export const measures = pgTable(
  'measures',
  {
    id: id(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actionLineId: integer('action_line_id')
      .notNull()
      .references(() => actionLines.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    sourceRef: text('source_ref'),
    title: text('title').notNull(),
    /** Null text means the plan gives no deadline at all. */
    deadlineText: text('deadline_text'),
    deadlineDue: date('deadline_due'),
    /** False when the plan states no budget (the document's `budget: null`). */
    hasBudget: boolean('has_budget').notNull().default(true),
    budgetText: text('budget_text'),
    expectedResult: text('expected_result'),
    indicator: text('indicator'),
    status: text('status', { enum: ['done', 'partial', 'not_done', 'pending'] })
      .notNull()
      .default('pending'),
    assessment: text('assessment'),
    /** Set when an amendment took the measure out of the plan (both or neither): left out of counts. */
    excludedAct: text('excluded_act'),
    excludedDate: date('excluded_date'),
    position: integer('position').notNull(),
    /** The measure of an earlier plan this one continues. */
    carriedFromId: integer('carried_from_id').references((): AnyPgColumn => measures.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // A plan's measures are read in its order (lists, exports, the report).
  (t) => [
    uniqueIndex('measures_plan_number_idx').on(t.planId, t.number),
    index('measures_plan_position_idx').on(t.planId, t.position),
    index('measures_action_line_idx').on(t.actionLineId),
    index('measures_carried_from_idx').on(t.carriedFromId),
  ],
)

export type Measure = typeof measures.$inferSelect
export type NewMeasure = typeof measures.$inferInsert
