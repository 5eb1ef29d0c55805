// Evidence rows → API shapes: metadata with the uploader's name, never the bytes.
import type { Evidence } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { userNames } from '../submissions/submission-views.js'
import { evidenceRowsOf, type EvidenceMeta } from './evidence-data.js'

export async function toEvidence(executor: DbOrTx, rows: EvidenceMeta[]): Promise<Evidence[]> {
  const names = await userNames(
    executor,
    rows.map((r) => r.createdBy),
  )
  return withUploaders(rows, names)
}

/** Evidence rows with their uploaders' names, read beforehand. */
export function withUploaders(rows: EvidenceMeta[], names: Map<number, { id: number; name: string }>): Evidence[] {
  return rows.map((r) => ({
    ...r,
    createdBy: r.createdBy === null ? null : (names.get(r.createdBy) ?? null),
    createdAt: r.createdAt.toISOString(),
  }))
}

/** A submission's evidence list, as its detail shows it. */
export async function evidenceOf(executor: DbOrTx, submissionId: number): Promise<Evidence[]> {
  return toEvidence(executor, await evidenceRowsOf(executor, submissionId))
}
