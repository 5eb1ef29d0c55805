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
//
// A standalone `query` also goes through a statement cache (`StatementCache`): PGlite's own `query`
// parses, describes and plans every statement afresh, in six calls into PostgreSQL, and for the small
// reads behind most requests (a session lookup, a plan row, a few counts) planning is most of the
// work. drizzle sends the same text with placeholders for the same query, so each text is prepared
// once under a name and then only bound and run, in one call — what node-postgres does for a named
// prepared statement on PostgreSQL.
import {
  messages as wire,
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
  parse,
  protocol,
  types,
} from '@electric-sql/pglite'

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

const { serialize } = protocol

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

type BackendMessage = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number]

/**
 * One statement's answer as PGlite's `query` gives it (`parse.parseResults`), each value read by the
 * query's own parser for its type, else the client's — looked up per value, where PGlite merges the
 * two tables of parsers (hundreds of types) on every query.
 */
function resultOf<T>(messages: BackendMessage[], parsers: PGlite['parsers'], options?: QueryOptions): Results<T> {
  let fields: { name: string; dataTypeID: number }[] = []
  const rows: unknown[] = []
  const own = options?.parsers
  const read = (value: string | null, type: number) => {
    if (value === null) return null
    const parser = own?.[type] ?? parsers[type]
    return parser ? parser(value, type) : value
  }
  const arrays = options?.rowMode === 'array'
  let affectedRows = 0
  let command = ''
  let rowCount: number | undefined
  for (const message of messages) {
    if (message instanceof wire.RowDescriptionMessage) {
      fields = message.fields.map(({ name, dataTypeID }) => ({ name, dataTypeID }))
    } else if (message instanceof wire.DataRowMessage) {
      const values = message.fields as (string | null)[]
      if (arrays) rows.push(values.map((value, i) => read(value, fields[i]!.dataTypeID)))
      else {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < values.length; i++) row[fields[i]!.name] = read(values[i]!, fields[i]!.dataTypeID)
        rows.push(row)
      }
    } else if (message instanceof wire.CommandCompleteMessage) {
      const words = message.text.split(' ')
      const n = Number.parseInt(words.at(-1)!, 10)
      command = words[0]!
      if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command)) affectedRows += n
      if (!Number.isNaN(n)) rowCount = n
    }
  }
  return { rows: rows as T[], fields, command, affectedRows, ...(rowCount === undefined ? {} : { rowCount }) } as Results<T>
}

interface Prepared {
  name: string
  /** The parameters' types as PostgreSQL inferred them: how each value is written, as PGlite's `query` does. */
  paramTypes: number[]
}

/**
 * Standalone statements as named prepared statements, one per distinct text, the least recently used
 * closed past `limit` (texts with a varying number of placeholders, e.g. `in ($1, $2, …)`, come and go).
 * Runs under PGlite's own locks, so it never interleaves with a transaction or another statement.
 * Statements inside a transaction keep PGlite's own path.
 */
/** Numbers the statements of every cache, so two caches on one client never share a name. */
let statementCounter = 0

export class StatementCache {
  readonly #statements = new Map<string, Prepared>()

  constructor(
    private readonly client: PGlite,
    readonly limit = 256,
  ) {}

  get size(): number {
    return this.#statements.size
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    const client = this.client
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        try {
          const statement = await this.#prepared(sql)
          const values = params.map((param, i) => {
            if (param === null || param === undefined) return null
            const type = statement.paramTypes[i]!
            const write = options?.serializers?.[type] ?? client.serializers[type]
            return write ? write(param) : String(param)
          })
          const { messages } = await client.execProtocol(
            concat([
              serialize.bind({ statement: statement.name, values: values as (string | null)[] }),
              serialize.describe({ type: 'P' }),
              serialize.execute({}),
              serialize.sync(),
            ]),
            { syncToFs: false },
          )
          await client.syncToFs()
          return resultOf<T>(messages, client.parsers, options)
        } catch (error) {
          // As PGlite's own query reports a database error: with the statement and its parameters.
          if (error instanceof Error && 'severity' in error) Object.assign(error, { query: sql, params, queryOptions: options })
          throw error
        }
      }),
    )
  }

  async #prepared(sql: string): Promise<Prepared> {
    const known = this.#statements.get(sql)
    if (known) {
      // Most recently used last: a Map keeps insertion order.
      this.#statements.delete(sql)
      this.#statements.set(sql, known)
      return known
    }
    if (this.#statements.size >= this.limit) {
      const [oldest, { name }] = this.#statements.entries().next().value!
      this.#statements.delete(oldest)
      await this.client.execProtocol(concat([serialize.close({ type: 'S', name }), serialize.sync()]), { syncToFs: false })
    }
    const name = `apt_${++statementCounter}`
    const { messages } = await this.client.execProtocol(
      concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    )
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) }
    this.#statements.set(sql, prepared)
    return prepared
  }
}

/**
 * The same client with `query`, `exec` and `transaction` going through a fair queue, and `query`
 * through a statement cache; everything else (close, dumpDataDir, …) is the client's own.
 */
export function scheduled(client: PGlite, queue = new FairQueue()): PGlite {
  const statements = new StatementCache(client)
  const query = <T>(sql: string, params?: unknown[], options?: QueryOptions) =>
    queue.run('statement', () => statements.query<T>(sql, params, options))
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
