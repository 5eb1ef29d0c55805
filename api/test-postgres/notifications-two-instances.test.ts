// Exactly once with two API processes on one PostgreSQL database (#13): both raise the same events
// at the same moment — each (event, recipient) becomes one notification and one e-mail — and both
// run the outbox worker at the same time in small batches: every outbox row reaches the SMTP server
// exactly once (FOR UPDATE SKIP LOCKED and the lease).
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count } from 'drizzle-orm'
import type { Database } from '../src/db/client.js'
import { institutions, mailOutbox, notifications, users } from '../src/db/schema/index.js'
import { type FreshDatabase, freshDatabase, startInstances } from './databases.js'

let fresh: FreshDatabase
let smtp: SMTPServer
const received: Array<{ to: string; outboxId: string }> = []
const instances: Array<{ app: FastifyInstance; database: Database }> = []

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')))
      stream.on('end', () => {
        const outboxId = /^X-APT-Outbox-Id: (\d+)/im.exec(raw)?.[1] ?? ''
        for (const r of session.envelope.rcptTo) received.push({ to: r.address, outboxId })
        // A little slowness, so the two workers' batches overlap.
        setTimeout(callback, 2)
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  const port = (smtp.server.address() as AddressInfo).port
  fresh = await freshDatabase('notify')
  instances.push(...(await startInstances(fresh, 2, { SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_INTERVAL_SECONDS: '0' })))
})

afterAll(async () => {
  for (const { app, database } of instances) {
    await app.close()
    await database.close()
  }
  await fresh?.drop()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

describe('two API instances on one PostgreSQL database', () => {
  it('raise the same events and deliver at the same time: every (event, recipient) notified and mailed exactly once', async () => {
    const [a, b] = instances.map((i) => i.app) as [FastifyInstance, FastifyInstance]
    // Six recipients beside the first admin (the demo data is not seeded here), one of them reading English.
    const [institution] = await a.db.insert(institutions).values({ code: 'NTF', name: 'Paziņojumu iestāde', kind: 'agency' }).returning()
    await a.db.insert(users).values(
      Array.from({ length: 6 }, (_, i) => ({
        email: `zinotajs${i}@ntf.example.lv`,
        name: `Ziņotājs ${i}`,
        institutionId: institution!.id,
        role: 'reporter' as const,
        passwordHash: 'not-a-login',
        language: i === 0 ? ('en' as const) : ('lv' as const),
      })),
    )
    const people = (await a.db.select({ id: users.id }).from(users)).map((u) => u.id)
    expect(people).toHaveLength(7)
    const EVENTS = 30
    const raiseAll = (app: FastifyInstance) =>
      Promise.all(
        Array.from({ length: EVENTS }, (_, n) =>
          app.db.transaction((tx) =>
            app.notifications.raise(tx, {
              kind: 'work_opened',
              eventKey: `round:${n}:opened`,
              recipients: people,
              params: { title: `Kārta ${n}` },
              link: `/rounds/${n}`,
            }),
          ),
        ),
      )
    const [fromA, fromB] = await Promise.all([raiseAll(a), raiseAll(b)])
    const notifiedTotal = [...fromA, ...fromB].reduce((sum, r) => sum + r.notified.length, 0)
    expect(notifiedTotal).toBe(EVENTS * people.length)

    const [notified] = await a.db.select({ n: count() }).from(notifications)
    expect(notified!.n).toBe(EVENTS * people.length)
    const [queued] = await a.db.select({ n: count() }).from(mailOutbox)
    expect(queued!.n).toBe(EVENTS * people.length)

    // Both workers drain the outbox at the same time, five rows per claim.
    const drain = async (app: FastifyInstance) => {
      let sent = 0
      for (;;) {
        const pass = await app.notifications.deliver(5)
        if (pass.sent + pass.retried + pass.failed + pass.logged === 0) return sent
        sent += pass.sent
      }
    }
    const [sentA, sentB] = await Promise.all([drain(a), drain(b)])
    expect(sentA + sentB).toBe(EVENTS * people.length)
    expect(sentA).toBeGreaterThan(0)
    expect(sentB).toBeGreaterThan(0)

    expect(received).toHaveLength(EVENTS * people.length)
    const ids = received.map((m) => m.outboxId)
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    const states = await a.db.select({ state: mailOutbox.state, attempts: mailOutbox.attempts }).from(mailOutbox)
    expect(states.every((s) => s.state === 'sent' && s.attempts === 1)).toBe(true)
  })
})
