import { type AnyPgColumn, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt, version } from './columns.js'
import { institutions } from './institutions.js'
import { users } from './users.js'

export const plans = pgTable('plans', {
  id: id(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  approvedBy: text('approved_by'),
  coordinatorId: integer('coordinator_id')
    .notNull()
    .references(() => institutions.id),
  reportDue: date('report_due'),
  policyFramework: text('policy_framework'),
  goal: text('goal'),
  /** draft → active → closed (PlanState in @apt/shared); an admin may reopen a closed plan. */
  state: text('state', { enum: ['draft', 'active', 'closed'] })
    .notNull()
    .default('active'),
  /** The plan this one continues (unfinished measures carried over). */
  predecessorId: integer('predecessor_id').references((): AnyPgColumn => plans.id),
  /** When the coordinator published it at /p/{code} and in the open data; null: not public. */
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  publishedBy: integer('published_by').references((): AnyPgColumn => users.id),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export type Plan = typeof plans.$inferSelect
export type NewPlan = typeof plans.$inferInsert
