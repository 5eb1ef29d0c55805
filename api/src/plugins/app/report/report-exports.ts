// Data access for the export history: every report.docx kept with who, when, sha256 and the
// figures at that moment. No permissions here.
import { createHash } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import type { ReportExport } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { reportExports, users } from '../../../db/schema/index.js'

export interface NewReportExport {
  planId: number
  userId: number | null
  fileName: string
  bytes: Buffer
  figures: ReportExport['figures']
}

const listColumns = {
  id: reportExports.id,
  createdAt: reportExports.createdAt,
  createdBy: users.name,
  fileName: reportExports.fileName,
  sha256: reportExports.sha256,
  sizeBytes: reportExports.size,
  figures: reportExports.figures,
}

type ListRow = {
  id: number
  createdAt: Date
  createdBy: string | null
  fileName: string
  sha256: string
  sizeBytes: number
  figures: unknown
}

// `figures` is jsonb written only by recordExport, always in ReportExport's shape.
const toExport = (row: ListRow): ReportExport => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
  fileName: row.fileName,
  sha256: row.sha256,
  sizeBytes: row.sizeBytes,
  figures: row.figures as ReportExport['figures'],
})

/** Keeps an exported file; returns its history entry. */
export async function recordExport(executor: DbOrTx, input: NewReportExport): Promise<ReportExport> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const [row] = await executor
    .insert(reportExports)
    .values({
      planId: input.planId,
      createdBy: input.userId,
      fileName: input.fileName,
      sha256,
      size: input.bytes.length,
      content: input.bytes,
      figures: input.figures,
    })
    .returning({ id: reportExports.id })
  const [entry] = await executor
    .select(listColumns)
    .from(reportExports)
    .leftJoin(users, eq(users.id, reportExports.createdBy))
    .where(eq(reportExports.id, row!.id))
  return toExport(entry!)
}

/** A plan's exports, newest first, without their bytes. */
export async function exportsOf(executor: DbOrTx, planId: number): Promise<ReportExport[]> {
  const rows = await executor
    .select(listColumns)
    .from(reportExports)
    .leftJoin(users, eq(users.id, reportExports.createdBy))
    .where(eq(reportExports.planId, planId))
    .orderBy(desc(reportExports.createdAt), desc(reportExports.id))
  return rows.map(toExport)
}

/** One export's file, if it belongs to the plan. */
export async function exportFile(executor: DbOrTx, planId: number, exportId: number) {
  const [row] = await executor
    .select({ fileName: reportExports.fileName, content: reportExports.content })
    .from(reportExports)
    .where(and(eq(reportExports.id, exportId), eq(reportExports.planId, planId)))
  return row ?? null
}
