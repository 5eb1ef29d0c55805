// Submission rows → API shapes, with the few lookups they need done in bulk. What the caller may
// do with each (its `abilities`) is the service's to compute; it is passed in.
import { count, inArray } from 'drizzle-orm'
import type { SubmissionAbilities, SubmissionListItem } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { evidence, measureInstitutions, measures, users, type Submission as SubmissionRow } from '../../../db/schema/index.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'

type UserRef = { id: number; name: string }

export async function userNames(executor: DbOrTx, ids: (number | null)[]): Promise<Map<number, UserRef>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  if (!wanted.length) return new Map()
  const rows = await executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * List items in the annex's order: by round, then measure, then the measure's own order of its
 * institutions (responsible first), so one measure's proposals sit side by side.
 */
export async function toSubmissionItems(
  executor: DbOrTx,
  rows: SubmissionRow[],
  tree: InstitutionTree,
  abilitiesOf: (row: SubmissionRow) => SubmissionAbilities,
  /** The names of the users the rows name, when the caller has read them already. */
  knownNames?: Map<number, UserRef>,
): Promise<SubmissionListItem[]> {
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
  const names =
    knownNames ??
    (await userNames(
      executor,
      rows.flatMap((r) => [r.updatedBy, r.endorsedBy, r.acceptedBy]),
    ))
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
      abilities: abilitiesOf(r),
    }
  })
}
