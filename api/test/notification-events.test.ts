// Who hears of what (#13): a whole round (open, submit, return with a comment, resubmit, endorse,
// accept) and a measure's status change tell exactly the expected people — in the app and by e-mail
// through a real SMTP server — with links they can open; time-driven reminders with a clock the test
// controls (7 and 1 days before, daily while overdue, the coordinator's daily digest, nothing for
// those who handed in, nothing new on a second run the same day); "Atgādināt kavētājiem".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq, like } from 'drizzle-orm'
import { auditLog, mailOutbox, notifications, surveys, users } from '../src/db/schema/index.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { type MailServer, startMailServer } from './helpers/mail-server.js'
import { measuresByNumber, type MeasureRef, step } from './round-fixtures.js'

const PUBLIC_URL = 'https://uzraudziba.example.lv'
const VPD = DEMO.reporterVPD.email
const VP = DEMO.reporterVP.email
const TM = DEMO.ministryCoordinator.email
const IEM = DEMO.planCoordinator.email

let t: TestApp
let c: Record<keyof typeof DEMO, Client>
let planId: number
let measures: Map<string, MeasureRef>
let mail: MailServer

beforeAll(async () => {
  mail = await startMailServer()
  t = await startTestApp({ SMTP_URL: mail.url, PUBLIC_URL, NOTIFY_INTERVAL_SECONDS: '0' })
  c = await t.loginAll()
  planId = await t.demoPlanId()
  measures = await measuresByNumber(c.planCoordinator, planId)
  // What the first start raised (the demo survey opened) goes out first, out of the way.
  await t.app.notifications.deliver()
  mail.received.length = 0
})
afterAll(async () => {
  await t?.close()
  await mail?.stop()
})

interface Told {
  email: string
  kind: string
  eventKey: string
  link: string
  params: Record<string, unknown>
}

