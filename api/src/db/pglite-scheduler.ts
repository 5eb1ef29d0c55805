// A fair queue in front of PGlite's one connection. PGlite runs one thing at a time behind a FIFO
// mutex, and a request's statements run one after another: so under a burst of write transactions
// each statement of a read waited behind every transaction queued before it, and a read of a few
// statements waited for all the writers. Here standalone statements and transactions wait in two
// lanes served in turn: a batch of statements (every one waiting at that moment), then one
// transaction, then the statements that arrived meanwhile. A statement waits for at most one
// transaction, a transaction for at most one batch of short statements (`statementBatches` lets
// more batches go in a row before a waiting transaction: reads get faster, writers slower).
// Between turns the event loop takes in what has arrived, since PGlite computes on this thread:
// without that, a request's next statement would only queue after the writers.
//
// Only the client's own entry points are queued: `query` and `exec` (a statement each) and
// `transaction` (drizzle's `db.transaction`). Statements inside a transaction run on PGlite's
// transaction object, which never comes back here, so they cannot wait behind their own transaction.
import { type PGlite, type QueryOptions, type Transaction, types } from '@electric-sql/pglite'

export type Lane = 'statement' | 'transaction'

interface Job {
  start(): Promise<void>
}

export class FairQueue {
  readonly #waiting: Record<Lane, Job[]> = { statement: [], transaction: [] }
  #busy = false
  /** Statement batches served since the last transaction. */
  #batchesInARow = 0

  constructor(
    /** How many statement batches may go in a row while a transaction waits. */
    readonly statementBatches = 1,
  ) {}

  /** Runs `work` when its lane's turn comes; its result or error is the caller's. */
  run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting[lane].push({ start: () => Promise.resolve().then(work).then(resolve, reject) })
      this.#next()
    })
  }

  /** How many statements and transactions wait (not counting those running). */
  get waiting(): Record<Lane, number> {
    return { statement: this.#waiting.statement.length, transaction: this.#waiting.transaction.length }
  }

  #next(): void {
    if (this.#busy) return
    const { statement, transaction } = this.#waiting
    const statementsGo = statement.length > 0 && (transaction.length === 0 || this.#batchesInARow < this.statementBatches)
    if (!statementsGo && transaction.length === 0) return
    // A batch of statements goes to PGlite at once (its own mutex keeps their order); a transaction alone.
    const batch = statementsGo ? statement.splice(0) : transaction.splice(0, 1)
    this.#batchesInARow = statementsGo ? this.#batchesInARow + 1 : 0
    this.#busy = true
    // Before the next turn the event loop takes in what has arrived meanwhile (a request's next
    // statement, a new request), so that it can queue in its lane.
    void Promise.all(batch.map((job) => job.start())).then(() =>
      setImmediate(() => {
        this.#busy = false
        this.#next()
      }),
    )
  }
}

// PGlite's own bytea codec goes through one string per byte (a 256 KiB chunk took ~100 ms to
// serialize). A Uint8Array parameter is sent as it is instead — PGlite's bind message writes array
// buffers in the binary format, which for bytea is the bytes themselves — and a result is decoded
// with Buffer's hex codec.
const byteaSerializer = (value: unknown): Uint8Array => {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type')
  return value
}
const byteaParser = (value: string): Buffer => Buffer.from(value.slice(2), 'hex')

/** Fast bytea conversion on this client (a Buffer comes back, as node-postgres gives). */
export function useFastBytea(client: PGlite): void {
  // Typed as returning text, PGlite's serializers may return bytes for a binary parameter.
  client.serializers[types.BYTEA] = byteaSerializer as unknown as PGlite['serializers'][number]
  client.parsers[types.BYTEA] = byteaParser
}

/**
 * The same client with `query`, `exec` and `transaction` going through a fair queue; everything
 * else (close, dumpDataDir, …) is the client's own.
 */
export function scheduled(client: PGlite, queue = new FairQueue()): PGlite {
  const query = <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
    queue.run('statement', () => client.query<T>(sql, params, options))
  const exec = (sql: string, options?: QueryOptions) => queue.run('statement', () => client.exec(sql, options))
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) => queue.run('transaction', () => client.transaction(callback))
  const overrides: Record<PropertyKey, unknown> = { query, exec, transaction } satisfies Pick<PGlite, 'query' | 'exec' | 'transaction'>
  return new Proxy(client, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property]
      // PGlite keeps its state in private fields: its methods and getters must see the client itself.
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' && property !== 'constructor' ? value.bind(target) : value
    },
  })
}
