import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { bytea, createdAt } from './columns.js'

/**
 * Evidence files, content-addressed by sha256 and stored in chunks, each written in its own short
 * transaction: a large upload never holds the embedded database's one connection for long.
 */
export const fileChunks = pgTable(
  'file_chunks',
  {
    sha256: text('sha256').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.seq] })],
)
