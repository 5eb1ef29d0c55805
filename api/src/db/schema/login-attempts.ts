import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Counters of login and password-change attempts, one row per throttle key (an address, an account
 * from an address, an account), each over a fixed window. A counter is raised atomically before a
 * password is checked, so a concurrent burst is counted like a slow one.
 */
export const loginAttempts = pgTable('login_attempts', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  count: integer('count').notNull(),
})
