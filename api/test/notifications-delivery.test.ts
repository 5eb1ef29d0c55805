// Delivery of notifications (#13): `raise` → in-app notification + an e-mail through a real SMTP
// server (smtp-server, in this process) in the user's language; retries with backoff while the
// server is down, then `failed`; a claim whose process died is sent after its lease, once; the
// caller's own list, read marks and preferences. The clock is the test's (app.notifications.clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, inArray } from 'drizzle-orm'
import { auditLog, mailOutbox, notifications, users } from '../src/db/schema/index.js'
import { claimDue, LEASE_MS } from '../src/plugins/app/notifications/outbox-worker.js'
import type { NotificationEvent } from '../src/plugins/app/notifications/notifier.js'
import { notifyPass } from '../src/plugins/app/notifications/loop.js'
import { DEMO, startTestApp, type Client, type TestApp } from './helpers/app.js'
import { type MailServer, startMailServer } from './helpers/mail-server.js'

const PUBLIC_URL = 'https://uzraudziba.example.lv'

/** The decoded text of each MIME part of a raw message, by content type. */
function parts(raw: string): Record<string, string> {
  const out: Record<string, string> = {}
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1]
  const chunks = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw]
  for (const chunk of chunks) {
    const split = chunk.search(/\r?\n\r?\n/)
    const headers = chunk.slice(0, split)
    const body = chunk.slice(split).replace(/^\r?\n\r?\n/, '')
    const type = /content-type:\s*([^;\r\n]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain'
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase()
    let text = body
    if (encoding === 'quoted-printable') {
      const bytes: number[] = []
      const soft = body.replace(/=\r?\n/g, '')
      for (let i = 0; i < soft.length; i++) {
        if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
          bytes.push(parseInt(soft.slice(i + 1, i + 3), 16))
          i += 2
        } else bytes.push(...Buffer.from(soft[i]!, 'utf8'))
      }
      text = Buffer.from(bytes).toString('utf8')
    } else if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    out[type] = text.replace(/\r\n/g, '\n')
  }
  return out
}

