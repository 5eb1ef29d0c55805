// Which tables changed, heard by every server process: the triggers of migrations/0015 send a
// table's name on `apt_changes` when a transaction that changed it commits. The read caches
// (./read-cache.ts) drop what they read from a table when it is named, and everything when the
// feed cannot vouch for what it heard (not listening yet, the connection dropped) — then they keep
// nothing until it can again.
//
// A process also tells its own caches at once after each of its own writes (`changed()`), so the
// request that follows a logout or a deactivation in this process never meets a stale entry; other
// processes hear of it when the notification arrives, within milliseconds of the commit.
import { sql } from 'drizzle-orm'
import type { Database } from './client.js'
import type { StopListening } from './listen.js'

export const CHANGES_CHANNEL = 'apt_changes'
/** A payload of the feed's own (`caughtUp`), never a table's name. */
const MARK = 'mark:'

/** A table's name, or null: anything may have changed. */
export type ChangeListener = (table: string | null) => void

export class ChangeFeed {
  #live = false
  #stop: StopListening | null = null
  readonly #listeners = new Set<ChangeListener>()
  readonly #marks = new Map<string, () => void>()
  #lastMark = 0

  private constructor(private readonly database: Pick<Database, 'db' | 'listen'> | null) {}

  /** Listening on the database's channel (`database` null: a feed that is never live, so nothing is cached). */
  static async start(database: Pick<Database, 'db' | 'listen'> | null): Promise<ChangeFeed> {
    const feed = new ChangeFeed(database)
    if (database)
      feed.#stop = await database.listen(CHANGES_CHANNEL, {
        heard: (payload) => (payload.startsWith(MARK) ? feed.#marks.get(payload)?.() : feed.changed(payload)),
        live: (isLive) => {
          feed.#live = isLive
          // Marks sent on a connection now gone are never heard; nothing is kept until live again.
          if (!isLive) for (const resolve of feed.#marks.values()) resolve()
          feed.changed()
        },
      })
    return feed
  }

  /** Whether every change is being heard: a cache may keep what it reads only while this holds. */
  get live(): boolean {
    return this.#live
  }

  subscribe(listener: ChangeListener): void {
    this.#listeners.add(listener)
  }

  /** Tells every cache of this process that `table` (null: anything) changed. */
  changed(table: string | null = null): void {
    for (const listener of this.#listeners) listener(table)
  }

  /**
   * Resolves once every change committed before the call has been heard here: a notification of the
   * feed's own comes back after them (PostgreSQL delivers notifications in commit order). For a
   * write made outside this process's requests, e.g. by a test or a script, before reading again.
   */
  async caughtUp(): Promise<void> {
    if (!this.#live || !this.database) return
    const mark = `${MARK}${++this.#lastMark}`
    const heard = new Promise<void>((resolve) => this.#marks.set(mark, resolve))
    await this.database.db.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${mark})`)
    await heard
    this.#marks.delete(mark)
  }

  async close(): Promise<void> {
    for (const resolve of this.#marks.values()) resolve()
    await this.#stop?.()
    this.#stop = null
    this.#live = false
    this.changed()
  }
}
