import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id } from './columns.js'
import { users } from './users.js'

/**
 * What a user is told, in the app: one row per (event, recipient). `eventKey` names the event
 * ("round:12:opened", "round:12:due:7:2026-03-24", "submission:40:returned:3"): the unique index on
 * (user, eventKey) makes every event reach every recipient exactly once, whichever process or retry
 * raises it. Title and link are built from `kind` and `params` in the reader's language.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    eventKey: text('event_key').notNull(),
    /** What the texts need: titles, numbers, dates, the comment, the actor's name. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** The path in the web app, e.g. "/submissions/40". */
    link: text('link').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('notifications_user_event_idx').on(t.userId, t.eventKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
  ],
)
export type Notification = typeof notifications.$inferSelect

/**
 * The e-mail outbox, a durable queue: one row per notification that should go by e-mail. Workers
 * claim due rows with FOR UPDATE SKIP LOCKED and a lease (`lockedUntil`), so two API processes never
 * send one row twice and a process that dies mid-send leaves the row to be sent after the lease.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    notificationId: integer('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** pending → sent, or failed after the last attempt; `logged` when no SMTP server is configured. */
    state: text('state', { enum: ['pending', 'sent', 'failed', 'logged'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_due_idx').on(t.state, t.nextAttemptAt)],
)
export type MailOutboxRow = typeof mailOutbox.$inferSelect
