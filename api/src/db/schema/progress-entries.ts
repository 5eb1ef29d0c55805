import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.js'
import { institutions } from './institutions.js'
import { measures } from './measures.js'
import { submissions } from './submissions.js'

/** Izpildes gaita: what an institution reported on a measure for a period, in the annex's order. */
export const progressEntries = pgTable(
  'progress_entries',
  {
    id: id(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    period: text('period'),
    text: text('text').notNull(),
    position: integer('position').notNull(),
    /** The accepted submission this entry came from; null for imported history. */
    submissionId: integer('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  // By submission: undoing an acceptance removes the entries it wrote.
  (t) => [index('progress_entries_measure_idx').on(t.measureId), index('progress_entries_submission_idx').on(t.submissionId)],
)

export type ProgressEntry = typeof progressEntries.$inferSelect
