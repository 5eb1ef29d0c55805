import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { bytea, createdAt, id } from './columns.js'
import { plans } from './plans.js'
import { users } from './users.js'

/**
 * Every `report.docx` exported, kept as it was sent (who, when, its bytes and sha256, the figures
 * at that moment), so the coordinator can always find the version that went to the Cabinet.
 */
export const reportExports = pgTable(
  'report_exports',
  {
    id: id(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    /** `ReportExport['figures']`: the status counts when exported. */
    figures: jsonb('figures').notNull(),
    /** When the coordinator published this export with the plan; null: not public. */
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('report_exports_plan_idx').on(t.planId, t.createdAt)],
)
export type ReportExportRow = typeof reportExports.$inferSelect