/** Every notification whose event key starts with `prefix`, by event, then address. */
async function told(prefix: string): Promise<Told[]> {
  const rows = await t.app.db
    .select({
      email: users.email,
      kind: notifications.kind,
      eventKey: notifications.eventKey,
      link: notifications.link,
      params: notifications.params,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(like(notifications.eventKey, `${prefix}%`))
    .orderBy(asc(notifications.id))
  return rows.sort((a, b) => a.eventKey.localeCompare(b.eventKey) || a.email.localeCompare(b.email))
}
const who = (rows: Told[]) => rows.map((r) => `${r.kind} ${r.email}`)

/** Sends what is waiting and returns the addresses each message went to, in order sent. */
async function mailed(): Promise<string[]> {
  mail.received.length = 0
  await t.app.notifications.deliver()
  return mail.received.flatMap((m) => m.to).sort()
}

async function openRound(dueDate: string, numbers: string[]) {
  const res = await c.planCoordinator.post(`/api/plans/${planId}/rounds`, {
    title: `Kārta ${dueDate}`,
    period: '2025',
    dueDate,
    measures: numbers.map((n) => measures.get(n)!.id),
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as number
}

async function draft(client: Client, roundId: number, number: string, institution: string) {
  const res = await client.post(`/api/rounds/${roundId}/submissions`, {
    measureId: measures.get(number)!.id,
    institution,
    text: `${institution} ziņo par ${number}`,
    proposedStatus: 'partial',
    reason: 'Darbs turpinās',
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: number; version: number }
}

describe('a whole round tells exactly the expected people', () => {
  it('open → submit → return → resubmit → endorse → accept, then a status change', async () => {
    // Measure 2.3 is VPD's (under the Justice Ministry, TM); 3.5 is VP's (under IeM, which has no ministry coordinator).
    const roundId = await openRound('2031-03-01', ['2.3', '3.5'])
    const opened = await told(`round:${roundId}:`)
    expect(who(opened)).toEqual([`work_opened ${VP}`, `work_opened ${VPD}`])
    expect(opened[0]).toMatchObject({ link: '/my-work', params: { title: 'Kārta 2031-03-01', dueDate: '2031-03-01' } })
    expect(await mailed()).toEqual([VP, VPD].sort())

    // VPD submits → the Justice Ministry's coordinator reviews it.
    const vpd = await draft(c.reporterVPD, roundId, '2.3', 'VPD')
    let s = await step(c.reporterVPD, vpd.id, 'submit', vpd.version)
    const key = `submission:${vpd.id}:`
    expect(who(await told(key))).toEqual([`submitted ${TM}`])
    expect((await told(key))[0]).toMatchObject({
      link: `/review/${vpd.id}`,
      params: { measure: '2.3', institution: expect.any(String), actor: 'Vija Probācija', title: 'Kārta 2031-03-01' },
    })
    expect(await mailed()).toEqual([TM])

    // TM returns it with a comment → VPD (author and the institution's reporter: one notification).
    s = await step(c.ministryCoordinator, vpd.id, 'return', s.version, 200, { comment: 'Lūdzu, papildiniet ar skaitļiem' })
    const returned = (await told(key)).filter((r) => r.kind === 'returned')
    expect(who(returned)).toEqual([`returned ${VPD}`])
    expect(returned[0]).toMatchObject({ link: `/submissions/${vpd.id}`, params: { comment: 'Lūdzu, papildiniet ar skaitļiem' } })
    expect(await mailed()).toEqual([VPD])
    const [returnMail] = await t.app.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, VPD), like(mailOutbox.subject, 'Atgriezts labošanai%')))
    expect(returnMail).toMatchObject({ state: 'sent' })
    expect(returnMail!.text).toContain('Komentārs: Lūdzu, papildiniet ar skaitļiem')
    expect(returnMail!.text).toContain(`${PUBLIC_URL}/submissions/${vpd.id}`)

    // Corrected and submitted again → TM once more (a new event).
    const edited = await c.reporterVPD.patch(`/api/submissions/${vpd.id}`, { version: s.version, text: 'VPD: 46 nepilngadīgie' })
    expect(edited.status).toBe(200)
    s = await step(c.reporterVPD, vpd.id, 'submit', edited.body.version)
    expect(who((await told(key)).filter((r) => r.kind === 'submitted'))).toEqual([`submitted ${TM}`, `submitted ${TM}`])
    expect(await mailed()).toEqual([TM])

    // TM endorses → the author, and IeM's coordinator whose turn it is to accept.
    s = await step(c.ministryCoordinator, vpd.id, 'endorse', s.version)
    const endorsed = (await told(key)).filter((r) => r.kind === 'endorsed')
    expect(endorsed.map((r) => [r.email, r.link])).toEqual([
      [IEM, `/review/${vpd.id}`],
      [VPD, `/submissions/${vpd.id}`],
    ])
    expect(await mailed()).toEqual([IEM, VPD].sort())

    // IeM accepts → the author.
    s = await step(c.planCoordinator, vpd.id, 'accept', s.version)
    expect(who((await told(key)).filter((r) => r.kind === 'accepted'))).toEqual([`accepted ${VPD}`])
    expect(await mailed()).toEqual([VPD])

    // IeM undoes the acceptance → the author hears why (the text left the measure); then accepts again.
    const undone = await c.planCoordinator.post(`/api/submissions/${vpd.id}/unaccept`, {
      version: s.version,
      reason: 'Pieņemts kļūdas pēc',
    })
    expect(undone.status).toBe(200)
    const unaccepted = (await told(key)).filter((r) => r.kind === 'unaccepted')
    expect(unaccepted.map((r) => [r.email, r.link, r.params.comment])).toEqual([[VPD, `/submissions/${vpd.id}`, 'Pieņemts kļūdas pēc']])
    expect(await mailed()).toEqual([VPD])
    const [undoMail] = await t.app.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, VPD), like(mailOutbox.subject, 'Pieņemšana atcelta%')))
    expect(undoMail!.text).toContain('Komentārs: Pieņemts kļūdas pēc')
    await step(c.planCoordinator, vpd.id, 'accept', undone.body.version)
    expect(await mailed()).toEqual([VPD])

    // VP's sector (IeM) has no ministry coordinator: its submission goes straight to the plan's coordinator.
    const vp = await draft(c.reporterVP, roundId, '3.5', 'VP')
    await step(c.reporterVP, vp.id, 'submit', vp.version)
    expect(who(await told(`submission:${vp.id}:`))).toEqual([`submitted ${IEM}`])
    expect(await mailed()).toEqual([IEM])

    // Every link opens for the one told: the API behind each page answers them.
    const pages: [Client, string][] = [
      [c.ministryCoordinator, `/api/submissions/${vpd.id}`],
      [c.reporterVPD, `/api/submissions/${vpd.id}`],
      [c.planCoordinator, `/api/submissions/${vp.id}`],
      [c.reporterVPD, '/api/my/work'],
    ]
    for (const [client, url] of pages) expect((await client.get(url)).status, url).toBe(200)
    const mine = await c.reporterVPD.get('/api/my/notifications')
    expect(mine.status).toBe(200)
    const links = mine.body.items.map((i: { link: string }) => i.link)
    expect(links).toEqual(expect.arrayContaining(['/my-work', `/submissions/${vpd.id}`]))
    expect(mine.body.items.find((i: { kind: string }) => i.kind === 'returned').title).toBe(
      'Atgriezts labošanai: “Kārta 2031-03-01”, pasākums 2.3',
    )

    // IeM rates 2.3 → every user of its institutions (VPD), but not IeM's coordinator who did it.
    const measure = (await c.planCoordinator.get(`/api/measures/${measures.get('2.3')!.id}`)).body
    const rated = await c.planCoordinator.patch(`/api/measures/${measure.id}`, {
      version: measure.version,
      status: 'done',
      reason: 'Programma ieviesta',
      keepAssessment: true,
    })
    expect(rated.status, JSON.stringify(rated.body)).toBe(200)
    const status = await told(`measure:${measure.id}:status:`)
    expect(who(status)).toEqual([`status_changed ${VPD}`])
    expect(status[0]).toMatchObject({
      link: `/measures/${measure.id}`,
      params: { measure: '2.3', status: 'done', comment: 'Programma ieviesta' },
    })
    expect(await mailed()).toEqual([VPD])
    // The status is named in each reader's language, also after the reader switches it.
    const titleOf = async () =>
      ((await c.reporterVPD.get('/api/my/notifications')).body.items as { kind: string; title: string }[]).find(
        (n) => n.kind === 'status_changed',
      )!.title
    expect(await titleOf()).toContain('Izpildīts')
    expect((await c.reporterVPD.put('/api/my/preferences', { language: 'en' })).status).toBe(200)
    expect(await titleOf()).toContain('Done')
    expect((await c.reporterVPD.put('/api/my/preferences', { language: 'lv' })).status).toBe(200)
    expect((await c.reporterVPD.get(`/api/measures/${measure.id}`)).status).toBe(200)
  })

  it('a reporter who turned an e-mail kind off still sees it in the app', async () => {
    expect((await c.reporterVP.put('/api/my/preferences', { emailOff: ['work_opened'] })).status).toBe(200)
    const roundId = await openRound('2031-04-01', ['3.5'])
    expect(who(await told(`round:${roundId}:`))).toEqual([`work_opened ${VP}`])
    expect(await mailed()).toEqual([])
    expect((await c.reporterVP.put('/api/my/preferences', { emailOff: [] })).status).toBe(200)
  })
})

