// `raise`: the one way an event reaches people. Called INSIDE the caller's transaction, so a
// notification exists exactly when the change committed. One notification per (recipient, event
// key) — the unique index makes a second raise of the same event a no-op — and, for each new one
// whose user has e-mail on for that kind, one outbox row rendered in the user's language. The
// outbox worker (./outbox-worker.ts) sends it later; `raise` never talks to a mail server.
import { inArray } from 'drizzle-orm'
import type { NotificationKind } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { mailOutbox, notifications, users } from '../../../db/schema/index.js'
import { renderMail, type Language, type NotificationParams } from './texts.js'

/** The time the notification code reads; tests hand in their own. */
export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

export interface NotificationEvent {
  kind: NotificationKind
  /** Names the event, e.g. "round:12:opened", "submission:40:returned:3": raised twice, told once. */
  eventKey: string
  /** User ids; duplicates are ignored. */
  recipients: readonly number[]
  params: NotificationParams
  /** The path in the web app, e.g. "/submissions/40". */
  link: string
}

export interface RaiseResult {
  /** Users newly notified (a repeat of an event they already had is left out). */
  notified: number[]
  /** Outbox rows written. */
  mailed: number
}

export async function raise(tx: DbOrTx, event: NotificationEvent, context: { publicUrl: string; clock: Clock }): Promise<RaiseResult> {
  const recipients = [...new Set(event.recipients)].filter((id) => Number.isInteger(id) && id > 0)
  if (!recipients.length) return { notified: [], mailed: 0 }
  const created = await tx
    .insert(notifications)
    .values(recipients.map((userId) => ({ userId, kind: event.kind, eventKey: event.eventKey, params: event.params, link: event.link })))
    .onConflictDoNothing({ target: [notifications.userId, notifications.eventKey] })
    .returning({ id: notifications.id, userId: notifications.userId })
  if (!created.length) return { notified: [], mailed: 0 }

  const people = await tx
    .select({ id: users.id, email: users.email, language: users.language, emailOff: users.emailOff, active: users.active })
    .from(users)
    .where(
      inArray(
        users.id,
        created.map((c) => c.userId),
      ),
    )
  const byId = new Map(people.map((p) => [p.id, p]))
  const now = context.clock.now()
  const mails = created.flatMap((n) => {
    const person = byId.get(n.userId)
    if (!person || !person.active || person.emailOff.includes(event.kind)) return []
    const mail = renderMail(event.kind, event.params, person.language as Language, event.link, context.publicUrl)
    return [{ notificationId: n.id, userId: n.userId, toAddress: person.email, ...mail, state: 'pending' as const, nextAttemptAt: now }]
  })
  if (mails.length) await tx.insert(mailOutbox).values(mails)
  return { notified: created.map((c) => c.userId), mailed: mails.length }
}
