// Evidence on submissions: files (bytes in the database, type from the bytes, sha256 kept, the
// same file stored once per submission) and links; downloads for whoever may see the submission;
// removal only while the institution is still writing.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, eq } from 'drizzle-orm'
import { ErrorCode, type CreateLinkEvidence, type Evidence } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { evidence } from '../../../db/schema/index.js'
import { currentUser } from '../auth/access.js'
import { AppError, isUniqueViolation, notFound } from '../errors.js'
import { checkFileName, detectEvidenceType } from './file-types.js'
import { plainText } from './input.js'
import { assertCanSeeSubmission, assertCanWriteFor, assertRoundTakesWork, isEditable } from './round-scope.js'
import { submissionContext } from './submissions-repository.js'
import { evidenceColumns, toEvidence } from './submission-views.js'

export interface Upload {
  fileName: string | undefined
  bytes: Buffer
}

export interface Added {
  evidence: Evidence
  /** False when the same file (or link) was already there and is returned instead. */
  created: boolean
}

/** The checks for changing a submission's evidence, shared by the pre-upload check and the write itself. */
async function assertCanChangeEvidence(executor: DbOrTx, request: FastifyRequest, submissionId: number, opts: { lock?: boolean } = {}) {
  const context = await submissionContext(executor, submissionId, opts)
  const { submission, round, plan, tree } = context
  assertCanWriteFor(currentUser(request), tree, plan, submission.institutionId)
  if (!isEditable(submission.state))
    throw new AppError(ErrorCode.evidenceLocked, `The submission is ${submission.state}: its evidence can no longer change`)
  assertRoundTakesWork(round, submission)
  return context
}

/** A link must be an absolute http(s) URL with a host and without credentials in it. */
function checkUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw badUrl('is not a valid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badUrl('must be an http or https address')
  if (!url.hostname) throw badUrl('has no host')
  if (url.username || url.password) throw badUrl('must not contain a user name or password')
  return url.href
}
const badUrl = (message: string) => new AppError(ErrorCode.validationFailed, `/url ${message}`, { errors: [{ path: '/url', message }] })

async function findOne(executor: DbOrTx, where: ReturnType<typeof and>) {
  const [row] = await executor.select(evidenceColumns).from(evidence).where(where)
  return row
}

export function createEvidenceRepository(fastify: FastifyInstance) {
  const { db } = fastify

  /** Adds one evidence row (or finds the identical one) with its audit row, in one transaction. */
  async function add(
    request: FastifyRequest,
    submissionId: number,
    same: (tx: DbOrTx) => Promise<Awaited<ReturnType<typeof findOne>>>,
    values: Omit<typeof evidence.$inferInsert, 'submissionId'>,
  ): Promise<Added> {
    const user = currentUser(request)
    const write = () =>
      db.transaction(async (tx): Promise<Added> => {
        const { plan } = await assertCanChangeEvidence(tx, request, submissionId, { lock: true })
        const existing = await same(tx)
        if (existing) return { evidence: (await toEvidence(tx, [existing]))[0]!, created: false }
        const [row] = await tx
          .insert(evidence)
          .values({ ...values, submissionId, createdBy: user.id })
          .returning(evidenceColumns)
        await fastify.audit.record(tx, request, {
          action: 'evidence.add',
          entityType: 'evidence',
          entityId: row!.id,
          planId: plan.id,
          after: row,
        })
        return { evidence: (await toEvidence(tx, [row!]))[0]!, created: true }
      })
    try {
      return await write()
    } catch (error) {
      // The same file uploaded twice at once: the unique index keeps one, the other gets it back.
      if (!isUniqueViolation(error)) throw error
      const existing = await same(db)
      if (!existing) throw error
      return { evidence: (await toEvidence(db, [existing]))[0]!, created: false }
    }
  }

  return {
    /** Before reading an upload's bytes: refuse early whoever may not attach here. */
    async assertCanAttach(request: FastifyRequest, submissionId: number) {
      await assertCanChangeEvidence(db, request, submissionId)
    },

    async addFile(request: FastifyRequest, submissionId: number, upload: Upload): Promise<Added> {
      const fileName = checkFileName(upload.fileName)
      if (upload.bytes.length === 0) throw new AppError(ErrorCode.emptyFile, 'The file is empty')
      const type = await detectEvidenceType(upload.bytes, fileName)
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex')
      return add(request, submissionId, (tx) => findOne(tx, and(eq(evidence.submissionId, submissionId), eq(evidence.sha256, sha256))), {
        kind: 'file',
        fileName,
        mediaType: type.mime,
        size: upload.bytes.length,
        sha256,
        content: upload.bytes,
      })
    },

    async addLink(request: FastifyRequest, submissionId: number, input: CreateLinkEvidence): Promise<Added> {
      const url = checkUrl(input.url)
      return add(
        request,
        submissionId,
        (tx) => findOne(tx, and(eq(evidence.submissionId, submissionId), eq(evidence.kind, 'link'), eq(evidence.url, url))),
        { kind: 'link', url, title: plainText(input.title).trim() || url },
      )
    },

    /** The evidence row with its bytes, for someone allowed to see its submission. */
    async download(request: FastifyRequest, id: number) {
      const [row] = await db.select().from(evidence).where(eq(evidence.id, id))
      if (!row) throw notFound('Evidence')
      const { submission, plan, tree } = await submissionContext(db, row.submissionId)
      assertCanSeeSubmission(currentUser(request), tree, plan, submission)
      const { content, ...metadata } = row
      const [meta] = await toEvidence(db, [metadata])
      return { meta: meta!, content }
    },

    async remove(request: FastifyRequest, id: number): Promise<void> {
      const [found] = await db.select({ submissionId: evidence.submissionId }).from(evidence).where(eq(evidence.id, id))
      if (!found) throw notFound('Evidence')
      await db.transaction(async (tx) => {
        const { plan } = await assertCanChangeEvidence(tx, request, found.submissionId, { lock: true })
        const [removed] = await tx.delete(evidence).where(eq(evidence.id, id)).returning(evidenceColumns)
        if (!removed) throw notFound('Evidence')
        await fastify.audit.record(tx, request, {
          action: 'evidence.remove',
          entityType: 'evidence',
          entityId: id,
          planId: plan.id,
          before: removed,
        })
      })
    },
  }
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>
