// Evidence on submissions: files (streamed into the content-addressed file store, type from the
// bytes, sha256 kept, the same file once per submission and its bytes once overall) and links;
// downloads for whoever may see the submission; removal only while the institution is still
// writing. The rules are the shared policy's.
import type { Readable } from 'node:stream'
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
import { createFileStore, ORPHAN_AGE_MS, type StagedFile } from './file-store.js'
import { checkFileName, detectEvidenceType, type EvidenceType } from './file-types.js'
import type { IncomingFile } from './upload.js'

/** An upload staged in the file store, not yet evidence: `addFile` makes it so, `discardUpload` drops it. */
export type StagedUpload = StagedFile<EvidenceType> & { fileName: string }

/** How often unreferenced chunks are looked for (those older than ORPHAN_AGE_MS go). */
const SWEEP_EVERY_MS = 15 * 60 * 1000

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/**
 * The type from the first bytes; ZIP-based formats (DOCX, XLSX, ODT, ODS and the ZIPs posing as
 * them) are told apart by entries anywhere in the archive, so those wait for the whole file.
 */
async function inspect(head: Buffer, complete: boolean, fileName: string): Promise<EvidenceType | undefined> {
  if (complete && head.length === 0) throw new AppError(ErrorCode.emptyFile, 'The file is empty')
  if (!complete && head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return undefined
  return detectEvidenceType(head, fileName)
}

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
  const store = createFileStore(db)

  // What failed uploads and removed submissions left in the file store: swept at start and then
  // every SWEEP_EVERY_MS; the timer stops, and a sweep under way is awaited, when the app closes.
  let sweeping: Promise<number> = Promise.resolve(0)
  const sweep = (olderThanMs: number) => {
    sweeping = sweeping.catch(() => 0).then(() => store.sweep(olderThanMs))
    return sweeping
  }
  const sweepInBackground = () =>
    void sweep(ORPHAN_AGE_MS).catch((error: unknown) => fastify.log.error({ err: error }, 'sweeping the evidence file store failed'))
  let timer: NodeJS.Timeout | undefined
  fastify.addHook('onReady', async () => {
    sweepInBackground()
    timer = setInterval(sweepInBackground, SWEEP_EVERY_MS)
    timer.unref()
  })
  fastify.addHook('onClose', async () => {
    clearInterval(timer)
    await sweeping.catch(() => 0)
  })

  /** Adds one evidence row (or finds the identical one) with its audit row, in one transaction. */
  async function add(
    actor: Actor,
    submissionId: number,
    same: (executor: DbOrTx) => Promise<EvidenceMeta | undefined>,
    values: Omit<typeof evidence.$inferInsert, 'submissionId'>,
    /** Runs in the transaction just before a new row is inserted (files its bytes). */
    beforeInsert?: (tx: DbOrTx) => Promise<void>,
  ): Promise<Added> {
    const write = () =>
      db.transaction(async (tx): Promise<Added> => {
        const { plan } = await assertCanChangeEvidence(tx, actor, submissionId, { lock: true })
        const existing = await same(tx)
        if (existing) return { evidence: await one(tx, existing), created: false }
        await beforeInsert?.(tx)
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

    /**
     * Streams an upload into the file store, each chunk its own short statement: the name is
     * checked first, the type from the first bytes before anything is written (415), an empty file
     * is refused (400) and one past UPLOAD_MAX_MB ends in 413 — on every failure nothing stays.
     */
    async stageUpload(file: IncomingFile): Promise<StagedUpload> {
      const fileName = checkFileName(file.fileName)
      const staged = await store.stage(file.bytes, (head, complete) => inspect(head, complete, fileName))
      return { ...staged, fileName }
    },

    /** Drops a staged upload that will not become evidence. */
    discardUpload: (staged: StagedUpload) => store.discard(staged.key),

    /** The staged upload as evidence: one short transaction files its chunks and inserts the row. */
    async addFile(actor: Actor, submissionId: number, staged: StagedUpload): Promise<Added> {
      try {
        return await add(
          actor,
          submissionId,
          (executor) => sameFile(executor, submissionId, staged.sha256),
          {
            kind: 'file',
            fileName: staged.fileName,
            mediaType: staged.inspected.mime,
            size: staged.size,
            sha256: staged.sha256,
          },
          (tx) => store.file(tx, staged),
        )
      } finally {
        // Filed chunks have left the staging key; what is still under it (the same file was already
        // there, or the transaction failed) goes now.
        await store.discard(staged.key)
      }
    },

    async addLink(actor: Actor, submissionId: number, input: CreateLinkEvidence): Promise<Added> {
      const url = checkUrl(input.url)
      return add(actor, submissionId, (executor) => sameLink(executor, submissionId, url), {
        kind: 'link',
        url,
        title: plainText(input.title).trim() || url,
      })
    },

    /**
     * The evidence for someone allowed to see its submission, with a file's bytes: a stream read
     * chunk by chunk from the file store, or the bytes kept in the row by earlier versions.
     */
    async download(actor: Actor, id: number): Promise<{ meta: Evidence; body: Buffer | Readable | null }> {
      const row = await evidenceWithContent(db, id)
      const { submission, plan, tree } = await submissionContext(db, row.submissionId)
      ensure(canSeeSubmission(actor, plan, submissionFacts(tree, submission)), 'You may not see this submission')
      const { content, ...metadata } = row
      const meta = await one(db, metadata)
      if (row.kind !== 'file') return { meta, body: null }
      if (content) return { meta, body: content }
      if (!row.sha256 || !(await store.isComplete(row.sha256, row.size ?? 0)))
        throw new Error(`evidence ${id}: the file's bytes are missing from the file store`)
      return { meta, body: store.open(row.sha256) }
    },

    async remove(actor: Actor, id: number): Promise<void> {
      const submissionId = await submissionIdOfEvidence(db, id)
      const removed = await db.transaction(async (tx) => {
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
        return removed
      })
      // The last evidence with these bytes takes them along (in a short transaction of its own).
      if (removed.sha256) await store.releaseIfUnreferenced(removed.sha256)
    },

    /** Removes chunks no evidence refers to, older than `olderThanMs`; returns how many files went. */
    sweepFiles: (olderThanMs = ORPHAN_AGE_MS) => sweep(olderThanMs),
  }
}

export type EvidenceService = ReturnType<typeof createEvidenceService>
