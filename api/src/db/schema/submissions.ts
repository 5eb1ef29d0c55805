import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt, version } from './columns.js'
import { institutions } from './institutions.js'
import { measures } from './measures.js'
import { rounds } from './rounds.js'
import { users } from './users.js'

/** One institution's progress report on one measure in one round. */
export const submissions = pgTable(
  'submissions',
  {
    id: id(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    text: text('text').notNull().default(''),
    proposedStatus: text('proposed_status', { enum: ['done', 'partial', 'not_done', 'pending'] })
      .notNull()
      .default('pending'),
    reason: text('reason'),
    state: text('state', { enum: ['draft', 'submitted', 'endorsed', 'returned', 'accepted'] })
      .notNull()
      .default('draft'),
    returnComment: text('return_comment'),
    createdBy: integer('created_by').references(() => users.id),
    updatedBy: integer('updated_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    endorsedBy: integer('endorsed_by').references(() => users.id),
    endorsedAt: timestamp('endorsed_at', { withTimezone: true, mode: 'date' }),
    acceptedBy: integer('accepted_by').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('submissions_round_measure_institution_idx').on(t.roundId, t.measureId, t.institutionId),
    index('submissions_measure_idx').on(t.measureId),
    index('submissions_institution_idx').on(t.institutionId),
  ],
)

export type Submission = typeof submissions.$inferSelect
