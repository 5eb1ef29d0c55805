import { integer, jsonb, pgTable } from 'drizzle-orm/pg-core'
import { updatedAt, version } from './columns.js'
import { plans } from './plans.js'
import { users } from './users.js'

/** The coordinator's narrative sections of a plan's informative report, versioned as one document. */
export const reportNarratives = pgTable('report_narratives', {
  planId: integer('plan_id')
    .primaryKey()
    .references(() => plans.id, { onDelete: 'cascade' }),
  /** The report's content (`ReportContent`): outline with sections, action-line and financing narratives, settings. */
  content: jsonb('content').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  version: version(),
  updatedAt: updatedAt(),
})

export type ReportNarrative = typeof reportNarratives.$inferSelect
