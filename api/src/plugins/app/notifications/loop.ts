// The clock-driven loop (NOTIFY_INTERVAL_SECONDS; 0 turns it off): every so many seconds, one pass
// of the outbox worker, then the time-driven reminders (`fastify.reminders.run(now)`) when they are
// registered. One pass at a time; it never blocks a request, and the app's close waits for it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/** Rows claimed at a time; a pass claims again while batches come back full (up to MAX_BATCHES). */
const BATCH = 20
const MAX_BATCHES = 50

/** One pass: the outbox (batch after batch while there is more), then the reminders, at the notification clock's now. */
export async function notifyPass(fastify: FastifyInstance): Promise<{ delivered: number }> {
  let delivered = 0
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const r = await fastify.notifications.deliver(BATCH)
    const claimed = r.sent + r.logged + r.retried + r.failed
    delivered += claimed
    if (claimed < BATCH) break
  }
  // Registered by the services plugin (./reminders.ts); absent in an app built without it.
  if (fastify.hasDecorator('reminders')) await fastify.reminders.run(fastify.notifications.clock.now())
  return { delivered }
}

export default fp<{ seconds: number }>(
  async (fastify, { seconds }) => {
    if (seconds <= 0) return
    let timer: NodeJS.Timeout | undefined
    let running: Promise<void> | undefined
    const tick = () => {
      running ??= notifyPass(fastify)
        .then(() => undefined)
        .catch((error: unknown) => fastify.log.error({ err: error }, 'notifications: the delivery pass failed'))
        .finally(() => {
          running = undefined
        })
    }
    fastify.addHook('onReady', async () => {
      timer = setInterval(tick, seconds * 1000)
      timer.unref()
    })
    fastify.addHook('onClose', async () => {
      clearInterval(timer)
      await running
    })
  },
  { name: 'notify-loop', dependencies: ['services', 'notifications'] },
)
