// The evidence file store: files in the database, content-addressed by sha256, in chunks of
// CHUNK_SIZE bytes. An upload is staged chunk by chunk under a key of its own, each chunk one short
// statement, while the sha256 is computed; the evidence row's transaction then files the staged
// chunks under the sha256 (or drops them when that file is already stored) — so a large upload never
// holds the embedded database's one connection for longer than one chunk. A download reads the
// chunks one at a time. Chunks no evidence refers to are removed with the last reference, and by a
// sweep of whatever a failed upload left behind.
//
// The sha256 is taken under a transaction-scoped advisory lock wherever its chunks are filed or
// removed, so a delete of the last reference and a new upload of the same file never cross.
import { createHash, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { type AnyColumn, and, asc, eq, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../../db/client.js'
import { evidence, fileChunks } from '../../../db/schema/index.js'

export const CHUNK_SIZE = 256 * 1024
/** Staged chunks are filed under this prefix and a random id until their sha256 is known. */
export const STAGING_PREFIX = 'upload:'
/** Unreferenced chunks younger than this are left alone by the sweep: an upload may still be under way. */
export const ORPHAN_AGE_MS = 60 * 60 * 1000
/** The advisory-lock namespace of file sha256s (two-key form: its own space beside single-key locks). */
const LOCK_SPACE = 0x45564446 // "EVDF"

/** A file written under its staging key, not yet filed under its sha256. */
export interface StagedFile<T> {
  key: string
  sha256: string
  size: number
  chunks: number
  /** What `inspect` said about the file's first bytes. */
  inspected: T
}

/**
 * Decides about a file from its first bytes before anything is written: returns a verdict, throws
 * to refuse the file, or returns undefined to see more (it is then called again with the whole file,
 * `complete` true). Called with at least CHUNK_SIZE bytes, or with the whole file when it is smaller.
 */
export type Inspect<T> = (head: Buffer, complete: boolean) => Promise<T | undefined>

/** No evidence row names this file (one with its bytes still in `content` counts too: it is left alone). */
const unreferenced = (key: AnyColumn | string) => sql`not exists (select 1 from ${evidence} where ${evidence.sha256} = ${key})`

const lockFile = (tx: DbOrTx, sha256: string) => tx.execute(sql`select pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${sha256}))`)

/** Chunk count and total bytes stored under a key (octet_length reads the size without the bytes). */
async function stored(executor: DbOrTx, key: string): Promise<{ chunks: number; bytes: number }> {
  const [row] = await executor
    .select({
      chunks: sql<number>`count(*)::int`,
      bytes: sql<string>`coalesce(sum(octet_length(${fileChunks.data})), 0)::bigint`,
    })
    .from(fileChunks)
    .where(eq(fileChunks.sha256, key))
  return { chunks: row?.chunks ?? 0, bytes: Number(row?.bytes ?? 0) }
}

export function createFileStore(db: Db) {
  const writeChunk = (key: string, seq: number, data: Buffer) => db.insert(fileChunks).values({ sha256: key, seq, data })

  /** Removes a staging key's chunks (a failed or already filed upload); harmless when there are none. */
  async function discard(key: string): Promise<void> {
    if (!key.startsWith(STAGING_PREFIX)) throw new Error('only staged chunks are discarded by key')
    await db.delete(fileChunks).where(eq(fileChunks.sha256, key))
  }

  return {
    discard,

    /**
     * Reads `source` to its end, hashing it and writing it in chunks under a new staging key, each in
     * its own statement. Nothing is written before `inspect` has accepted the first bytes; on any
     * failure what was written is removed before the error goes on.
     */
    async stage<T>(source: AsyncIterable<Buffer>, inspect: Inspect<T>): Promise<StagedFile<T>> {
      const key = `${STAGING_PREFIX}${randomUUID()}`
      const hash = createHash('sha256')
      const pending: Buffer[] = []
      let pendingBytes = 0
      let size = 0
      let chunks = 0
      let verdict: T | undefined
      /** `inspect` asked for the whole file: it is held until the end. */
      let wholeFile = false
      /** The next chunk's bytes off the front of what is pending. */
      const take = (): Buffer => {
        const parts: Buffer[] = []
        let need = Math.min(CHUNK_SIZE, pendingBytes)
        pendingBytes -= need
        while (need > 0) {
          const first = pending[0]!
          if (first.length <= need) {
            parts.push(first)
            pending.shift()
            need -= first.length
          } else {
            parts.push(first.subarray(0, need))
            pending[0] = first.subarray(need)
            need = 0
          }
        }
        return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
      }
      const flush = async (all: boolean) => {
        while (pendingBytes >= CHUNK_SIZE || (all && pendingBytes > 0)) await writeChunk(key, chunks++, take())
      }
      try {
        for await (const piece of source) {
          hash.update(piece)
          size += piece.length
          pending.push(piece)
          pendingBytes += piece.length
          if (verdict === undefined) {
            if (pendingBytes < CHUNK_SIZE || wholeFile) continue
            verdict = await inspect(Buffer.concat(pending), false)
            wholeFile = verdict === undefined
            if (wholeFile) continue
          }
          await flush(false)
        }
        if (verdict === undefined) verdict = await inspect(Buffer.concat(pending), true)
        if (verdict === undefined) throw new Error('inspect must decide about a complete file')
        await flush(true)
        return { key, sha256: hash.digest('hex'), size, chunks, inspected: verdict }
      } catch (error) {
        // Should this fail too, the sweep removes the chunks later; the first error is the one to tell.
        if (chunks > 0) await discard(key).catch(() => undefined)
        throw error
      }
    },

    /**
     * In the evidence row's transaction: files a staged upload under its sha256, or — when the same
     * bytes are already stored — leaves the staged chunks for `discard`. Afterwards the sha256's
     * chunks exist until this transaction's evidence row is gone.
     */
    async file(tx: DbOrTx, staged: StagedFile<unknown>): Promise<void> {
      await lockFile(tx, staged.sha256)
      const existing = await stored(tx, staged.sha256)
      if (existing.bytes === staged.size && existing.chunks > 0) return
      // Nothing there (or a partial copy nobody can have read whole): ours replaces it.
      if (existing.chunks > 0) await tx.delete(fileChunks).where(eq(fileChunks.sha256, staged.sha256))
      const moved = await tx
        .update(fileChunks)
        .set({ sha256: staged.sha256, createdAt: sql`now()` })
        .where(eq(fileChunks.sha256, staged.key))
        .returning({ seq: fileChunks.seq })
      if (moved.length !== staged.chunks) throw new Error(`upload ${staged.key}: ${moved.length} of ${staged.chunks} chunks left`)
    },

    /** After the last evidence row with this sha256 is gone (in its own short transaction): its chunks go too. */
    async releaseIfUnreferenced(sha256: string): Promise<number> {
      return db.transaction(async (tx) => {
        await lockFile(tx, sha256)
        const removed = await tx
          .delete(fileChunks)
          .where(and(eq(fileChunks.sha256, sha256), unreferenced(sha256)))
          .returning({ seq: fileChunks.seq })
        return removed.length
      })
    },

    /** Whether all of a file's bytes are there (a download checks before it answers). */
    async isComplete(sha256: string, size: number): Promise<boolean> {
      const { chunks, bytes } = await stored(db, sha256)
      return size === 0 ? true : chunks > 0 && bytes === size
    },

    /** The file's bytes, read one chunk (one short statement) at a time as the client takes them. */
    open(sha256: string): Readable {
      async function* chunksOf() {
        for (let seq = 0; ; seq++) {
          const [row] = await db
            .select({ data: fileChunks.data })
            .from(fileChunks)
            .where(and(eq(fileChunks.sha256, sha256), eq(fileChunks.seq, seq)))
          if (!row) return
          yield row.data
        }
      }
      return Readable.from(chunksOf(), { objectMode: false, highWaterMark: CHUNK_SIZE })
    },

    /**
     * Removes chunks that no evidence refers to and that are older than `olderThanMs` (staged uploads
     * that failed or never finished, files whose evidence went with its submission), one file per
     * short transaction. Returns how many files went.
     */
    async sweep(olderThanMs = ORPHAN_AGE_MS): Promise<number> {
      const cutoff = new Date(Date.now() - olderThanMs)
      const orphanOf = (key: AnyColumn | string) =>
        and(sql`${fileChunks.createdAt} < ${cutoff.toISOString()}::timestamptz`, unreferenced(key))
      const keys = await db
        .selectDistinct({ key: fileChunks.sha256 })
        .from(fileChunks)
        .where(orphanOf(fileChunks.sha256))
        .orderBy(asc(fileChunks.sha256))
      let removed = 0
      for (const { key } of keys) {
        const n = await db.transaction(async (tx) => {
          await lockFile(tx, key)
          const gone = await tx
            .delete(fileChunks)
            .where(and(eq(fileChunks.sha256, key), orphanOf(key)))
            .returning({ seq: fileChunks.seq })
          return gone.length
        })
        if (n > 0) removed++
      }
      return removed
    },
  }
}

export type FileStore = ReturnType<typeof createFileStore>
