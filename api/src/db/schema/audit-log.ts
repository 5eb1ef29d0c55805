import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users.js'

/**
 * Every change, append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE, and
 * the rows form a hash chain (migration 0004) that GET /api/audit/verify checks.
 * A measure's status history is read from here.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    /** Who was named when there is no user yet, e.g. the e-mail of a failed login. */
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** The plan a change belongs to (no foreign key: the log outlives what it describes). */
    planId: integer('plan_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    requestId: text('request_id'),
    ip: text('ip'),
    /**
     * The previous row's `hash` ('' for the first row): the rows form a chain. Set by the database's
     * insert trigger (which may also move `id` past a concurrent insert); never sent by the app.
     */
    prevHash: text('prev_hash').notNull().default(''),
    /** sha256 over this row's content and `prev_hash` (`audit_log_hash()`), set by the database on insert. */
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_plan_idx').on(t.planId),
  ],
)

export type AuditEntry = typeof auditLog.$inferSelect
