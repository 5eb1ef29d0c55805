// Values read from the database, kept by key until one of the tables they were read from changes
// (./change-feed.ts). A read is kept from the moment it begins, so concurrent misses of one key
// share it, and a change heard while it runs drops it with the rest: what is kept was always read
// after the last change heard. What a read did not find (undefined) is not kept. Nothing is
// kept while the feed is not live, nothing longer than `maxAgeMs`, and at most `maxEntries` (the
// oldest go first). Keep only values nobody mutates.
import type { ChangeFeed } from './change-feed.js'

export interface ReadCacheOptions {
  /** The tables the values are read from: a change to any of them drops every entry. */
  tables: readonly string[]
  maxEntries: number
  maxAgeMs: number
}

interface Entry<V> {
  value: Promise<V>
  at: number
}

export class ReadCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>()

  constructor(
    private readonly feed: ChangeFeed,
    private readonly options: ReadCacheOptions,
  ) {
    feed.subscribe((table) => {
      if (table === null || options.tables.includes(table)) this.clear()
    })
  }

  /** The value kept for `key`, else `read()`'s. */
  get(key: K, read: () => Promise<V>): Promise<V> {
    if (!this.feed.live) return read()
    const now = Date.now()
    const kept = this.#entries.get(key)
    if (kept && now - kept.at < this.options.maxAgeMs) return kept.value
    if (kept) this.#entries.delete(key)

    const value = read()
    const entry = { value, at: now }
    if (this.#entries.size >= this.options.maxEntries) this.#entries.delete(this.#entries.keys().next().value as K)
    this.#entries.set(key, entry)
    // Neither a failed read nor one that found nothing is kept.
    const forget = () => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key)
    }
    value.then((found) => found === undefined && forget(), forget)
    return value
  }

  /** Forgets one key: after this process changed what it was read from. */
  delete(key: K): void {
    this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
  }
}

/**
 * One read cache per database handle, for data-access functions that take any executor: a read
 * through a handle given to `keep` (the app's, never a transaction's, which may have changed what
 * it reads) is kept; any other is read afresh.
 */
export class KeptReads<K, V> {
  readonly #byHandle = new WeakMap<object, ReadCache<K, V>>()

  constructor(private readonly options: ReadCacheOptions) {}

  keep(handle: object, feed: ChangeFeed): void {
    this.#byHandle.set(handle, new ReadCache(feed, this.options))
  }

  get(executor: object, key: K, read: () => Promise<V>): Promise<V> {
    return this.#byHandle.get(executor)?.get(key, read) ?? read()
  }
}
