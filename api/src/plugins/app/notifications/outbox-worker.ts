// The outbox worker: claims due pending rows with FOR UPDATE SKIP LOCKED and a lease
// (`locked_until`), sends them, marks them sent. Two processes never claim one row (SKIP LOCKED, and
// the lease keeps it theirs after the claim commits); a process that dies between claim and send
// leaves a lease that expires, and the row is claimed again. SMTP errors are retried with an
// exponential backoff (1, 5, 25, 125 minutes); after MAX_ATTEMPTS the row is `failed` with the error.
import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.js'
import type { Mailer } from './mailer.js'
import type { Clock } from './notifier.js'

export const MAX_ATTEMPTS = 5
/** How long a claim holds a row: longer than any one send (the mailer's timeouts are shorter). */
export const LEASE_MS = 5 * 60_000
/** Minutes to wait after the n-th failed attempt (n ≥ 1): 1, 5, 25, 125… */
export const backoffMinutes = (attempt: number) => 5 ** Math.max(0, attempt - 1)

export interface ClaimedMail {
  id: number
  to: string
  subject: string
  text: string
  html: string
  attempts: number
  lockedUntil: Date
}

type Row = Record<string, unknown>
const rowsOf = (result: unknown): Row[] => ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[]

/** Takes up to `limit` due rows for this process until now + LEASE_MS; counts the attempt. */
export async function claimDue(db: Db, now: Date, limit = 20): Promise<ClaimedMail[]> {
  const leaseEnd = new Date(now.getTime() + LEASE_MS)
  const result = await db.execute(sql`
    UPDATE mail_outbox SET locked_until = ${leaseEnd.toISOString()}::timestamptz, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM mail_outbox
      WHERE state = 'pending' AND next_attempt_at <= ${now.toISOString()}::timestamptz
        AND (locked_until IS NULL OR locked_until <= ${now.toISOString()}::timestamptz)
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, to_address, subject, text, html, attempts, locked_until`)
  return rowsOf(result).map((r) => ({
    id: Number(r.id),
    to: String(r.to_address),
    subject: String(r.subject),
    text: String(r.text),
    html: String(r.html),
    attempts: Number(r.attempts),
    lockedUntil: new Date(r.locked_until as string),
  }))
}

export interface DeliveryResult {
  sent: number
  logged: number
  retried: number
  failed: number
}

/**
 * One pass: claim what is due and send it, one mail after another. Only the lease's holder
 * finishes a row (the update checks `locked_until`), so a row whose lease ran out and was claimed
 * again is not marked twice.
 */
export async function deliverDue(db: Db, mailer: Mailer, clock: Clock, options: { limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, logged: 0, retried: 0, failed: 0 }
  const claimed = await claimDue(db, clock.now(), options.limit)
  for (const mail of claimed) {
    const lease = mail.lockedUntil.toISOString()
    try {
      const outcome = await mailer.send(mail)
      await db.execute(sql`
        UPDATE mail_outbox SET state = ${outcome}, sent_at = ${clock.now().toISOString()}::timestamptz, locked_until = NULL, last_error = NULL
        WHERE id = ${mail.id} AND locked_until = ${lease}::timestamptz`)
      result[outcome === 'sent' ? 'sent' : 'logged']++
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
      if (mail.attempts >= MAX_ATTEMPTS) {
        await db.execute(sql`
          UPDATE mail_outbox SET state = 'failed', locked_until = NULL, last_error = ${message}
          WHERE id = ${mail.id} AND locked_until = ${lease}::timestamptz`)
        result.failed++
      } else {
        const next = new Date(clock.now().getTime() + backoffMinutes(mail.attempts) * 60_000)
        await db.execute(sql`
          UPDATE mail_outbox SET next_attempt_at = ${next.toISOString()}::timestamptz, locked_until = NULL, last_error = ${message}
          WHERE id = ${mail.id} AND locked_until = ${lease}::timestamptz`)
        result.retried++
      }
    }
  }
  return result
}
