// Rows → API shapes for submissions and evidence, with the few lookups they need done in bulk.
// Evidence bytes are never selected here: lists and details carry metadata only.
import { asc, count, eq, inArray } from 'drizzle-orm'
import type { Evidence, SubmissionListItem } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import {
  evidence,
  measureInstitutions,
  measures,
  users,
  type Evidence as EvidenceRow,
  type Submission as SubmissionRow,
} from '../../../db/schema/index.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'

type UserRef = { id: number; name: string }

export async function userNames(executor: DbOrTx, ids: (number | null)[]): Promise<Map<number, UserRef>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  if (!wanted.length) return new Map()
  const rows = await executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))
  return new Map(rows.map((r) => [r.id, r]))
}

/** Evidence metadata columns: everything but the bytes. */
export const evidenceColumns = {
  id: evidence.id,
  submissionId: evidence.submissionId,
  kind: evidence.kind,
  fileName: evidence.fileName,
  mediaType: evidence.mediaType,
  size: evidence.size,
  sha256: evidence.sha256,
  url: evidence.url,
  title: evidence.title,
  createdBy: evidence.createdBy,
  createdAt: evidence.createdAt,
}
export type EvidenceMeta = Omit<EvidenceRow, 'content'>

export async function toEvidence(executor: DbOrTx, rows: EvidenceMeta[]): Promise<Evidence[]> {
  const names = await userNames(
    executor,
    rows.map((r) => r.createdBy),
  )
  return rows.map((r) => ({
    ...r,
    createdBy: r.createdBy === null ? null : (names.get(r.createdBy) ?? null),
    createdAt: r.createdAt.toISOString(),
  }))
}

export async function evidenceOf(executor: DbOrTx, submissionId: number): Promise<Evidence[]> {
  const rows = await executor
    .select(evidenceColumns)
    .from(evidence)
    .where(eq(evidence.submissionId, submissionId))
    .orderBy(asc(evidence.id))
  return toEvidence(executor, rows)
}

/**
 * List items in the annex's order: by round, then measure, then the measure's own order of its
 * institutions (responsible first), so one measure's proposals sit side by side.
 */
export async function toSubmissionItems(executor: DbOrTx, rows: SubmissionRow[], tree: InstitutionTree): Promise<SubmissionListItem[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const measureIds = [...new Set(rows.map((r) => r.measureId))]
  // One query after another: the executor may be a transaction's single connection.
  const measureRows = await executor
    .select({ id: measures.id, number: measures.number, title: measures.title, position: measures.position })
    .from(measures)
    .where(inArray(measures.id, measureIds))
  const links = await executor.select().from(measureInstitutions).where(inArray(measureInstitutions.measureId, measureIds))
  const counts = await executor
    .select({ submissionId: evidence.submissionId, n: count() })
    .from(evidence)
    .where(inArray(evidence.submissionId, ids))
    .groupBy(evidence.submissionId)
  const names = await userNames(
    executor,
    rows.flatMap((r) => [r.updatedBy, r.endorsedBy, r.acceptedBy]),
  )
  const measureById = new Map(measureRows.map((m) => [m.id, m]))
  const evidenceCount = new Map(counts.map((c) => [c.submissionId, c.n]))
  const linkOf = (r: SubmissionRow) => {
    const mine = links.filter((l) => l.measureId === r.measureId && l.institutionId === r.institutionId)
    return mine.find((l) => l.role === 'responsible') ?? mine[0] ?? null
  }
  const rank = (r: SubmissionRow) => {
    const link = linkOf(r)
    return link === null ? 1_000_000 : (link.role === 'responsible' ? 0 : 10_000) + link.position
  }
  const ref = (id: number | null) => (id === null ? null : (names.get(id) ?? null))
  const iso = (d: Date | null) => (d === null ? null : d.toISOString())

  const sorted = [...rows].sort(
    (a, b) =>
      a.roundId - b.roundId ||
      measureById.get(a.measureId)!.position - measureById.get(b.measureId)!.position ||
      rank(a) - rank(b) ||
      a.id - b.id,
  )
  return sorted.map((r) => {
    const m = measureById.get(r.measureId)!
    const institution = tree.byId.get(r.institutionId)!
    return {
      id: r.id,
      roundId: r.roundId,
      measure: { id: m.id, number: m.number, title: m.title },
      institution: institution.code,
      institutionName: institution.name,
      role: linkOf(r)?.role ?? null,
      text: r.text,
      proposedStatus: r.proposedStatus,
      reason: r.reason,
      state: r.state,
      returnComment: r.returnComment,
      evidenceCount: evidenceCount.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      updatedBy: ref(r.updatedBy),
      submittedAt: iso(r.submittedAt),
      endorsedAt: iso(r.endorsedAt),
      endorsedBy: ref(r.endorsedBy),
      acceptedAt: iso(r.acceptedAt),
      acceptedBy: ref(r.acceptedBy),
      version: r.version,
    }
  })
}
