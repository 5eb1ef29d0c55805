// The clock-driven loop (NOTIFY_INTERVAL_SECONDS; 0 turns it off): every so many seconds, one pass
// of the outbox worker, then the time-driven reminders (`fastify.reminders.run(now)`) when they are
// registered. One pass at a time; it never blocks a request, and the app's close waits for it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

interface Reminders {
  run(now: Date): Promise<unknown>
}

/** One pass: the outbox, then the reminders, at the notification clock's now. */
export async function notifyPass(fastify: FastifyInstance): Promise<void> {
  await fastify.notifications.deliver()
  const reminders = (fastify as unknown as { reminders?: Reminders }).reminders
  if (reminders && typeof reminders.run === 'function') await reminders.run(fastify.notifications.clock.now())
}

export default fp<{ seconds: number }>(
  async (fastify, { seconds }) => {
    if (seconds <= 0) return
    let timer: NodeJS.Timeout | undefined
    let running: Promise<void> | undefined
    const tick = () => {
      running ??= notifyPass(fastify)
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