describe('a survey opening', () => {
  it('tells the filers of its audience, each time it opens', async () => {
    const [open] = await t.app.db.select().from(surveys).where(eq(surveys.state, 'open'))
    const closed = await c.planCoordinator.post(`/api/surveys/${open!.id}/close`, { version: open!.version })
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)
    const reopened = await c.planCoordinator.post(`/api/surveys/${open!.id}/open`, { version: closed.body.version })
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    const opened = await told(`survey:${open!.id}:opened:`)
    // The audience is every municipality; only Rīga's and Alūksne's reporters have accounts.
    expect(who(opened)).toEqual(['work_opened zinotajs@aluksne.demo.lv', 'work_opened zinotajs@riga.demo.lv'])
    expect(opened[0]).toMatchObject({ link: `/surveys/${open!.id}/answer`, params: { title: open!.title } })
    expect(await mailed()).toEqual(['zinotajs@aluksne.demo.lv', 'zinotajs@riga.demo.lv'])
    const riga = await t.login({ email: 'zinotajs@riga.demo.lv', password: DEMO.reporterVP.password })
    expect((await riga.get(`/api/surveys/${open!.id}/responses/RIGA`)).status).toBe(200)
  })
})

describe('time-driven reminders', () => {
  // Noon in Riga on a given day: `run` counts days in Riga, whatever the UTC date.
  const at = (day: string) => new Date(`${day}T10:00:00Z`)

  it('7 and 1 days before, daily while overdue, a daily digest; nothing for who handed in; once a day', async () => {
    const due = '2032-05-20'
    const roundId = await openRound(due, ['2.3', '3.5'])
    // VPD hands in at once; VP does not.
    const vpd = await draft(c.reporterVPD, roundId, '2.3', 'VPD')
    await step(c.reporterVPD, vpd.id, 'submit', vpd.version)
    const reminders = async () => (await told(`round:${roundId}:`)).filter((r) => r.kind !== 'work_opened')
    await mailed() // the opening and the submission, out of the way

    await t.app.reminders.run(at('2032-05-12'))
    expect(await reminders()).toEqual([])

    await t.app.reminders.run(at('2032-05-13'))
    expect(who(await reminders())).toEqual([`due_soon ${VP}`])
    expect((await reminders())[0]).toMatchObject({ eventKey: `round:${roundId}:due:7`, params: { days: 7, dueDate: due } })

    await t.app.reminders.run(at('2032-05-15'))
    await t.app.reminders.run(at('2032-05-19'))
    await t.app.reminders.run(at('2032-05-19'))
    expect((await reminders()).map((r) => `${r.eventKey} ${r.email}`)).toEqual([
      `round:${roundId}:due:1 ${VP}`,
      `round:${roundId}:due:7 ${VP}`,
    ])

    // The due day itself is not late yet.
    await t.app.reminders.run(at('2032-05-20'))
    expect(await reminders()).toHaveLength(2)

    // Late: VP daily, IeM's coordinator a digest a day; a second run the same day adds nothing.
    for (const day of ['2032-05-21', '2032-05-21', '2032-05-22']) await t.app.reminders.run(at(day))
    expect((await reminders()).filter((r) => r.kind === 'overdue').map((r) => `${r.eventKey} ${r.email}`)).toEqual([
      `round:${roundId}:overdue:2032-05-21 ${VP}`,
      `round:${roundId}:overdue:2032-05-22 ${VP}`,
    ])
    const digests = (await told('late-digest:2032-05-2')).filter((d) => d.eventKey !== 'late-digest:2032-05-20')
    expect(digests.map((d) => `${d.eventKey} ${d.email}`)).toEqual([`late-digest:2032-05-21 ${IEM}`, `late-digest:2032-05-22 ${IEM}`])
    expect(digests[0]!.params).toMatchObject({
      late: expect.arrayContaining([expect.any(String)]),
      items: expect.arrayContaining([{ what: 'round', id: roundId, title: `Kārta ${due}`, dueDate: due, institutions: 1 }]),
    })
    expect(digests[0]!.kind).toBe('late_digest')

    // Once VP hands in, the reminders stop.
    const vp = await draft(c.reporterVP, roundId, '3.5', 'VP')
    await step(c.reporterVP, vp.id, 'submit', vp.version)
    await t.app.reminders.run(at('2032-05-23'))
    expect((await reminders()).filter((r) => r.eventKey.endsWith('2032-05-23'))).toEqual([])

    // Each goes by e-mail to the one told; VPD, who handed in, gets none (its other rounds are handed in too).
    const sent = await mailed()
    expect(sent.filter((a) => a === VPD)).toEqual([])
    expect(sent).toEqual(expect.arrayContaining([VP, IEM]))
  })
})

