import { type AnyPgColumn, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt, version } from './columns.js'

/** Institutions form a tree: an agency's parent is its ministry. */
export const institutions = pgTable(
  'institutions',
  {
    id: id(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** The official abbreviation documents use ("VP"); null when it has none (then documents print the name). */
    abbreviation: text('abbreviation'),
    kind: text('kind', { enum: ['ministry', 'agency', 'municipality', 'ngo', 'other'] }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => institutions.id),
    /** Its users sign in only through single sign-on (OpenID Connect): their passwords are refused. */
    ssoRequired: boolean('sso_required').notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('institutions_parent_idx').on(t.parentId)],
)
export type Institution = typeof institutions.$inferSelect
export type NewInstitution = typeof institutions.$inferInsert
