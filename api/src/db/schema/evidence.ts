import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { bytea, createdAt, id } from './columns.js'
import { submissions } from './submissions.js'
import { users } from './users.js'

/** A file (bytes kept in the database, so the API stays stateless) or a link, attached to a submission. */
export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['file', 'link'] }).notNull(),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    size: integer('size'),
    sha256: text('sha256'),
    content: bytea('content'),
    url: text('url'),
    title: text('title'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    /** Marked public (when accepted, or later by the plan's coordinator): downloadable from the published plan. */
    public: boolean('public').notNull().default(false),
    /** When `public` last changed: the public data's Last-Modified moves with it. */
    publicChangedAt: timestamp('public_changed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('evidence_submission_idx').on(t.submissionId),
    // "Is this file still referenced?" when evidence is deleted and when orphan chunks are swept.
    index('evidence_sha256_idx').on(t.sha256),
    uniqueIndex('evidence_submission_sha_idx')
      .on(t.submissionId, t.sha256)
      .where(sql`${t.sha256} is not null`),
  ],
)

export type Evidence = typeof evidence.$inferSelect
