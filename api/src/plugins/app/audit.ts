// The audit trail: one append-only row per change, with the actor, request id and client address.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client.js'
import { auditLog } from '../../db/schema/index.js'
import type { Actor, Origin } from './auth/actor.js'

export interface AuditChange {
  action: string
  entityType: string
  entityId?: string | number | null
  /** Set for changes within a plan, so plan coordinators may read them. */
  planId?: number | null
  before?: unknown
  after?: unknown
  reason?: string | null
}

/** An event without a logged-in user, e.g. a failed login: the e-mail tried and the request. */
export interface Anonymous extends Origin {
  kind: 'anonymous'
  label: string
}

export interface AuditQuery {
  entityType?: string
  entityId?: string
  actorId?: number
  from?: string
  to?: string
  limit: number
  offset: number
  /** Only rows of these plans (a plan coordinator's); undefined for everything (admins). */
  planIds?: number[]
}

/** JSON-safe copy: dates become ISO strings, buffers and secrets never reach the log. */
function snapshot(value: unknown): unknown {
  if (value === undefined) return null
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key === 'passwordHash' || key === 'tokenHash' || key === 'content') return undefined
      return v
    }),
  )
}

export function createAuditLog(fastify: FastifyInstance) {
  return {
    async record(executor: DbOrTx, actor: Actor | Anonymous, change: AuditChange) {
      await executor.insert(auditLog).values({
        actorId: actor.kind === 'user' ? actor.id : null,
        actorLabel: actor.kind === 'user' ? actor.email : actor.kind === 'anonymous' ? actor.label : null,
        action: change.action,
        entityType: change.entityType,
        entityId: change.entityId == null ? null : String(change.entityId),
        planId: change.planId ?? null,
        before: snapshot(change.before),
        after: snapshot(change.after),
        reason: change.reason ?? null,
        requestId: actor.requestId,
        ip: actor.ip,
      })
    },

    async list(query: AuditQuery) {
      const where: SQL[] = []
      if (query.entityType) where.push(eq(auditLog.entityType, query.entityType))
      if (query.entityId) where.push(eq(auditLog.entityId, query.entityId))
      if (query.actorId) where.push(eq(auditLog.actorId, query.actorId))
      if (query.from) where.push(gte(auditLog.at, new Date(query.from)))
      if (query.to) where.push(lte(auditLog.at, new Date(query.to)))
      if (query.planIds) where.push(query.planIds.length ? inArray(auditLog.planId, query.planIds) : sql`false`)
      return fastify.db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(query.limit)
        .offset(query.offset)
    },
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: ReturnType<typeof createAuditLog>
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('audit', createAuditLog(fastify))
  },
  {
    name: 'audit',
    dependencies: ['database'],
  },
)
