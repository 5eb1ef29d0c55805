import { integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.js'
import { institutions } from './institutions.js'

/**
 * Other ways plan files write an institution ("Valsts policijas", "IeM (VP)", "VBTAI"): learned
 * when a coordinator maps an unknown name in an import, so the next file matches it at once.
 * `key` is the text normalised for matching (case, diacritics and spacing folded).
 */
export const institutionAliases = pgTable('institution_aliases', {
  id: id(),
  key: text('key').notNull().unique(),
  text: text('text').notNull(),
  institutionId: integer('institution_id')
    .notNull()
    .references(() => institutions.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
})
export type InstitutionAlias = typeof institutionAliases.$inferSelect