describe('Atgādināt kavētājiem', () => {
  it('reminds everyone still owing now, with the message; each press a new reminder; 403 for others', async () => {
    const roundId = await openRound('2031-06-01', ['2.3', '3.5'])
    const vpd = await draft(c.reporterVPD, roundId, '2.3', 'VPD')
    await step(c.reporterVPD, vpd.id, 'submit', vpd.version)

    const first = await c.planCoordinator.post(`/api/rounds/${roundId}/remind`, { message: 'Lūdzu, iesniedziet līdz piektdienai' })
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ institutions: 1, people: 1 })
    const second = await c.planCoordinator.post(`/api/rounds/${roundId}/remind`, {})
    expect(second.status).toBe(202)
    const reminded = (await told(`round:${roundId}:reminder:`)).sort((a, b) => a.eventKey.localeCompare(b.eventKey))
    expect(who(reminded)).toEqual([`reminder ${VP}`, `reminder ${VP}`])
    expect(reminded[0]!.params).toMatchObject({ message: 'Lūdzu, iesniedziet līdz piektdienai', actor: 'Ilze Koordinatore' })
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'round.remind'), eq(auditLog.entityId, String(roundId))))
    expect(audit).toHaveLength(2)

    expect((await c.reporterVP.post(`/api/rounds/${roundId}/remind`, {})).status).toBe(403)
    expect((await c.ministryCoordinator.post(`/api/rounds/${roundId}/remind`, {})).status).toBe(403)
    expect((await c.planCoordinator.post('/api/rounds/999999/remind', {})).status).toBe(404)
    expect((await c.planCoordinator.post(`/api/rounds/${roundId}/remind`, { message: '' })).status).toBe(400)
  })

  it('a survey: its audience that has not submitted', async () => {
    const [open] = await t.app.db.select().from(surveys).where(eq(surveys.state, 'open'))
    const res = await c.planCoordinator.post(`/api/surveys/${open!.id}/remind`, { message: 'Atgādinājums' })
    expect(res.status).toBe(202)
    const reminded = await told(`survey:${open!.id}:reminder:`)
    expect(res.body.people).toBe(reminded.length)
    expect(reminded.every((r) => r.kind === 'reminder' && r.link === `/surveys/${open!.id}/answer`)).toBe(true)
    expect(reminded.map((r) => r.email)).toEqual(expect.arrayContaining(['zinotajs@aluksne.demo.lv']))
    expect((await c.reporterVPD.post(`/api/surveys/${open!.id}/remind`, {})).status).toBe(403)
  })
})

