// Data access for reading the audit log: rows with their actor's name, and the labels of the records
// they are about, one query per kind of record on a page (never one per row). No permissions here.
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.js'
import {
  actionLines,
  apiTokens,
  auditLog,
  evidence,
  institutions,
  measures,
  plans,
  rounds,
  submissions,
  users,
} from '../../../db/schema/index.js'

export interface AuditFilter {
  entityType?: string
  entityId?: string
  actorId?: number
  from?: Date
  to?: Date
  /** Only rows of these plans; undefined for every row. */
  planIds?: number[]
  limit: number
  offset: number
}

export async function auditRows(executor: DbOrTx, filter: AuditFilter) {
  const where: SQL[] = []
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType))
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId))
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId))
  if (filter.from) where.push(gte(auditLog.at, filter.from))
  if (filter.to) where.push(lte(auditLog.at, filter.to))
  if (filter.planIds) where.push(filter.planIds.length ? inArray(auditLog.planId, filter.planIds) : sql`false`)
  return executor
    .select({ entry: auditLog, userName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit)
    .offset(filter.offset)
}

/** What the records are called, in Latvian, by entity type and id ("measure" → "12" → "2.3. pasākums"). */
export type EntityLabels = Map<string, Map<string, string>>

const measureLabel = (number: string) => `${number.replace(/\.$/, '')}. pasākums`

/** The labels of the records these rows are about, one query per entity type present. */
export async function entityLabels(
  executor: DbOrTx,
  rows: readonly { entityType: string; entityId: string | null }[],
): Promise<EntityLabels> {
  const idsOf = (type: string) => [
    ...new Set(
      rows.filter((r) => r.entityType === type && r.entityId !== null && /^\d{1,9}$/.test(r.entityId)).map((r) => Number(r.entityId)),
    ),
  ]
  const labels: EntityLabels = new Map()
  const put = (type: string, entries: [number, string][]) => labels.set(type, new Map(entries.map(([id, label]) => [String(id), label])))
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lookups: [string, (ids: number[]) => Promise<[number, string][]>][] = [
    [
      'measure',
      async (ids) =>
        (await executor.select({ id: measures.id, number: measures.number }).from(measures).where(inArray(measures.id, ids))).map((r) => [
          r.id,
          measureLabel(r.number),
        ]),
    ],
    [
      'action_line',
      async (ids) =>
        (
          await executor.select({ id: actionLines.id, number: actionLines.number }).from(actionLines).where(inArray(actionLines.id, ids))
        ).map((r) => [r.id, `${r.number.replace(/\.$/, '')}. rīcības virziens`]),
    ],
    [
      'plan',
      async (ids) =>
        (await executor.select({ id: plans.id, code: plans.code }).from(plans).where(inArray(plans.id, ids))).map((r) => [r.id, r.code]),
    ],
    [
      'report',
      async (ids) =>
        (await executor.select({ id: plans.id, code: plans.code }).from(plans).where(inArray(plans.id, ids))).map((r) => [
          r.id,
          `Ziņojums par ${r.code}`,
        ]),
    ],
    [
      'round',
      async (ids) =>
        (await executor.select({ id: rounds.id, title: rounds.title }).from(rounds).where(inArray(rounds.id, ids))).map((r) => [
          r.id,
          r.title,
        ]),
    ],
    [
      'submission',
      async (ids) =>
        (
          await executor
            .select({ id: submissions.id, number: measures.number, institution: institutions.code })
            .from(submissions)
            .innerJoin(measures, eq(measures.id, submissions.measureId))
            .innerJoin(institutions, eq(institutions.id, submissions.institutionId))
            .where(inArray(submissions.id, ids))
        ).map((r) => [r.id, `${measureLabel(r.number)} — ${r.institution}`]),
    ],
    [
      'evidence',
      async (ids) =>
        (
          await executor
            .select({ id: evidence.id, title: evidence.title, fileName: evidence.fileName, url: evidence.url })
            .from(evidence)
            .where(inArray(evidence.id, ids))
        ).map((r) => [r.id, r.title ?? r.fileName ?? r.url ?? '']),
    ],
    [
      'institution',
      async (ids) =>
        (
          await executor.select({ id: institutions.id, code: institutions.code }).from(institutions).where(inArray(institutions.id, ids))
        ).map((r) => [r.id, r.code]),
    ],
    [
      'user',
      async (ids) =>
        (await executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((r) => [r.id, r.name]),
    ],
    [
      'api_token',
      async (ids) =>
        (await executor.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, ids))).map((r) => [
          r.id,
          r.name,
        ]),
    ],
  ]
  for (const [type, lookup] of lookups) {
    const ids = idsOf(type)
    if (ids.length) put(type, await lookup(ids))
  }
  return labels
}

/** Where a check of the chain stands: the last row checked (null before the first). */
export interface ChainLink {
  id: number
  hash: string
}

export interface ChainPage {
  rows: number
  last: ChainLink | null
  /** The first row of the page that does not fit, and why. */
  broken: { id: number; reason: 'content' | 'link' } | null
}

/**
 * Checks the next `limit` rows of the hash chain after `after` (from the start when null), in id order,
 * in SQL: each row's hash recomputed from its content (`audit_log_hash`, migration 0004), and each row's
 * `prev_hash` compared with the stored hash of the row before it (the window's previous row; the first
 * row of a page links to `after`, the very first row of all to ''). A page at a time, so a long log
 * never holds the embedded database's one connection for long.
 */
export async function auditChainPage(executor: DbOrTx, after: ChainLink | null, limit: number): Promise<ChainPage> {
  const result = (await executor.execute(sql`
    with page as (
      select a.id, a.hash, a.prev_hash, audit_log_hash(a) as computed
      from audit_log a
      where a.id > ${after?.id ?? 0}::bigint
      order by a.id
      limit ${limit}::int
    ),
    chain as (
      select id, hash, prev_hash, computed, lag(hash, 1, ${after?.hash ?? ''}::text) over (order by id) as expected_prev
      from page
    ),
    broken as (
      select id, case when computed is distinct from hash then 'content' else 'link' end as reason
      from chain
      where computed is distinct from hash or prev_hash is distinct from expected_prev
      order by id
      limit 1
    ),
    last as (select id, hash from page order by id desc limit 1)
    select
      (select count(*)::int from page) as rows,
      (select id::text from last) as last_id,
      (select hash from last) as last_hash,
      (select id::text from broken) as broken_id,
      (select reason from broken) as broken_reason
  `)) as unknown as {
    rows: {
      rows: number
      last_id: string | null
      last_hash: string | null
      broken_id: string | null
      broken_reason: 'content' | 'link' | null
    }[]
  }
  const row = result.rows[0]!
  return {
    rows: row.rows,
    last: row.last_id === null ? null : { id: Number(row.last_id), hash: row.last_hash ?? '' },
    broken: row.broken_id === null ? null : { id: Number(row.broken_id), reason: row.broken_reason ?? 'content' },
  }
}

/** The stored hash of one row, null when there is no such row. */
export async function auditHashAt(executor: DbOrTx, id: number): Promise<string | null> {
  const [row] = await executor.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, id))
  return row?.hash ?? null
}
