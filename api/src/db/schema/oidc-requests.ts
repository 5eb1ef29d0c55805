import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.js'

/**
 * A single sign-on begun and not yet finished: what the callback must check and send (`nonce`, the
 * PKCE verifier). Kept here rather than in the process, so any process behind the proxy can finish
 * it; `id` is the sha256 of the `state` (the browser holds the state itself in a short-lived cookie).
 * Taken (deleted) by the callback, so a state is good for one try; expired rows are swept at the next start.
 */
export const oidcRequests = pgTable('oidc_requests', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
})
