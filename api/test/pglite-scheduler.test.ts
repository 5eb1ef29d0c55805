// The fair queue in front of PGlite: statements and transactions wait in two lanes served in turn,
// so a read waits for at most one write transaction. Order is asserted, never time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FairQueue, type Lane } from '../src/db/pglite-scheduler.js'
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
