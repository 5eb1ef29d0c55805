// Data access for evidence: rows in, rows out. Lists and details select the metadata only; the
// bytes are read for a download alone. No permissions here; the evidence service decides.
import { and, asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.js'
import { evidence, type Evidence as EvidenceRow } from '../../../db/schema/index.js'
import { notFound } from '../errors.js'

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
  public: evidence.public,
  publicChangedAt: evidence.publicChangedAt,
}
export type EvidenceMeta = Omit<EvidenceRow, 'content'>

/** A submission's evidence, in the order it was added. */
export function evidenceRowsOf(executor: DbOrTx, submissionId: number): Promise<EvidenceMeta[]> {
  return executor.select(evidenceColumns).from(evidence).where(eq(evidence.submissionId, submissionId)).orderBy(asc(evidence.id))
}

/** The same file (by its sha256) already on the submission. */
export async function sameFile(executor: DbOrTx, submissionId: number, sha256: string): Promise<EvidenceMeta | undefined> {
  const [row] = await executor
    .select(evidenceColumns)
    .from(evidence)
    .where(and(eq(evidence.submissionId, submissionId), eq(evidence.sha256, sha256)))
  return row
}

/** The same link already on the submission. */
export async function sameLink(executor: DbOrTx, submissionId: number, url: string): Promise<EvidenceMeta | undefined> {
  const [row] = await executor
    .select(evidenceColumns)
    .from(evidence)
    .where(and(eq(evidence.submissionId, submissionId), eq(evidence.kind, 'link'), eq(evidence.url, url)))
  return row
}

/** The whole row with its bytes; 404 when there is none. */
export async function evidenceWithContent(executor: DbOrTx, id: number): Promise<EvidenceRow> {
  const [row] = await executor.select().from(evidence).where(eq(evidence.id, id))
  if (!row) throw notFound('Evidence')
  return row
}

/** The submission an evidence row is attached to; 404 when there is none. */
export async function submissionIdOfEvidence(executor: DbOrTx, id: number): Promise<number> {
  const [row] = await executor.select({ submissionId: evidence.submissionId }).from(evidence).where(eq(evidence.id, id))
  if (!row) throw notFound('Evidence')
  return row.submissionId
}

export async function insertEvidence(executor: DbOrTx, values: typeof evidence.$inferInsert): Promise<EvidenceMeta> {
  const [row] = await executor.insert(evidence).values(values).returning(evidenceColumns)
  return row!
}

/** Removes the row; undefined when it was already gone. */
export async function deleteEvidence(executor: DbOrTx, id: number): Promise<EvidenceMeta | undefined> {
  const [removed] = await executor.delete(evidence).where(eq(evidence.id, id)).returning(evidenceColumns)
  return removed
}
