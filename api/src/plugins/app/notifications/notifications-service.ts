// Notifications as a service (`fastify.notifications`): `raise` for the services that have news,
// the caller's own list and read marks, their preferences (language, e-mail kinds off), the admin's
// view of the outbox, and `deliver` — one pass of the outbox worker — for the loop and the tests.
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import {
  canSeePlan,
  ErrorCode,
  fieldErrors,
  type MyNotifications,
  type NotificationKind,
  type NotificationsQuery,
  type OutboxItem,
  type Preferences,
  type UpdatePreferences,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { mailOutbox, notifications, plans, users } from '../../../db/schema/index.js'
import type { Actor, UserActor } from '../auth/actor.js'
import { createMailer, type Mailer } from './mailer.js'
import { raise, systemClock, type Clock, type NotificationEvent, type RaiseResult } from './notifier.js'
import { deliverDue, type DeliveryResult } from './outbox-worker.js'
import { notificationTitle, type Language, type NotificationParams } from './texts.js'

/** A plan row by id, or null: whether the user may see it is the policy's (`canSeePlan`). */
async function planRowOrNull(executor: DbOrTx, id: number) {
  const [row] = await executor.select().from(plans).where(eq(plans.id, id))
  return row ?? null
}

export interface NotificationsOptions {
  publicUrl: string
  smtpUrl?: string
  mailFrom: string
}

export function createNotificationsService(fastify: FastifyInstance, options: NotificationsOptions) {
  const { db } = fastify
  let mailer: Mailer | undefined
  const mailerOf = () => (mailer ??= createMailer({ smtpUrl: options.smtpUrl, from: options.mailFrom, log: fastify.log }))

  async function languageOf(userId: number): Promise<Language> {
    const [row] = await db.select({ language: users.language }).from(users).where(eq(users.id, userId))
    return (row?.language ?? 'lv') as Language
  }

  const service = {
    /** The time the notification code reads (the outbox's due times, the reminders); tests replace it. */
    clock: systemClock as Clock,

    /** Inside the caller's transaction: notify each recipient once per event, and queue their e-mails. */
    raise(tx: DbOrTx, event: NotificationEvent): Promise<RaiseResult> {
      return raise(tx, event, { publicUrl: options.publicUrl, clock: service.clock })
    },

    /** One pass of the outbox worker: send what is due now. */
    deliver(limit?: number): Promise<DeliveryResult> {
      return deliverDue(db, mailerOf(), service.clock, { limit })
    },

    /** The caller's notifications, newest first, titled in their language, and how many are unread. */
    async list(actor: UserActor, query: NotificationsQuery): Promise<MyNotifications> {
      const language = await languageOf(actor.id)
      const mine = eq(notifications.userId, actor.id)
      const rows = await db
        .select()
        .from(notifications)
        .where(query.unread ? and(mine, isNull(notifications.readAt)) : mine)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(query.limit)
      const [unread] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)))
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind as NotificationKind,
          title: notificationTitle(r.kind, r.params as NotificationParams, language),
          link: r.link,
          createdAt: r.createdAt.toISOString(),
          readAt: r.readAt?.toISOString() ?? null,
        })),
        unread: Number(unread?.n ?? 0),
      }
    },

    /** Marks the caller's notifications read: those named (others' ids are ignored), or all. */
    async markRead(actor: UserActor, ids?: number[]): Promise<number> {
      if (ids && !ids.length) return 0
      const unreadMine = and(eq(notifications.userId, actor.id), isNull(notifications.readAt))
      const updated = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(ids ? and(unreadMine, inArray(notifications.id, ids)) : unreadMine)
        .returning({ id: notifications.id })
      return updated.length
    },

    /** The caller's preferences; a last plan it may no longer see reads as none. */
    async preferences(actor: UserActor): Promise<Preferences> {
      const [row] = await db
        .select({ language: users.language, emailOff: users.emailOff, lastPlanId: users.lastPlanId })
        .from(users)
        .where(eq(users.id, actor.id))
      const lastPlan = row?.lastPlanId ? await planRowOrNull(db, row.lastPlanId) : null
      return {
        language: (row?.language ?? 'lv') as Language,
        emailOff: (row?.emailOff ?? []) as NotificationKind[],
        lastPlanId: lastPlan && canSeePlan(actor as Actor, lastPlan) ? lastPlan.id : null,
      }
    },

    /**
     * Stores the caller's language, e-mail opt-outs and the plan it last worked in (one it may
     * see: an unknown plan and another's draft are the same 400). A change is audited; a write
     * that changes nothing (the app remembering the plan already remembered) is not made.
     */
    async updatePreferences(actor: UserActor, input: UpdatePreferences): Promise<Preferences> {
      return db.transaction(async (tx) => {
        if (input.lastPlanId) {
          const plan = await planRowOrNull(tx, input.lastPlanId)
          if (!plan || !canSeePlan(actor as Actor, plan))
            throw fieldErrors(ErrorCode.validationFailed, [{ path: '/lastPlanId', message: 'is not a plan you may open' }])
        }
        const [before] = await tx
          .select({ language: users.language, emailOff: users.emailOff, lastPlanId: users.lastPlanId })
          .from(users)
          .where(eq(users.id, actor.id))
          .for('update')
        const after = {
          language: input.language ?? before!.language,
          emailOff: input.emailOff ?? before!.emailOff,
          lastPlanId: input.lastPlanId === undefined ? before!.lastPlanId : input.lastPlanId,
        }
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          await tx.update(users).set(after).where(eq(users.id, actor.id))
          await fastify.audit.record(tx, actor as Actor, {
            action: 'preferences.update',
            entityType: 'user',
            entityId: actor.id,
            before,
            after,
          })
        }
        return after as Preferences
      })
    },

    /** The outbox, newest first (admins). */
    async outbox(limit = 100): Promise<OutboxItem[]> {
      const rows = await db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit)
      return rows.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        text: r.text,
        state: r.state,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      }))
    },

    close() {
      mailer?.close()
    },
  }
  return service
}

export type NotificationsService = ReturnType<typeof createNotificationsService>
