// Reading the audit log: newest first, with who acted by name and what the record is called.
// Admins read every row; a plan's coordinator the rows of the plans it coordinates (`?plan=` one of them).
import type { FastifyInstance } from 'fastify'
import { type AuditEntry, type AuditQuery, type AuditVerification, canReadPlanAudit, isAdmin } from '@apt/shared'
import type { Actor } from '../auth/actor.js'
import { ensure } from '../errors.js'
import { planRow, planRows } from '../plans/plans-data.js'
import { auditChainPage, auditHashAt, auditRows, type ChainLink, entityLabels } from './audit-data.js'

/** Rows per query when checking the chain: each query is short, even on the embedded database. */
const CHAIN_PAGE = 1000

/** The label of a record that is gone (a deleted evidence file), from the snapshot its row kept. */
function labelFromSnapshot(entry: { before: unknown; after: unknown }): string | null {
  const snapshot = (entry.after ?? entry.before) as Record<string, unknown> | null
  if (!snapshot || typeof snapshot !== 'object') return null
  for (const key of ['title', 'fileName', 'name', 'code', 'url']) {
    const value = snapshot[key]
    if (typeof value === 'string' && value) return value
  }
  return null
}

export function createAuditService(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    async list(actor: Actor, query: AuditQuery): Promise<AuditEntry[]> {
      let planIds: number[] | undefined
      if (query.plan !== undefined) {
        const plan = await planRow(db, query.plan)
        ensure(canReadPlanAudit(actor, plan), 'Only the plan’s coordinating institution may read its audit log')
        planIds = [plan.id]
      } else if (!isAdmin(actor)) {
        // Everything outside plans (users, institutions, logins) is for admins only.
        planIds = (await planRows(db)).filter((plan) => canReadPlanAudit(actor, plan)).map((plan) => plan.id)
      }

      const rows = await auditRows(db, {
        planIds,
        entityType: query.entity,
        entityId: query.entityId,
        actorId: query.actor,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
        limit: query.limit,
        offset: query.offset,
      })
      const labels = await entityLabels(
        db,
        rows.map((r) => r.entry),
      )
      return rows.map(({ entry, userName }) => ({
        ...entry,
        at: entry.at.toISOString(),
        actorName: userName ?? entry.actorLabel,
        entityLabel: (entry.entityId !== null ? labels.get(entry.entityType)?.get(entry.entityId) : undefined) ?? labelFromSnapshot(entry),
      }))
    },

    /**
     * Checks the whole hash chain, page by page in id order: the first row that does not fit, how
     * many rows there are and the latest one (the head). Rows added while the check runs are included
     * up to the moment it reaches the end. The route is for admins; the periodic check calls it too.
     */
    async verify(pageSize = CHAIN_PAGE): Promise<AuditVerification> {
      let rows = 0
      let head: ChainLink | null = null
      let firstBroken: AuditVerification['firstBroken'] = null
      for (;;) {
        const page = await auditChainPage(db, head, pageSize)
        rows += page.rows
        firstBroken ??= page.broken
        if (page.last) head = page.last
        if (page.rows < pageSize) break
      }
      return { ok: firstBroken === null, rows, head, firstBroken }
    },

    /** The stored hash of row `id` now (null when the row is gone): a head seen earlier still in place? */
    hashAt: (id: number) => auditHashAt(db, id),
  }
}
