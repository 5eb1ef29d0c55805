// Hearing a notification channel (LISTEN) on either engine. On PostgreSQL a connection of its own,
// outside the pool, opened again after it drops; on PGlite the one client, which delivers a
// notification as the statement that caused it ends.
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

export interface ListenHandlers {
  /** A notification's payload. */
  heard(payload: string): void
  /** false: notifications may be missed from now on (the connection dropped); true: heard again. */
  live(isLive: boolean): void
}

/** Stops listening. */
export type StopListening = () => Promise<void>

const RECONNECT_MS = 1_000

export async function listenPglite(client: PGlite, channel: string, handlers: ListenHandlers): Promise<StopListening> {
  const unlisten = await client.listen(channel, handlers.heard)
  handlers.live(true)
  return async () => {
    handlers.live(false)
    await unlisten().catch(() => undefined)
  }
}

export async function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<StopListening> {
  let client: pg.Client | null = null
  let stopped = false
  let retry: NodeJS.Timeout | undefined

  const lost = (dropped: pg.Client) => {
    if (client !== dropped) return
    client = null
    handlers.live(false)
    dropped.end().catch(() => undefined)
    if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS)
  }

  const connect = async () => {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.heard(message.payload ?? '')
    })
    next.on('error', () => lost(next))
    next.on('end', () => lost(next))
    client = next
    try {
      await next.connect()
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      lost(next)
      throw error
    }
    if (client === next && !stopped) handlers.live(true)
  }

  try {
    await connect()
  } catch (error) {
    // Not listening from the start is the caller's to decide on: no reconnecting behind its back.
    stopped = true
    clearTimeout(retry)
    throw error
  }
  return async () => {
    stopped = true
    clearTimeout(retry)
    const last = client
    client = null
    handlers.live(false)
    await last?.end().catch(() => undefined)
  }
}
