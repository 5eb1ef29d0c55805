import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
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
