import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.js'
import { users } from './users.js'

/** Server-side sessions; `id` is the sha256 of the cookie value, so a database leak yields no live cookie. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** For a session begun by single sign-on: the provider's id and its ID token, to end the provider's session at logout. */
    ssoProvider: text('sso_provider'),
    ssoIdToken: text('sso_id_token'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export type Session = typeof sessions.$inferSelect
