import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.js'
import { users } from './users.js'

/**
 * A user's account at an OpenID Connect provider: the provider's id in our configuration (`OIDC_ID`,
 * or an entry of `OIDC_PROVIDERS_FILE`) and the `sub` its ID tokens carry. Stored at the first sign-in
 * (matched then by verified e-mail), so later sign-ins match by subject even when the e-mail changes.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: id(),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('user_identities_provider_subject_idx').on(t.provider, t.subject), index('user_identities_user_idx').on(t.userId)],
)

export type UserIdentity = typeof userIdentities.$inferSelect
