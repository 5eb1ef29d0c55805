// The fair queue in front of PGlite: statements and transactions wait in two lanes served in turn,
// so a read waits for at most one write transaction. Order is asserted, never time. And the statement
// cache behind it: each text prepared once, answers as PGlite's own query gives them.
import { PGlite, types } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FairQueue, type Lane, StatementCache } from '../src/db/pglite-scheduler.js'
import { type Client, startTestApp, type TestApp } from './helpers/app.js'
import { draft, measuresByNumber, openRound } from './round-fixtures.js'

describe('FairQueue', () => {
  /** A job that notes when it starts and runs until released. */
  function harness(statementBatches?: number) {
    const queue = new FairQueue(statementBatches)
    const started: string[] = []
    const release = new Map<string, () => void>()
    const submit = (lane: Lane, name: string) =>
      queue.run(lane, () => {
        started.push(name)
        return new Promise<string>((resolve) => release.set(name, () => resolve(name)))
      })
    /** Releases a running job and lets the queue move on to the next turn. */
    const finish = async (name: string) => {
      release.get(name)!()
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
    }
    return { queue, started, submit, finish }
  }

  it('serves every waiting statement at once, then a transaction, in turn', async () => {
    const { queue, started, submit, finish } = harness()
    const done = [submit('transaction', 'T1')]
    await new Promise((resolve) => setImmediate(resolve))
    done.push(submit('transaction', 'T2'), submit('transaction', 'T3'), submit('statement', 'S1'), submit('statement', 'S2'))
    expect(started).toEqual(['T1'])
    expect(queue.waiting).toEqual({ statement: 2, transaction: 2 })

    await finish('T1')
    // Both statements at once, ahead of the transactions queued before them.
    expect(started).toEqual(['T1', 'S1', 'S2'])
    await finish('S1')
    expect(started).toEqual(['T1', 'S1', 'S2'])
    await finish('S2')
    expect(started).toEqual(['T1', 'S1', 'S2', 'T2'])

    // A statement arriving during T2 goes before T3.
    done.push(submit('statement', 'S3'))
    await finish('T2')
    expect(started).toEqual(['T1', 'S1', 'S2', 'T2', 'S3'])
    await finish('S3')
    expect(started).toEqual(['T1', 'S1', 'S2', 'T2', 'S3', 'T3'])
    await finish('T3')
    expect(await Promise.all(done)).toEqual(['T1', 'T2', 'T3', 'S1', 'S2', 'S3'])
    expect(queue.waiting).toEqual({ statement: 0, transaction: 0 })
  })

  it('with statementBatches, lets statements that keep coming go ahead of a waiting transaction that often, not for ever', async () => {
    const { started, submit, finish } = harness(4)
    const done = [submit('transaction', 'T0')]
    await new Promise((resolve) => setImmediate(resolve))
    done.push(submit('transaction', 'T1'), submit('statement', 'S1'))
    await finish('T0')
    expect(started).toEqual(['T0', 'S1'])
    // Each statement's successor arrives while it runs, as a request's next statement does.
    for (const [running, next] of [
      ['S1', 'S2'],
      ['S2', 'S3'],
      ['S3', 'S4'],
      ['S4', 'S5'],
    ] as const) {
      done.push(submit('statement', next))
      await finish(running)
    }
    // Four batches in a row: now the transaction, then the statement that waited for it.
    expect(started).toEqual(['T0', 'S1', 'S2', 'S3', 'S4', 'T1'])
    await finish('T1')
    expect(started).toEqual(['T0', 'S1', 'S2', 'S3', 'S4', 'T1', 'S5'])
    await finish('S5')
    expect(await Promise.all(done)).toEqual(['T0', 'T1', 'S1', 'S2', 'S3', 'S4', 'S5'])
  })

  it('by default lets a transaction go after each batch of statements', async () => {
    const { started, submit, finish } = harness()
    const done = [submit('transaction', 'T0')]
    await new Promise((resolve) => setImmediate(resolve))
    done.push(submit('transaction', 'T1'), submit('transaction', 'T2'), submit('statement', 'S1'))
    await finish('T0')
    done.push(submit('statement', 'S2'))
    await finish('S1')
    expect(started).toEqual(['T0', 'S1', 'T1'])
    await finish('T1')
    expect(started).toEqual(['T0', 'S1', 'T1', 'S2'])
    await finish('S2')
    await finish('T2')
    expect(started).toEqual(['T0', 'S1', 'T1', 'S2', 'T2'])
    expect(await Promise.all(done)).toEqual(['T0', 'T1', 'T2', 'S1', 'S2'])
  })

  it('gives each caller its own result or error, and goes on after an error', async () => {
    const queue = new FairQueue()
    const failing = queue.run('transaction', async () => {
      throw new Error('rolled back')
    })
    const thrown = queue.run<number>('statement', () => {
      throw new Error('at once')
    })
    const fine = queue.run('statement', async () => 42)
    await expect(failing).rejects.toThrow('rolled back')
    await expect(thrown).rejects.toThrow('at once')
    expect(await fine).toBe(42)
  })
})

