import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.js'
import { submissions } from './submissions.js'
import { users } from './users.js'

/**
 * A submission's timeline: each step with who took it and when (submitted, endorsed, returned,
 * accepted, acceptance undone) and the comments between its institution and its reviewers. A
 * return keeps the text, proposed status and reason as they were returned, so the reviewer sees
 * what changed when the submission comes back.
 */
export const submissionEvents = pgTable(
  'submission_events',
  {
    id: id(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['submitted', 'endorsed', 'returned', 'accepted', 'unaccepted', 'comment'] }).notNull(),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
    /** The step's comment (a return's request, an acceptance's note, an undo's reason) or the comment itself. */
    comment: text('comment'),
    /** For `returned`: the submission as it was returned. */
    text: text('text'),
    proposedStatus: text('proposed_status', { enum: ['done', 'partial', 'not_done', 'pending'] }),
    reason: text('reason'),
  },
  (t) => [index('submission_events_submission_idx').on(t.submissionId, t.id)],
)
export type SubmissionEventRow = typeof submissionEvents.$inferSelect
