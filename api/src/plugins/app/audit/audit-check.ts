// The periodic check of the audit log's hash chain (AUDIT_VERIFY_MINUTES; 0 turns it off): at start and
// then every so many minutes. Each check logs the row count and the head (the latest row's id and hash)
// at info level, an anchor outside the database: whoever can rewrite the whole chain from some row on,
// recomputing every hash after it, cannot rewrite the logs that named the old head. A broken chain, or a
// head from an earlier check that no longer has its hash, is logged as an error naming the row.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { ChainLink } from './audit-data.js'

export async function checkAuditChain(fastify: FastifyInstance, previousHead: ChainLink | null): Promise<ChainLink | null> {
  const result = await fastify.auditLog.verify()
  if (result.firstBroken)
    fastify.log.error(
      { audit: { firstBroken: result.firstBroken, rows: result.rows, head: result.head } },
      `audit log: the hash chain is broken at row ${result.firstBroken.id} (${result.firstBroken.reason === 'content' ? 'its content was changed' : 'it does not follow the row before it'})`,
    )
  if (previousHead) {
    const now = await fastify.auditLog.hashAt(previousHead.id)
    if (now !== previousHead.hash)
      fastify.log.error(
        { audit: { previousHead, hashNow: now } },
        `audit log: row ${previousHead.id}, the head at the last check, ${now === null ? 'is gone' : 'has another hash now'}: the chain was rewritten`,
      )
  }
  fastify.log.info({ audit: { ok: result.ok, rows: result.rows, head: result.head } }, 'audit log: hash chain checked')
  return result.head
}

export default fp<{ minutes: number }>(
  async (fastify, { minutes }) => {
    if (minutes <= 0) return
    let timer: NodeJS.Timeout | undefined
    let running: Promise<void> | undefined
    let head: ChainLink | null = null

    // One check at a time; a check still running when the next is due lets that one pass.
    const check = () => {
      running ??= checkAuditChain(fastify, head)
        .then((next) => {
          head = next
        })
        .catch((error: unknown) => fastify.log.error({ err: error }, 'audit log: the hash chain check failed'))
        .finally(() => {
          running = undefined
        })
    }

    fastify.addHook('onReady', async () => {
      check()
      timer = setInterval(check, minutes * 60_000)
      timer.unref()
    })
    // Before the database closes (server.ts and the tests close it after the app).
    fastify.addHook('onClose', async () => {
      clearInterval(timer)
      await running
    })
  },
  { name: 'audit-check', dependencies: ['services'] },
)