describe('reminder days chosen per round and survey', () => {
  it('keeps the days a round or survey was given, and reminds on them', async () => {
    const round = await c.planCoordinator.post(`/api/plans/${planId}/rounds`, {
      title: 'Trīs dienas iepriekš',
      period: '2026',
      dueDate: '2031-05-20',
      reminderDays: [3, 14],
    })
    expect(round.status, JSON.stringify(round.body)).toBe(201)
    expect(round.body.reminderDays).toEqual([14, 3])
    expect(
      (
        await c.planCoordinator.post(`/api/plans/${planId}/rounds`, {
          title: 'X',
          period: '2026',
          dueDate: '2031-05-20',
          reminderDays: [0],
        })
      ).status,
    ).toBe(400)

    await t.app.reminders.run(new Date('2031-05-13T09:00:00Z')) // 7 days before: not chosen
    expect(await told(`round:${round.body.id}:due:7`)).toEqual([])
    await t.app.reminders.run(new Date('2031-05-17T09:00:00Z')) // 3 days before
    expect((await told(`round:${round.body.id}:due:3`)).length).toBeGreaterThan(0)
    expect((await c.admin.post(`/api/rounds/${round.body.id}/close`)).status).toBe(200)

    const surveys = (await c.planCoordinator.get('/api/surveys')).body as { id: number; state: string; version: number }[]
    const open = surveys.find((s) => s.state === 'open')!
    const changed = await c.planCoordinator.patch(`/api/surveys/${open.id}`, { version: open.version, reminderDays: [2] })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    expect(changed.body.reminderDays).toEqual([2])
  })
})
