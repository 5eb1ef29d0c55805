// Counts login and password-change attempts per key over a fixed window, in the database so every
// API process behind a proxy sees the same counts. Each counter is raised atomically, in one
// statement, *before* a password is checked, so a concurrent burst is counted like a slow one.
//
// Keys (the policy, after OWASP ASVS V2.2, is written down in docs/security.md):
// - `address:<ip>`: every attempt from an address; past MAX_ATTEMPTS_PER_ADDRESS → 429 for that address.
// - `account-address:<email>|<ip>`: one account tried from one address; past MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS
//   → 429 for that account from that address only.
// - `account:<email>`: one account from anywhere; never refuses, only slows further attempts, so a
//   stranger elsewhere cannot lock the owner out.
// - `password-change:<userId>`: wrong current passwords of a logged-in user; past MAX_PASSWORD_CHANGE_ATTEMPTS → 429.
// A successful login gives its reservations back, so a ministry behind one NAT address is not
// throttled by its own successful logins.
import type { FastifyInstance } from 'fastify'
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import { ErrorCode } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { loginAttempts } from '../../../db/schema/index.js'
import { AppError } from '../errors.js'

export const LOGIN_WINDOW_MINUTES = 15
export const MAX_ATTEMPTS_PER_ADDRESS = 50
export const MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS = 10
export const MAX_PASSWORD_CHANGE_ATTEMPTS = 5
/** Failures of one account before each further attempt is slowed, by DELAY_STEP_MS per failure up to MAX_DELAY_MS. */
export const FREE_FAILURES = 3
const DELAY_STEP_MS = 250
const MAX_DELAY_MS = 2000
/** Expired counters are deleted at most this often per process. */
const SWEEP_EVERY_MS = 60_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How long the next attempt of an account waits after `failures` failures in the window. */
export const delayAfter = (failures: number) => Math.min(Math.max(0, failures - FREE_FAILURES) * DELAY_STEP_MS, MAX_DELAY_MS)

export const addressKey = (ip: string) => `address:${ip}`
export const accountAddressKey = (email: string, ip: string) => `account-address:${email}|${ip}`
export const accountKey = (email: string) => `account:${email}`
export const passwordChangeKey = (userId: number) => `password-change:${userId}`

interface Counter {
  key: string
  count: number
  /** The window's start as the database wrote it (microseconds; a JS Date would keep only milliseconds). */
  windowStart: string
  /** Whole seconds until this counter's window ends. */
  secondsLeft: number
}

const window = sql.raw(`interval '${LOGIN_WINDOW_MINUTES} minutes'`)
/** True while the stored row's window is still open (evaluated against the row before the update). */
const windowOpen = sql`${loginAttempts.windowStart} >= now() - ${window}`

/**
 * Raises the counters of `keys` by one in one statement: a row whose window has ended starts a new
 * window at 1. Keys are raised in the given order, the same order everywhere, so concurrent
 * statements take the row locks in one order.
 */
async function raise(db: DbOrTx, keys: string[]): Promise<Map<string, Counter>> {
  const rows = await db
    .insert(loginAttempts)
    .values(keys.map((key) => ({ key, windowStart: sql`now()`, count: 1 })))
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        count: sql`case when ${windowOpen} then ${loginAttempts.count} + 1 else 1 end`,
        windowStart: sql`case when ${windowOpen} then ${loginAttempts.windowStart} else now() end`,
      },
    })
    .returning({
      key: loginAttempts.key,
      count: loginAttempts.count,
      windowStart: sql<string>`${loginAttempts.windowStart}::text`,
      secondsLeft: sql<number>`greatest(1, ceil(extract(epoch from ${loginAttempts.windowStart} + ${window} - now())))::integer`,
    })
  return new Map(rows.map((row) => [row.key, { ...row, secondsLeft: Number(row.secondsLeft) }]))
}

function tooMany(secondsLeft: number, what: string) {
  const minutes = Math.max(1, Math.ceil(secondsLeft / 60))
  const error = new AppError(ErrorCode.tooManyAttempts, `Too many ${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`)
  // The error handler sends an error's `headers`.
  Object.assign(error, { headers: { 'retry-after': String(secondsLeft) } })
  return error
}

export function createLoginThrottle(fastify: FastifyInstance) {
  const { db } = fastify
  let lastSweep = 0

  /** Deletes counters whose window has ended; they would restart at 1 anyway. */
  async function sweep() {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return
    lastSweep = Date.now()
    await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, sql`now() - ${window}`))
  }

  return {
    /**
     * Before checking a login's password: counts the attempt for its address and for the account
     * from that address, refuses with 429 past either limit, then counts it for the account and
     * waits a little past the account's free failures. Returns the reservation to hand back on success.
     */
    async beforeLogin(email: string, ip: string) {
      await sweep()
      const counters = await raise(db, [addressKey(ip), accountAddressKey(email, ip)])
      const address = counters.get(addressKey(ip))!
      const accountAddress = counters.get(accountAddressKey(email, ip))!
      if (address.count > MAX_ATTEMPTS_PER_ADDRESS) throw tooMany(address.secondsLeft, 'login attempts from this address')
      if (accountAddress.count > MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS)
        throw tooMany(accountAddress.secondsLeft, 'failed logins for this account from this address')
      // The account's own count only slows: its attempts before this one, wherever they came from.
      const account = (await raise(db, [accountKey(email)])).get(accountKey(email))!
      const delay = delayAfter(account.count - 1)
      if (delay > 0) await sleep(delay)
      return { addressWindow: address.windowStart }
    },

    /**
     * A successful login hands its reservation back: one attempt less for the address (within the
     * same window), and the account's counters, from this address and overall, start again.
     */
    async loginSucceeded(email: string, ip: string, reservation: { addressWindow: string }) {
      await db
        .update(loginAttempts)
        .set({ count: sql`greatest(${loginAttempts.count} - 1, 0)` })
        .where(and(eq(loginAttempts.key, addressKey(ip)), sql`${loginAttempts.windowStart} = ${reservation.addressWindow}::timestamptz`))
      await db.delete(loginAttempts).where(inArray(loginAttempts.key, [accountAddressKey(email, ip), accountKey(email)]))
    },

    /** Before checking the current password of a password change: counts it, 429 past the limit. */
    async beforePasswordChange(userId: number) {
      await sweep()
      const counter = (await raise(db, [passwordChangeKey(userId)])).get(passwordChangeKey(userId))!
      if (counter.count > MAX_PASSWORD_CHANGE_ATTEMPTS) throw tooMany(counter.secondsLeft, 'wrong current passwords')
    },

    /** The current password was right: the user's counter starts again. */
    passwordChangeSucceeded: (userId: number) => db.delete(loginAttempts).where(eq(loginAttempts.key, passwordChangeKey(userId))),

    /** The open count of a key (tests and diagnostics). */
    async countOf(key: string): Promise<number> {
      const [row] = await db
        .select({ count: loginAttempts.count })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.key, key), gt(loginAttempts.windowStart, sql`now() - ${window}`)))
      return row?.count ?? 0
    },
  }
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
