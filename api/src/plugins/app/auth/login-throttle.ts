// Slows and then refuses repeated failed logins, per e-mail and per client address. Failures are
// rows in the database, so every API process behind a proxy sees the same counts.
import type { FastifyInstance } from 'fastify'
import { and, count, eq, gt, lt } from 'drizzle-orm'
import { ErrorCode } from '@apt/shared'
import { loginFailures } from '../../../db/schema/index.js'
import { AppError } from '../errors.js'

export const LOGIN_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_EMAIL = 10
export const MAX_FAILURES_PER_ADDRESS = 50
/** Failures of one e-mail before each further attempt is slowed, by 250 ms per failure up to 2 s. */
const FREE_FAILURES = 3

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function createLoginThrottle(fastify: FastifyInstance) {
  const { db } = fastify
  const since = () => new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000)

  async function failures(email: string, ip: string) {
    const [[byEmail], [byIp]] = await Promise.all([
      db
        .select({ n: count() })
        .from(loginFailures)
        .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since()))),
      db
        .select({ n: count() })
        .from(loginFailures)
        .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since()))),
    ])
    return { byEmail: byEmail?.n ?? 0, byIp: byIp?.n ?? 0 }
  }

  return {
    /** Before checking a password: refuse with 429 past the limits, wait a little past the free tries. */
    async before(email: string, ip: string) {
      const { byEmail, byIp } = await failures(email, ip)
      if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_ADDRESS) {
        const error = new AppError(ErrorCode.tooManyAttempts, `Too many failed logins; try again in ${LOGIN_WINDOW_MINUTES} minutes`)
        Object.assign(error, { headers: { 'retry-after': String(LOGIN_WINDOW_MINUTES * 60) } })
        throw error
      }
      // Only the e-mail's own failures slow it down: a whole ministry may share one address behind NAT.
      const excess = byEmail - FREE_FAILURES
      if (excess > 0) await sleep(Math.min(excess * 250, 2000))
    },

    async failed(email: string, ip: string) {
      await db.insert(loginFailures).values({ email, ip })
      // Old rows are of no further use; keeping the table small keeps the counts cheap.
      await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - 24 * 3_600_000)))
    },

    /** A successful login clears that e-mail's failures. */
    succeeded: (email: string) => db.delete(loginFailures).where(eq(loginFailures.email, email)),
  }
}