/** The Subject header, with RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? ''
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .trim()
}

describe('notification delivery', () => {
  let mail: MailServer
  let t: TestApp
  let clients: Record<keyof typeof DEMO, Client>
  let now = new Date('2026-03-02T08:00:00Z')
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    mail = await startMailServer()
    t = await startTestApp({
      SMTP_URL: mail.url,
      PUBLIC_URL,
      NOTIFY_INTERVAL_SECONDS: '0',
      MAIL_FROM: 'APT <noreply@example.lv>',
    })
    t.app.notifications.clock = { now: () => now }
    clients = await t.loginAll()
    const rows = await t.app.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, [DEMO.reporterVPD.email, DEMO.reporterVP.email, DEMO.viewer.email, DEMO.planCoordinator.email]))
    for (const r of rows) ids[r.email] = r.id
  })

  afterAll(async () => {
    await t?.close()
    await mail?.stop()
  })

  const raise = (event: NotificationEvent) => t.app.db.transaction((tx) => t.app.notifications.raise(tx, event))
  const mailsTo = (email: string) => mail.received.filter((m) => m.to.includes(email))

  it('raise: in-app notification and an e-mail in each reader’s language, with the link; opted-out kinds only in the app; twice → once', async () => {
    const vpd = DEMO.reporterVPD.email
    const vp = DEMO.reporterVP.email
    const viewer = DEMO.viewer.email
    // VP reads English; the viewer turned e-mails of returned submissions off.
    expect((await clients.reporterVP.put('/api/my/preferences', { language: 'en' })).status).toBe(200)
    const off = await clients.viewer.put('/api/my/preferences', { emailOff: ['returned'] })
    expect(off.status).toBe(200)
    expect(off.body).toEqual({ language: 'lv', emailOff: ['returned'], lastPlanId: null })

    const event: NotificationEvent = {
      kind: 'returned',
      eventKey: 'submission:40:returned:1',
      recipients: [ids[vpd]!, ids[vp]!, ids[viewer]!, ids[vpd]!],
      params: {
        title: '2026. gada 1. ceturksnis',
        measure: '1.2.3',
        comment: 'Lūdzu, pievienojiet pierādījumus <un> avotu',
        actor: 'Ilze Ozola',
      },
      link: '/submissions/40',
    }
    const first = await raise(event)
    expect(first.notified.sort()).toEqual([ids[vpd], ids[vp], ids[viewer]].sort())
    expect(first.mailed).toBe(2)
    const again = await raise(event)
    expect(again).toEqual({ notified: [], mailed: 0 })

    const result = await t.app.notifications.deliver()
    expect(result).toEqual({ sent: 2, logged: 0, retried: 0, failed: 0 })
    expect(await t.app.notifications.deliver()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })

    expect(mailsTo(viewer)).toHaveLength(0)
    const [lv] = mailsTo(vpd)
    const [en] = mailsTo(vp)
    expect(mailsTo(vpd)).toHaveLength(1)
    expect(mailsTo(vp)).toHaveLength(1)
    expect(subjectOf(lv!.raw)).toBe('Atgriezts labošanai: “2026. gada 1. ceturksnis”, pasākums 1.2.3')
    expect(subjectOf(en!.raw)).toBe('Returned for correction: “2026. gada 1. ceturksnis”, measure 1.2.3')
    const lvParts = parts(lv!.raw)
    expect(lvParts['text/plain']).toContain('Komentārs: Lūdzu, pievienojiet pierādījumus <un> avotu')
    expect(lvParts['text/plain']).toContain(`Atvērt: ${PUBLIC_URL}/submissions/40`)
    expect(lvParts['text/html']).toContain(`<a href="${PUBLIC_URL}/submissions/40">Atvērt</a>`)
    expect(lvParts['text/html']).toContain('pierādījumus &lt;un&gt; avotu')
    const enParts = parts(en!.raw)
    expect(enParts['text/plain']).toContain(`Open: ${PUBLIC_URL}/submissions/40`)
    expect(enParts['text/html']).toContain('<html lang="en">')

    // In the app, everyone — the viewer too — has it once, titled in their language.
    const viewerList = await clients.viewer.get('/api/my/notifications')
    expect(viewerList.status).toBe(200)
    expect(viewerList.body.unread).toBe(1)
    expect(viewerList.body.items).toMatchObject([
      { kind: 'returned', title: 'Atgriezts labošanai: “2026. gada 1. ceturksnis”, pasākums 1.2.3', link: '/submissions/40', readAt: null },
    ])
    const vpList = await clients.reporterVP.get('/api/my/notifications')
    expect(vpList.body.items.map((n: { title: string }) => n.title)).toEqual([
      'Returned for correction: “2026. gada 1. ceturksnis”, measure 1.2.3',
    ])

    const outbox = await clients.admin.get('/api/admin/outbox')
    expect(outbox.status).toBe(200)
    expect(outbox.body.filter((o: { to: string }) => o.to === vpd || o.to === vp).map((o: { state: string }) => o.state)).toEqual([
      'sent',
      'sent',
    ])
  })

  it('a claim whose process died (lease taken, nothing sent) is sent after the lease expires, exactly once', async () => {
    const coordinator = DEMO.planCoordinator.email
    await raise({
      kind: 'submitted',
      eventKey: 'submission:41:submitted:1',
      recipients: [ids[coordinator]!],
      params: { title: 'Kārta A' },
      link: '/submissions/41',
    })
    const claimed = await claimDue(t.app.db, now)
    expect(claimed.map((c) => c.to)).toEqual([coordinator])
    // The claimer "dies" here. Others find nothing to send while the lease holds…
    expect(await t.app.notifications.deliver()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })
    now = new Date(now.getTime() + LEASE_MS - 1000)
    expect(await t.app.notifications.deliver()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })
    expect(mailsTo(coordinator)).toHaveLength(0)
    // …and send it once the lease has run out.
    now = new Date(now.getTime() + 2000)
    expect(await t.app.notifications.deliver()).toEqual({ sent: 1, logged: 0, retried: 0, failed: 0 })
    expect(await t.app.notifications.deliver()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })
    expect(mailsTo(coordinator)).toHaveLength(1)
    expect(subjectOf(mailsTo(coordinator)[0]!.raw)).toBe('Iesniegts izskatīšanai: “Kārta A”')
    const [row] = await t.app.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, coordinator))
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lockedUntil: null })
  })

  it('my notifications: newest first with the unread count; mark some, then all read; others’ ids ignored; preferences validated', async () => {
    const vpd = ids[DEMO.reporterVPD.email]!
    for (const n of [1, 2, 3])
      await raise({
        kind: 'work_opened',
        eventKey: `round:${n}:opened`,
        recipients: [vpd],
        params: { title: `Kārta ${n}`, dueDate: '2026-04-15' },
        link: `/rounds/${n}`,
      })
    const list = await clients.reporterVPD.get('/api/my/notifications?limit=10')
    expect(list.status).toBe(200)
    expect(list.body.unread).toBe(4)
    expect(list.body.items.map((n: { link: string }) => n.link)).toEqual(['/rounds/3', '/rounds/2', '/rounds/1', '/submissions/40'])
    expect(list.body.items[0].title).toBe('Atvērta iesniegšana: “Kārta 3” (termiņš 15.04.2026.)')

    // Another user's notification id is ignored.
    const [others] = await t.app.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.userId, ids[DEMO.viewer.email]!))
    const mark = await clients.reporterVPD.post('/api/my/notifications/read', {
      ids: [list.body.items[0].id, list.body.items[1].id, others!.id],
    })
    expect(mark.status).toBe(204)
    const after = await clients.reporterVPD.get('/api/my/notifications?unread=true')
    expect(after.body.unread).toBe(2)
    expect(after.body.items.map((n: { link: string }) => n.link)).toEqual(['/rounds/1', '/submissions/40'])
    expect((await clients.viewer.get('/api/my/notifications')).body.unread).toBe(1)

    expect((await clients.reporterVPD.post('/api/my/notifications/read', {})).status).toBe(204)
    const none = await clients.reporterVPD.get('/api/my/notifications')
    expect(none.body.unread).toBe(0)
    expect(none.body.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true)

    expect((await clients.reporterVPD.get('/api/my/notifications?limit=0')).status).toBe(400)
    const bad = await clients.reporterVPD.put('/api/my/preferences', { emailOff: ['returned', 'gossip'] })
    expect(bad.status).toBe(400)
    expect((await clients.reporterVPD.put('/api/my/preferences', { language: 'de' })).status).toBe(400)
    expect((await clients.reporterVPD.put('/api/my/preferences', {})).status).toBe(400)
    expect((await clients.reporterVPD.get('/api/my/preferences')).body).toEqual({ language: 'lv', emailOff: [], lastPlanId: null })
    expect((await clients.viewer.get('/api/my/preferences')).body).toEqual({ language: 'lv', emailOff: ['returned'], lastPlanId: null })
    expect((await clients.viewer.get('/api/admin/outbox')).status).toBe(403)
    // The change of preferences is audited with before and after.
    const audited = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'preferences.update'), eq(auditLog.entityId, String(ids[DEMO.viewer.email]))))
    expect(audited).toHaveLength(1)
    expect(audited[0]).toMatchObject({ before: { language: 'lv', emailOff: [] }, after: { language: 'lv', emailOff: ['returned'] } })
  })

  it('SMTP down: retried with backoff (1, 5, 25, 125 minutes), then failed and shown in the outbox; the API keeps answering', async () => {
    const vpd = DEMO.reporterVPD.email
    await t.app.notifications.deliver() // whatever the previous test queued
    const before = mail.received.length
    await mail.stop()
    await raise({
      kind: 'accepted',
      eventKey: 'submission:40:accepted',
      recipients: [ids[vpd]!],
      params: { title: 'Kārta B' },
      link: '/submissions/40',
    })

    const attempt = () => t.app.notifications.deliver()
    expect(await attempt()).toEqual({ sent: 0, logged: 0, retried: 1, failed: 0 })
    // Not due again until the backoff has passed.
    expect(await attempt()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })
    for (const minutes of [1, 5, 25]) {
      now = new Date(now.getTime() + (minutes * 60_000 - 1000))
      expect(await attempt()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })
      now = new Date(now.getTime() + 1000)
      expect(await attempt()).toEqual({ sent: 0, logged: 0, retried: 1, failed: 0 })
      expect((await clients.reporterVPD.get('/api/my/notifications')).status).toBe(200)
    }
    now = new Date(now.getTime() + 125 * 60_000)
    expect(await attempt()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 1 })
    now = new Date(now.getTime() + 24 * 60 * 60_000)
    expect(await attempt()).toEqual({ sent: 0, logged: 0, retried: 0, failed: 0 })

    const outbox = await clients.admin.get('/api/admin/outbox')
    expect(outbox.status).toBe(200)
    const failed = outbox.body.find((o: { subject: string }) => o.subject === 'Pieņemts: “Kārta B”')
    expect(failed).toMatchObject({ to: vpd, state: 'failed', attempts: 5, sentAt: null })
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i)
    expect(mail.received.length).toBe(before)
    expect((await t.http.get('/api/health')).status).toBe(200)
  })
})

describe('without SMTP_URL', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, NOTIFY_INTERVAL_SECONDS: '0' })
  })
  afterAll(async () => {
    await t?.close()
  })

  it('the loop’s pass writes every due e-mail to the log, batch after batch, and keeps it in the outbox as logged', async () => {
    const everyone = (await t.app.db.select({ id: users.id }).from(users)).map((u) => u.id)
    // More than one batch (20) of e-mails.
    for (let n = 0; n < 4; n++)
      await t.app.db.transaction((tx) =>
        t.app.notifications.raise(tx, {
          kind: 'status_changed',
          eventKey: `measure:${n}:status`,
          recipients: everyone,
          params: { measure: `1.${n}`, status: 'Izpildīts' },
          link: `/measures/${n}`,
        }),
      )
    const queued = await t.app.db.select({ id: mailOutbox.id }).from(mailOutbox)
    expect(queued.length).toBe(4 * everyone.length)
    expect(queued.length).toBeGreaterThan(20)

    const pass = await notifyPass(t.app)
    expect(pass.delivered).toBe(queued.length)
    const rows = await t.app.db
      .select({ state: mailOutbox.state, sentAt: mailOutbox.sentAt })
      .from(mailOutbox)
      .where(
        inArray(
          mailOutbox.id,
          queued.map((q) => q.id),
        ),
      )
    expect(rows).toHaveLength(queued.length)
    expect(rows.every((r) => r.state === 'logged' && r.sentAt !== null)).toBe(true)

    const adminClient = await t.login(DEMO.admin)
    const outbox = await adminClient.get('/api/admin/outbox?limit=500')
    expect(outbox.status).toBe(200)
    expect(outbox.body.length).toBeGreaterThanOrEqual(queued.length)
    const mine = outbox.body.find((o: { to: string; subject: string }) => o.to === DEMO.admin.email && o.subject.includes('1.3'))
    expect(mine).toMatchObject({
      state: 'logged',
      attempts: 1,
      lastError: null,
      subject: 'Mainīts izpildes statuss: pasākums 1.3 — Izpildīts',
    })
    expect(mine.text).toContain(`${PUBLIC_URL}/measures/3`)
  })
})
