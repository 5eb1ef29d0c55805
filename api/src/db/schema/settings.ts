import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { updatedAt, version } from './columns.js'
import { users } from './users.js'

/**
 * The product's own settings an admin changes, one row per key (`SettingKey` in @apt/shared), its
 * value a small JSON document; an absent row means the default. The first is the open-data licence.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  version: version(),
  updatedAt: updatedAt(),
})

export type SettingRow = typeof settings.$inferSelect
