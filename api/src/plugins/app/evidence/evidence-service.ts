// Evidence on submissions: files (bytes in the database, type from the bytes, sha256 kept, the
// same file stored once per submission) and links; downloads for whoever may see the submission;
// removal only while the institution is still writing. The rules are the shared policy's.
import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import {
  AppError,
  canSeeSubmission,
  canWriteFor,
  ErrorCode,
  isEditableState,
  roundTakesWork,
  type CreateLinkEvidence,
  type Evidence,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { evidence } from '../../../db/schema/index.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, isUniqueViolation, notFound } from '../errors.js'
import { plainText } from '../input.js'
import { roundClosed, submissionFacts } from '../submissions/submission-facts.js'
import { submissionContext } from '../submissions/submissions-data.js'
import {
  deleteEvidence,
  evidenceWithContent,
  insertEvidence,
  sameFile,
  sameLink,
  submissionIdOfEvidence,
  type EvidenceMeta,
} from './evidence-data.js'
import { toEvidence } from './evidence-views.js'
import { checkFileName, detectEvidenceType } from './file-types.js'
import type { Upload } from './upload.js'

export interface Added {
  evidence: Evidence
  /** False when the same file (or link) was already there and is returned instead. */
  created: boolean
}

/** The checks for changing a submission's evidence, shared by the pre-upload check and the write itself. */
async function assertCanChangeEvidence(executor: DbOrTx, actor: Actor, submissionId: number, opts: { lock?: boolean } = {}) {
  const context = await submissionContext(executor, submissionId, opts)
  const { submission, round, plan, tree } = context
  ensure(canWriteFor(actor, plan, tree.ref(submission.institutionId)), 'You may not report for this institution')
  if (!isEditableState(submission.state))
    throw new AppError(ErrorCode.evidenceLocked, `The submission is ${submission.state}: its evidence can no longer change`)
  if (!roundTakesWork(round, submission)) throw roundClosed()
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

const one = async (executor: DbOrTx, row: EvidenceMeta) => (await toEvidence(executor, [row]))[0]!

export function createEvidenceService(fastify: FastifyInstance) {
  const { db } = fastify

  /** Adds one evidence row (or finds the identical one) with its audit row, in one transaction. */
  async function add(
    actor: Actor,
    submissionId: number,
    same: (executor: DbOrTx) => Promise<EvidenceMeta | undefined>,
    values: Omit<typeof evidence.$inferInsert, 'submissionId'>,
  ): Promise<Added> {
    const write = () =>
      db.transaction(async (tx): Promise<Added> => {
        const { plan } = await assertCanChangeEvidence(tx, actor, submissionId, { lock: true })
        const existing = await same(tx)
        if (existing) return { evidence: await one(tx, existing), created: false }
        const row = await insertEvidence(tx, { ...values, submissionId, createdBy: userIdOf(actor) })
        await fastify.audit.record(tx, actor, {
          action: 'evidence.add',
          entityType: 'evidence',
          entityId: row.id,
          planId: plan.id,
          after: row,
        })
        return { evidence: await one(tx, row), created: true }
      })
    try {
      return await write()
    } catch (error) {
      // The same file uploaded twice at once: the unique index keeps one, the other gets it back.
      if (!isUniqueViolation(error)) throw error
      const existing = await same(db)
      if (!existing) throw error
      return { evidence: await one(db, existing), created: false }
    }
  }

  return {
    /** Before reading an upload's bytes: refuse early whoever may not attach here. */
    async assertCanAttach(actor: Actor, submissionId: number) {
      await assertCanChangeEvidence(db, actor, submissionId)
    },

    async addFile(actor: Actor, submissionId: number, upload: Upload): Promise<Added> {
      const fileName = checkFileName(upload.fileName)
      if (upload.bytes.length === 0) throw new AppError(ErrorCode.emptyFile, 'The file is empty')
      const type = await detectEvidenceType(upload.bytes, fileName)
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex')
      return add(actor, submissionId, (executor) => sameFile(executor, submissionId, sha256), {
        kind: 'file',
        fileName,
        mediaType: type.mime,
        size: upload.bytes.length,
        sha256,
        content: upload.bytes,
      })
    },

    async addLink(actor: Actor, submissionId: number, input: CreateLinkEvidence): Promise<Added> {
      const url = checkUrl(input.url)
      return add(actor, submissionId, (executor) => sameLink(executor, submissionId, url), {
        kind: 'link',
        url,
        title: plainText(input.title).trim() || url,
      })
    },

    /** The evidence row with its bytes, for someone allowed to see its submission. */
    async download(actor: Actor, id: number) {
      const row = await evidenceWithContent(db, id)
      const { submission, plan, tree } = await submissionContext(db, row.submissionId)
      ensure(canSeeSubmission(actor, plan, submissionFacts(tree, submission)), 'You may not see this submission')
      const { content, ...metadata } = row
      return { meta: await one(db, metadata), content }
    },

    async remove(actor: Actor, id: number): Promise<void> {
      const submissionId = await submissionIdOfEvidence(db, id)
      await db.transaction(async (tx) => {
        const { plan } = await assertCanChangeEvidence(tx, actor, submissionId, { lock: true })
        const removed = await deleteEvidence(tx, id)
        if (!removed) throw notFound('Evidence')
        await fastify.audit.record(tx, actor, {
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

export type EvidenceService = ReturnType<typeof createEvidenceService>
