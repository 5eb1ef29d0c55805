// What each round is owed — every responsible and involved institution of every measure it asks
// about, each its own text — and how far along each item is. Loading is one query for any number
// of rounds; tallying is pure, so tests and the "my work" list share it. Whether a due
// date has passed is the shared calendar's rule (`isOverdue` in @apt/shared), as in the web app.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { CompletenessCounts, CompletenessState } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { measureInstitutions, measures, roundMeasures, submissions, type Submission } from '../../../db/schema/index.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'

/** Items the institution has not handed in; these make it late after the due date. */
const OUTSTANDING: ReadonlySet<CompletenessState> = new Set(['missing', 'draft', 'returned'])

export interface OwedItem {
  roundId: number
  measure: { id: number; number: string; title: string; position: number }
  institutionId: number
  role: 'responsible' | 'involved'
  /** What the lists need of the institution's submission: never its text. */
  submission: Pick<Submission, 'id' | 'state' | 'version'> | null
}

/**
 * Every (round × measure × institution) owed, in the plan's order: measure, then responsible before
 * involved, each in the measure's order — or only those of `institutionIds` when given (what one
 * person may write for). One query for any number of rounds and measures.
 */
export async function loadOwed(executor: DbOrTx, roundIds: number[], institutionIds?: readonly number[]): Promise<Map<number, OwedItem[]>> {
  const result = new Map<number, OwedItem[]>(roundIds.map((id) => [id, []]))
  if (!roundIds.length) return result
  const rows = await executor
    .select({
      roundId: roundMeasures.roundId,
      measure: { id: measures.id, number: measures.number, title: measures.title, position: measures.position },
      institutionId: measureInstitutions.institutionId,
      role: measureInstitutions.role,
      submission: { id: submissions.id, state: submissions.state, version: submissions.version },
    })
    .from(roundMeasures)
    .innerJoin(measures, eq(measures.id, roundMeasures.measureId))
    .innerJoin(measureInstitutions, eq(measureInstitutions.measureId, roundMeasures.measureId))
    .leftJoin(
      submissions,
      and(
        eq(submissions.roundId, roundMeasures.roundId),
        eq(submissions.measureId, roundMeasures.measureId),
        eq(submissions.institutionId, measureInstitutions.institutionId),
      ),
    )
    .where(and(inArray(roundMeasures.roundId, roundIds), institutionIds && inArray(measureInstitutions.institutionId, [...institutionIds])))
    .orderBy(
      asc(roundMeasures.roundId),
      asc(measures.position),
      sql`case when ${measureInstitutions.role} = 'responsible' then 0 else 1 end`,
      asc(measureInstitutions.position),
    )
  // An institution listed in both roles owes one text, as responsible (its first row).
  const seen = new Set<string>()
  for (const row of rows) {
    const key = `${row.roundId}:${row.measure.id}:${row.institutionId}`
    if (seen.has(key)) continue
    seen.add(key)
    result.get(row.roundId)!.push(row)
  }
  return result
}

export const stateOf = (item: OwedItem): CompletenessState => item.submission?.state ?? 'missing'

export const isLate = (item: OwedItem, overdue: boolean) => overdue && OUTSTANDING.has(stateOf(item))

export const emptyCounts = (): CompletenessCounts => ({
  total: 0,
  missing: 0,
  draft: 0,
  submitted: 0,
  endorsed: 0,
  returned: 0,
  accepted: 0,
  late: 0,
})

function add(counts: CompletenessCounts, item: OwedItem, overdue: boolean) {
  counts.total++
  counts[stateOf(item)]++
  if (isLate(item, overdue)) counts.late++
}

export function countItems(items: OwedItem[], overdue: boolean): CompletenessCounts {
  const counts = emptyCounts()
  for (const item of items) add(counts, item, overdue)
  return counts
}

/** Totals overall, per institution and per top-level institution (ministry), and who is late. */
export function tally(items: OwedItem[], overdue: boolean, tree: InstitutionTree) {
  const totals = emptyCounts()
  const byInstitution = new Map<number, CompletenessCounts>()
  const byMinistry = new Map<string, CompletenessCounts>()
  for (const item of items) {
    add(totals, item, overdue)
    if (!byInstitution.has(item.institutionId)) byInstitution.set(item.institutionId, emptyCounts())
    add(byInstitution.get(item.institutionId)!, item, overdue)
    const ministry = tree.root(item.institutionId).code
    if (!byMinistry.has(ministry)) byMinistry.set(ministry, emptyCounts())
    add(byMinistry.get(ministry)!, item, overdue)
  }
  const institutions = [...byInstitution.entries()].map(([id, counts]) => ({
    institution: tree.codeOf(id)!,
    ministry: tree.root(id).code,
    ...counts,
  }))
  institutions.sort((a, b) => a.ministry.localeCompare(b.ministry) || a.institution.localeCompare(b.institution))
  return {
    totals,
    byInstitution: institutions,
    byMinistry: [...byMinistry.entries()]
      .map(([ministry, counts]) => ({ ministry, ...counts }))
      .sort((a, b) => a.ministry.localeCompare(b.ministry)),
    late: institutions
      .filter((i) => i.late > 0)
      .map((i) => ({ institution: i.institution, ministry: i.ministry, outstanding: i.late }))
      .sort((a, b) => b.outstanding - a.outstanding || a.institution.localeCompare(b.institution)),
  }
}
