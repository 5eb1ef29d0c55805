// Server-side sessions and personal API tokens: create, resolve to a user, end.
import type { FastifyInstance } from 'fastify'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Role } from '@apt/shared'
import type { Db, DbOrTx } from '../../../db/client.js'
import { ReadCache } from '../../../db/read-cache.js'
import { apiTokens, institutions, sessions, users } from '../../../db/schema/index.js'
import { digest, newSecret } from './secrets.js'

export interface CurrentUser {
  id: number
  email: string
  name: string
  role: Role
  institutionId: number
  institutionCode: string
  /** The top-level institution above the user's (its ministry): a ministry coordinator's sector. */
  sectorId: number
  mustChangePassword: boolean
}

export type Credential = { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token'; tokenId: number }

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institutionId: users.institutionId,
  institutionCode: institutions.code,
  // The sector, walked up in the same query that resolves the credential (the tree is a few levels deep).
  sectorId: sql<number>`(
    with recursive up (id, parent_id, depth) as (
      select ${institutions.id}, ${institutions.parentId}, 0
      union all
      select i.id, i.parent_id, up.depth + 1 from institutions i join up on i.id = up.parent_id where up.depth < 16
    )
    select id from up order by depth desc limit 1
  )`.mapWith(Number),
  mustChangePassword: users.mustChangePassword,
}

/**
 * How often a session's last-seen time is written, and how long an unused session lives.
 *
 * last_seen_at is written only when it is more than `refreshMs` old (one write a minute per active
 * user at most), so it lags the last use by up to `refreshMs`. A session therefore ends when
 * last_seen_at is more than `idle + refresh` old:
 * - used again within the idle time, it never ends: now − last_seen ≤ gap + refresh ≤ idle + refresh;
 * - unused, it ends between `idle` and `idle + refresh` after its last use (last_seen ≥ last use − refresh).
 * The refresh is a quarter of the idle time, at most a minute, so SESSION_IDLE_MINUTES=1 ends an
 * unused session within 75 s and never one used every 59 s.
 */
export function idleTimes(idleMinutes: number) {
  const idleMs = idleMinutes * 60_000
  const refreshMs = Math.min(60_000, Math.floor(idleMs / 4))
  return { idleMs, refreshMs, endAfterMs: idleMs + refreshMs }
}

/** How stale a token's last_used_at may get before a request writes it again. */
const TOKEN_USE_REFRESH_MS = 60_000

/**
 * The lookups behind every authenticated request, each one statement through a primary key or a
 * unique index, prepared once: drizzle builds the SQL once and PostgreSQL plans it once per
 * connection (its planning costs more than running it).
 */
function prepareLookups(db: Db) {
  return {
    session: db
      .select({ ...userColumns, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(institutions, eq(institutions.id, users.institutionId))
      .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.active, true)))
      .prepare('apt_session_lookup'),
    token: db
      .select({ ...userColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .innerJoin(institutions, eq(institutions.id, users.institutionId))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt), eq(users.active, true)))
      .prepare('apt_token_lookup'),
  }
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof prepareLookups>['session']['execute']>>[number]
type TokenRow = Awaited<ReturnType<ReturnType<typeof prepareLookups>['token']['execute']>>[number]

/**
 * What a credential resolves to is kept between requests (db/read-cache.ts) until a session, token,
 * user or institution changes: this process forgets at once after its own writes (a logout, a
 * deactivation, a role change, the last-seen time written below), other processes when PostgreSQL
 * tells them, within milliseconds of the commit. Expiry is checked on every use.
 */
const CREDENTIAL_CACHE = { tables: ['sessions', 'api_tokens', 'users', 'institutions'], maxEntries: 10_000, maxAgeMs: 60_000 }

export function createSessions(fastify: FastifyInstance, limits: { idleMinutes: number; maxHours: number }) {
  const { refreshMs, endAfterMs } = idleTimes(limits.idleMinutes)
  let prepared: ReturnType<typeof prepareLookups> | undefined
  const lookups = () => (prepared ??= prepareLookups(fastify.db))
  const sessionRows = new ReadCache<string, SessionRow | undefined>(fastify.changes, CREDENTIAL_CACHE)
  const tokenRows = new ReadCache<string, TokenRow | undefined>(fastify.changes, CREDENTIAL_CACHE)

  return {
    /** A new session; one begun by single sign-on keeps its provider and ID token for the logout at the provider. */
    async create(executor: DbOrTx, userId: number, sso?: { provider: string; idToken: string }) {
      const secret = newSecret()
      const csrfToken = newSecret()
      const expiresAt = new Date(Date.now() + limits.maxHours * 3_600_000)
      await executor
        .insert(sessions)
        .values({ id: digest(secret), userId, csrfToken, expiresAt, ssoProvider: sso?.provider ?? null, ssoIdToken: sso?.idToken ?? null })
      return { secret, csrfToken, expiresAt }
    },

    async resolveSession(secret: string): Promise<{ user: CurrentUser; credential: Credential } | null> {
      const id = digest(secret)
      const now = new Date()
      const row = await sessionRows.get(id, async () => (await lookups().session.execute({ id, now }))[0])
      if (!row || row.expiresAt <= now) return null
      const unseenMs = now.getTime() - row.lastSeenAt.getTime()
      if (unseenMs > endAfterMs) {
        await fastify.db.delete(sessions).where(eq(sessions.id, id))
        sessionRows.delete(id)
        return null
      }
      if (unseenMs > refreshMs) {
        await fastify.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id))
        sessionRows.delete(id)
      }
      const { csrfToken, lastSeenAt: _seen, expiresAt: _expires, ...user } = row
      return { user, credential: { kind: 'session', sessionId: id, csrfToken } }
    },

    async resolveToken(secret: string): Promise<{ user: CurrentUser; credential: Credential } | null> {
      const now = new Date()
      const hash = digest(secret)
      const row = await tokenRows.get(hash, async () => (await lookups().token.execute({ hash }))[0])
      if (!row) return null
      // Like a session's last-seen time: written when more than a minute old, not on every request.
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOKEN_USE_REFRESH_MS) {
        await fastify.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId))
        tokenRows.delete(hash)
      }
      const { tokenId, lastUsedAt: _used, ...user } = row
      return { user, credential: { kind: 'token', tokenId } }
    },

    /** Ends a session; its single sign-on provider and ID token when it was begun by one. */
    async end(executor: DbOrTx, sessionId: string) {
      const [ended] = await executor
        .delete(sessions)
        .where(eq(sessions.id, sessionId))
        .returning({ provider: sessions.ssoProvider, idToken: sessions.ssoIdToken })
      return ended?.provider && ended.idToken ? { provider: ended.provider, idToken: ended.idToken } : null
    },

    /** Ends every session of a user: on deactivation, password change and reset. */
    endAllOf: (executor: DbOrTx, userId: number) => executor.delete(sessions).where(eq(sessions.userId, userId)),
  }
}

export type Sessions = ReturnType<typeof createSessions>
