import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { id } from './columns.js'

/** Failed logins, counted per e-mail and per address to slow and then refuse guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: id(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_email_idx').on(t.email, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
)
