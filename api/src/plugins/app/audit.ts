// The audit trail: one append-only row per change, with the actor, request id and client address.
// Every service writes through `fastify.audit.record`; reading it is ./audit/audit-service.ts.
import fp from 'fastify-plugin'
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

export function createAuditLog() {
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
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: ReturnType<typeof createAuditLog>
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('audit', createAuditLog())
  },
  {
    name: 'audit',
    dependencies: ['database'],
  },
)