describe('reads under a burst of writes', () => {
  let t: TestApp
  let coordinator: Client
  let reporterVP: Client
  let submissionId: number
  /** Resolves once 20 write requests are in their handlers (session checked, transaction next). */
  let writersIn: Promise<void>
  let writerArrived = () => {}

  beforeAll(async () => {
    let arrived = 0
    writersIn = new Promise((resolve) => {
      writerArrived = () => {
        if (++arrived === 20) resolve()
      }
    })
    t = await startTestApp({}, (app) =>
      app.addHook('preHandler', async (request) => {
        if (request.method === 'POST' && request.url.endsWith('/evidence')) writerArrived()
      }),
    )
    ;({ planCoordinator: coordinator, reporterVP } = await t.loginAll())
    const planId = await t.demoPlanId()
    const measure = (await measuresByNumber(coordinator, planId)).get('3.5')!.id
    const round = await openRound(coordinator, planId, { measures: [measure] })
    submissionId = (await draft(reporterVP, round.id, measure, 'VP')).id
  })
  afterAll(() => t.close())

  it('answer a read sent after 20 concurrent write requests before the last of them', async () => {
    const finished: string[] = []
    const note = (name: string) => (res: { status: number }) => {
      finished.push(name)
      return res
    }
    const writes = Array.from({ length: 20 }, (_, i) =>
      reporterVP
        .post(`/api/submissions/${submissionId}/evidence`, { url: `https://example.lv/zinojums/${i}`, title: `Saite ${i}` })
        .then(note(`write ${i}`)),
    )
    // Every write is past its session check, its transaction about to queue, before the read is sent.
    await writersIn
    const read = coordinator.get('/api/plans').then(note('read'))
    const results = await Promise.all([...writes, read])
    expect(results.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(201))
    expect(results[20]!.status).toBe(200)
    expect(finished.indexOf('read'), finished.join(', ')).toBeLessThan(finished.length - 1)
  })
})

describe('StatementCache', () => {
  let client: PGlite
  beforeAll(async () => {
    client = await PGlite.create()
    await client.exec(`
      create table t (id serial primary key, name text not null unique, at timestamptz, data jsonb, n numeric, flag boolean, bytes bytea);
      insert into t (name, at, data, n, flag, bytes) values
        ('a', '2026-01-02T03:04:05Z', '{"x": [1, "ā"]}', 1.5, true, '\\x00ff'),
        ('b', null, null, null, false, null);
    `)
  })
  afterAll(() => client.close())

  const SELECT = 'select id, name, at, data, n, flag, bytes from t where id >= $1 order by id'

  it('answers as PGlite’s own query: rows, fields, parsers and row modes, parameters written by their types', async () => {
    const cache = new StatementCache(client)
    for (const options of [undefined, { rowMode: 'array' as const }, { parsers: { [types.TIMESTAMPTZ]: (value: string) => value } }]) {
      const own = await client.query(SELECT, [1], options)
      for (let i = 0; i < 3; i++) expect(await cache.query(SELECT, [1], options)).toEqual(own)
    }
    const at = new Date('2026-01-02T03:04:05Z')
    const byDate = 'select name from t where at = $1 and data = $2 and flag = $3'
    expect(await cache.query(byDate, [at, { x: [1, 'ā'] }, true])).toEqual(await client.query(byDate, [at, { x: [1, 'ā'] }, true]))
    const insert = 'insert into t (name) values ($1), ($2) returning id'
    const inserted = await cache.query<{ id: number }>(insert, ['c', 'd'])
    expect(inserted.rows).toHaveLength(2)
    expect(inserted.affectedRows).toBe(2)
    const update = 'update t set flag = $1 where name = any($2)'
    expect(await cache.query(update, [true, ['c', 'd', 'x']])).toEqual(await client.query(update, [true, ['c', 'd', 'x']]))
    expect(cache.size).toBe(4)
  })

  it('reports a database error with its code, statement and parameters, and keeps answering', async () => {
    const cache = new StatementCache(client)
    const duplicate = await cache.query('insert into t (name) values ($1)', ['a']).catch((error: unknown) => error)
    expect(duplicate).toMatchObject({ code: '23505', query: 'insert into t (name) values ($1)', params: ['a'] })
    const syntax = await cache.query('select from where', []).catch((error: unknown) => error)
    expect(syntax).toMatchObject({ code: '42601' })
    expect((await cache.query('select count(*)::int as n from t', [])).rows).toEqual([{ n: 4 }])
  })

  it('closes the least recently used statement past its limit, and prepares it again when it comes back', async () => {
    const prepared = async () => (await client.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]!.n
    const before = await prepared()
    const cache = new StatementCache(client, 2)
    const texts = ['select 1 as n', 'select 2 as n', 'select 3 as n']
    for (const text of [...texts, texts[0]!, texts[2]!]) await cache.query(text)
    expect(cache.size).toBe(2)
    expect(await prepared()).toBe(before + 2)
    expect((await cache.query<{ n: number }>(texts[1]!)).rows).toEqual([{ n: 2 }])
  })

  it('waits for a transaction under way: never runs inside another caller’s transaction', async () => {
    const cache = new StatementCache(client)
    let seen: unknown
    await client.transaction(async (tx) => {
      seen = cache.query<{ n: number }>('select count(*)::int as n from t')
      await tx.query("insert into t (name) values ('in-tx')")
      await new Promise((resolve) => setTimeout(resolve, 20))
      await tx.rollback()
    })
    expect((await (seen as Promise<{ rows: { n: number }[] }>)).rows).toEqual([{ n: 4 }])
  })
})
