// Review that shows what changed (issue 15): each submission's timeline with who and when, the
// version last returned (for the diff on resubmission), the comment thread between the institution
// and its reviewers, undoing an acceptance, endorsing and accepting in bulk, and the review queue's
// filters and sort. Its own database copy, so every queue holds exactly what these tests put there.
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, notifications, progressEntries, users } from '../src/db/schema/index.js'
import { type Client, startTestApp, type TestApp } from './helpers/app.js'
import { COMPLETE, draft, measuresByNumber, type MeasureRef, openRound, step } from './round-fixtures.js'

let t: TestApp
let admin: Client
let coordinator: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ admin, planCoordinator: coordinator, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
})
afterAll(() => t.close())

const id = (number: string) => measures.get(number)!.id

interface TimelineEvent {
  id: number
  kind: string
  at: string
  by: { id: number; name: string; institution: string | null } | null
  comment: string | null
}
interface Detail {
  id: number
  version: number
  state: string
  text: string
  timeline: TimelineEvent[]
  returnedVersion: {
    at: string
    by: { id: number; name: string } | null
    comment: string
    text: string
    proposedStatus: string
    reason: string | null
  } | null
  abilities: Record<string, boolean>
}

async function detail(client: Client, submissionId: number): Promise<Detail> {
  const res = await client.get(`/api/submissions/${submissionId}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

/** Drafts and submits one institution's text on one measure of the round. */
async function handIn(client: Client, roundId: number, measure: string, institution: string, body: Record<string, unknown> = {}) {
  const d = await draft(client, roundId, id(measure), institution, body)
  return step(client, d.id, 'submit', d.version)
}

const who = (event: TimelineEvent) => [event.kind, event.by?.name ?? null, event.by?.institution ?? null, event.comment]

describe('the timeline', () => {
  it('records every step with who took it, their institution and when, oldest first; lists carry no timeline', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const before = Date.now()
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    const endorsed = await step(ministry, submitted.id, 'endorse', submitted.version, 200, { comment: 'Saskaņots ar TM' })
    await step(coordinator, submitted.id, 'accept', endorsed.version)
    const after = Date.now()

    const { timeline, returnedVersion } = await detail(reporterVPD, submitted.id)
    expect(timeline.map(who)).toEqual([
      ['submitted', 'Vija Probācija', 'VPD', null],
      ['endorsed', 'Tālis Tieslietnieks', 'TM', 'Saskaņots ar TM'],
      ['accepted', 'Ilze Koordinatore', 'IeM', null],
    ])
    for (const event of timeline) {
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(event.at)).toBeLessThanOrEqual(after + 1000)
    }
    expect(timeline.map((e) => e.id)).toEqual([...timeline.map((e) => e.id)].sort((a, b) => a - b))
    expect(returnedVersion).toBeNull()
    // A viewer reads the accepted submission's timeline too.
    expect((await detail(viewer, submitted.id)).timeline).toHaveLength(3)

    // Lists are list items: no timeline travels with them.
    const listed = (await coordinator.get(`/api/rounds/${round.id}/submissions`)).body as Record<string, unknown>[]
    expect(listed).toHaveLength(1)
    expect(listed[0]).not.toHaveProperty('timeline')
    expect(listed[0]).not.toHaveProperty('returnedVersion')
  })

  it('keeps the version returned, so a resubmission can be compared with it', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD', {
      text: 'Pirmā versija.',
      proposedStatus: 'partial',
      reason: 'Turpinās',
    })
    const returned = await step(ministry, submitted.id, 'return', submitted.version, 200, { comment: 'Lūdzu norādīt skaitu' })
    const whileReturned = await detail(reporterVPD, submitted.id)
    expect(whileReturned.returnedVersion).toMatchObject({
      by: { name: 'Tālis Tieslietnieks' },
      comment: 'Lūdzu norādīt skaitu',
      text: 'Pirmā versija.',
      proposedStatus: 'partial',
      reason: 'Turpinās',
    })

    const edited = (await reporterVPD.patch(`/api/submissions/${submitted.id}`, { version: returned.version, ...COMPLETE })).body
    await step(reporterVPD, submitted.id, 'submit', edited.version)

    const resubmitted = await detail(ministry, submitted.id)
    expect(resubmitted.text).toBe(COMPLETE.text)
    expect(resubmitted.returnedVersion).toMatchObject({
      comment: 'Lūdzu norādīt skaitu',
      text: 'Pirmā versija.',
      proposedStatus: 'partial',
      reason: 'Turpinās',
    })
    expect(resubmitted.returnedVersion!.at).toBe(resubmitted.timeline.find((e) => e.kind === 'returned')!.at)
    expect(resubmitted.timeline.map(who)).toEqual([
      ['submitted', 'Vija Probācija', 'VPD', null],
      ['returned', 'Tālis Tieslietnieks', 'TM', 'Lūdzu norādīt skaitu'],
      ['submitted', 'Vija Probācija', 'VPD', null],
    ])

    // A second return: the newest one is the version to compare with.
    const current = await detail(ministry, submitted.id)
    const again = await step(ministry, submitted.id, 'return', current.version, 200, { comment: 'Vēl pielikumu' })
    expect((await detail(reporterVPD, again.id)).returnedVersion).toMatchObject({ comment: 'Vēl pielikumu', text: COMPLETE.text })
  })

  it('writes the step and its timeline row in one transaction: a refused step leaves no row', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    await step(ministry, submitted.id, 'endorse', submitted.version - 1, 409)
    await step(reporterVP, submitted.id, 'submit', submitted.version, 403)
    expect((await detail(ministry, submitted.id)).timeline.map((e) => e.kind)).toEqual(['submitted'])
  })
})

/** The user id of a demo person, by e-mail. */
async function userId(email: string) {
  const [row] = await t.app.db.select({ id: users.id }).from(users).where(eq(users.email, email))
  return row!.id
}

async function notified(submissionId: number, kind: string) {
  const rows = await t.app.db
    .select({ userId: notifications.userId, link: notifications.link, params: notifications.params })
    .from(notifications)
    .where(eq(notifications.kind, kind))
  return rows.filter((r) => r.params.submissionId === submissionId)
}

async function auditOf(submissionId: number, action: string) {
  return t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'submission'), eq(auditLog.entityId, String(submissionId)), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id))
}

async function progressOf(submissionId: number) {
  return t.app.db.select().from(progressEntries).where(eq(progressEntries.submissionId, submissionId))
}

describe('the comment thread', () => {
  it('takes comments from the institution and its reviewers, in the timeline with who and when, and tells the other side', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')

    const fromReporter = await reporterVPD.post(`/api/submissions/${submitted.id}/comments`, { text: '  Pielikumu nosūtīsim rīt.  ' })
    expect(fromReporter.status, JSON.stringify(fromReporter.body)).toBe(201)
    expect(fromReporter.body).toMatchObject({
      kind: 'comment',
      by: { name: 'Vija Probācija', institution: 'VPD' },
      comment: 'Pielikumu nosūtīsim rīt.',
    })
    const fromMinistry = await ministry.post(`/api/submissions/${submitted.id}/comments`, { text: 'Labi, gaidīsim.' })
    expect(fromMinistry.status).toBe(201)
    const fromCoordinator = await coordinator.post(`/api/submissions/${submitted.id}/comments`, { text: 'Lūdzu arī skaitu.' })
    expect(fromCoordinator.status).toBe(201)

    const { timeline, version } = await detail(viewer, submitted.id)
    expect(timeline.map(who)).toEqual([
      ['submitted', 'Vija Probācija', 'VPD', null],
      ['comment', 'Vija Probācija', 'VPD', 'Pielikumu nosūtīsim rīt.'],
      ['comment', 'Tālis Tieslietnieks', 'TM', 'Labi, gaidīsim.'],
      ['comment', 'Ilze Koordinatore', 'IeM', 'Lūdzu arī skaitu.'],
    ])
    expect(timeline[1]).toEqual(fromReporter.body)
    // A comment changes nothing else: the version read before still endorses.
    expect(version).toBe(submitted.version)

    // The institution's comment went to its reviewers (the sector's and the plan's coordinators), the reviewers' to the institution.
    const [vpd, tm, iem] = await Promise.all([
      userId('zinotajs@vpd.demo.lv'),
      userId('koordinators@tm.demo.lv'),
      userId('koordinators@iem.demo.lv'),
    ])
    const told = await notified(submitted.id, 'comment')
    const toWhom = (text: string) =>
      told
        .filter((n) => n.params.comment === text)
        .map((n) => [n.userId, n.link])
        .sort()
    expect(toWhom('Pielikumu nosūtīsim rīt.')).toEqual(
      [
        [tm, `/review/${submitted.id}`],
        [iem, `/review/${submitted.id}`],
      ].sort(),
    )
    expect(toWhom('Labi, gaidīsim.')).toEqual([[vpd, `/submissions/${submitted.id}`]])
    expect(toWhom('Lūdzu arī skaitu.')).toEqual([[vpd, `/submissions/${submitted.id}`]])

    const audited = await auditOf(submitted.id, 'submission.comment')
    expect(audited).toHaveLength(3)
    expect(audited.map((a) => (a.after as { comment: string }).comment)).toEqual([
      'Pielikumu nosūtīsim rīt.',
      'Labi, gaidīsim.',
      'Lūdzu arī skaitu.',
    ])
  })

  it('refuses everyone outside the thread, and an empty comment', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    const url = `/api/submissions/${submitted.id}/comments`
    const other = await reporterVP.post(url, { text: 'Svešs' })
    expect(other.status).toBe(403)
    expect(other.body.code).toBe('FORBIDDEN')
    expect((await viewer.post(url, { text: 'Skatītājs' })).status).toBe(403)
    expect((await t.http.post(url).send({ text: 'Anonīms' })).status).toBe(401)
    const blank = await reporterVPD.post(url, { text: '   ' })
    expect(blank.status).toBe(400)
    expect(blank.body.code).toBe('VALIDATION_FAILED')
    expect((await reporterVPD.post('/api/submissions/999999/comments', { text: 'Nav' })).status).toBe(404)
    expect((await detail(reporterVPD, submitted.id)).timeline.map((e) => e.kind)).toEqual(['submitted'])
    expect(await auditOf(submitted.id, 'submission.comment')).toEqual([])
    // The ability follows the same rule.
    expect((await detail(reporterVPD, submitted.id)).abilities.comment).toBe(true)
    expect((await detail(viewer, submitted.id)).abilities.comment).toBe(false)
  })
})

describe('undoing an acceptance', () => {
  it('sends an endorsed submission back to endorsed and removes the progress its acceptance wrote, audited with the reason', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    const endorsed = await step(ministry, submitted.id, 'endorse', submitted.version)
    const accepted = await step(coordinator, submitted.id, 'accept', endorsed.version)
    const written = await progressOf(submitted.id)
    expect(written.map((p) => p.text)).toEqual([COMPLETE.text])
    const measureBefore = (await coordinator.get(`/api/measures/${id('2.3')}`)).body as { progress: { text: string }[]; version: number }
    expect(measureBefore.progress.filter((p) => p.text === COMPLETE.text).length).toBeGreaterThan(0)

    const res = await coordinator.post(`/api/submissions/${submitted.id}/unaccept`, {
      version: accepted.version,
      reason: 'Pieņemts kļūdas pēc: trūkst pielikuma',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ state: 'endorsed', acceptedAt: null, acceptedBy: null, version: accepted.version + 1 })
    expect(res.body.abilities).toMatchObject({ accept: true, return: true, unaccept: false })
    expect(await progressOf(submitted.id)).toEqual([])
    const measureAfter = (await coordinator.get(`/api/measures/${id('2.3')}`)).body as { progress: { id: number }[] }
    expect(measureAfter.progress.map((p) => p.id)).not.toContain(written[0]!.id)
    expect(measureAfter.progress).toHaveLength(measureBefore.progress.length - 1)

    const timeline = (res.body as Detail).timeline
    expect(timeline.map(who).at(-1)).toEqual(['unaccepted', 'Ilze Koordinatore', 'IeM', 'Pieņemts kļūdas pēc: trūkst pielikuma'])
    const [audit] = await auditOf(submitted.id, 'submission.unaccept')
    expect(audit).toMatchObject({
      reason: 'Pieņemts kļūdas pēc: trūkst pielikuma',
      planId,
      before: { state: 'accepted', version: accepted.version, progressEntries: [{ id: written[0]!.id, text: COMPLETE.text }] },
      after: { state: 'endorsed', version: accepted.version + 1 },
    })

    // It waits for the coordinator again, and may be accepted anew: a new progress entry.
    const queue = (await coordinator.get(`/api/my/review?round=${round.id}`)).body as { items: { submission: { id: number } }[] }
    expect(queue.items.map((i) => i.submission.id)).toEqual([submitted.id])
    await step(coordinator, submitted.id, 'accept', accepted.version + 1)
    expect((await progressOf(submitted.id)).map((p) => p.text)).toEqual([COMPLETE.text])
  })

  it('sends a submission accepted without endorsement back to submitted, for the ministry to see again', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    const accepted = await step(coordinator, submitted.id, 'accept', submitted.version)
    const res = await admin.post(`/api/submissions/${submitted.id}/unaccept`, { version: accepted.version, reason: 'Jāredz ministrijai' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.state).toBe('submitted')
    expect(await abilitiesOfMinistry(submitted.id)).toMatchObject({ endorse: true, return: true })
  })

  it('answers a stale version 409 and changes nothing; refuses others, a missing reason, a submission not accepted and a closed round', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const submitted = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    const url = `/api/submissions/${submitted.id}/unaccept`

    const notAccepted = await coordinator.post(url, { version: submitted.version, reason: 'Nav pieņemts' })
    expect(notAccepted.status).toBe(409)
    expect(notAccepted.body.code).toBe('INVALID_TRANSITION')

    const accepted = await step(coordinator, submitted.id, 'accept', submitted.version)
    const stale = await coordinator.post(url, { version: submitted.version, reason: 'Novecojis' })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('VERSION_CONFLICT')
    expect((await detail(coordinator, submitted.id)).state).toBe('accepted')
    expect(await progressOf(submitted.id)).toHaveLength(1)
    expect(await auditOf(submitted.id, 'submission.unaccept')).toEqual([])

    expect((await ministry.post(url, { version: accepted.version, reason: 'Ministrija' })).status).toBe(403)
    expect((await reporterVPD.post(url, { version: accepted.version, reason: 'Ziņotājs' })).status).toBe(403)
    const noReason = await coordinator.post(url, { version: accepted.version })
    expect(noReason.status).toBe(400)
    expect((await coordinator.post(url, { version: accepted.version, reason: ' ' })).status).toBe(400)

    expect((await coordinator.post(`/api/rounds/${round.id}/close`)).status).toBe(200)
    const closed = await coordinator.post(url, { version: accepted.version, reason: 'Par vēlu' })
    expect(closed.status).toBe(409)
    expect(closed.body.code).toBe('ROUND_CLOSED')
    expect((await detail(coordinator, submitted.id)).abilities.unaccept).toBe(false)
    expect(await progressOf(submitted.id)).toHaveLength(1)
  })
})

async function abilitiesOfMinistry(submissionId: number) {
  return (await detail(ministry, submissionId)).abilities
}

interface BulkResult {
  results: { id: number; ok: boolean; error: { code: string; message: string } | null }[]
}

describe('review in bulk', () => {
  it('endorses each item on its own: a stale, a refused and a missing one do not stop the others', async () => {
    const one = await openRound(coordinator, planId, { measures: [id('2.3'), id('2.9'), id('3.5')] })
    const two = await openRound(coordinator, planId, { measures: [id('2.3')] })
    const a = await handIn(reporterVPD, one.id, '2.3', 'VPD')
    const b = await handIn(ministry, one.id, '2.9', 'IeVP')
    const c = await handIn(reporterVPD, two.id, '2.3', 'VPD')
    const vp = await handIn(reporterVP, one.id, '3.5', 'VP')

    const res = await ministry.post('/api/reviews/bulk', {
      action: 'endorse',
      comment: 'Saskaņots',
      items: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version - 1 },
        { id: c.id, version: c.version },
        { id: vp.id, version: vp.version },
        { id: 999999, version: 1 },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { results } = res.body as BulkResult
    expect(results.map((r) => [r.id, r.ok, r.error?.code ?? null])).toEqual([
      [a.id, true, null],
      [b.id, false, 'VERSION_CONFLICT'],
      [c.id, true, null],
      [vp.id, false, 'FORBIDDEN'],
      [999999, false, 'NOT_FOUND'],
    ])
    expect(results[1]!.error!.message).toMatch(/changed by someone else/)

    for (const done of [a, c]) {
      const d = await detail(ministry, done.id)
      expect(d.state).toBe('endorsed')
      expect(d.timeline.map(who).at(-1)).toEqual(['endorsed', 'Tālis Tieslietnieks', 'TM', 'Saskaņots'])
      expect(await auditOf(done.id, 'submission.endorse')).toHaveLength(1)
    }
    for (const left of [b, vp]) {
      expect((await detail(coordinator, left.id)).state).toBe('submitted')
      expect(await auditOf(left.id, 'submission.endorse')).toEqual([])
    }

    // The plan's coordinator accepts the endorsed two at once; a second try finds them accepted already.
    const versions = await Promise.all([a, c].map(async (s) => ({ id: s.id, version: (await detail(coordinator, s.id)).version })))
    const accepted = (await coordinator.post('/api/reviews/bulk', { action: 'accept', items: versions })).body as BulkResult
    expect(accepted.results.map((r) => r.ok)).toEqual([true, true])
    for (const s of [a, c]) expect(await progressOf(s.id)).toHaveLength(1)
    const again = (
      await coordinator.post('/api/reviews/bulk', {
        action: 'accept',
        items: versions.map((v) => ({ id: v.id, version: v.version + 1 })),
      })
    ).body as BulkResult
    expect(again.results.map((r) => r.error?.code)).toEqual(['INVALID_TRANSITION', 'INVALID_TRANSITION'])
  })

  it('is for reviewers, with at least one item and a known action', async () => {
    expect((await reporterVPD.post('/api/reviews/bulk', { action: 'endorse', items: [{ id: 1, version: 1 }] })).status).toBe(403)
    expect((await viewer.post('/api/reviews/bulk', { action: 'accept', items: [{ id: 1, version: 1 }] })).status).toBe(403)
    expect((await coordinator.post('/api/reviews/bulk', { action: 'accept', items: [] })).status).toBe(400)
    expect((await coordinator.post('/api/reviews/bulk', { action: 'return', items: [{ id: 1, version: 1 }] })).status).toBe(400)
  })
})

interface Queue {
  total: number
  rounds: { id: number; count: number }[]
  items: { submission: { id: number; institution: string; state: string; measure: { number: string } }; round: { id: number } }[]
}

describe('the review queue’s filters and sort', () => {
  async function queue(client: Client, query = ''): Promise<Queue> {
    const res = await client.get(`/api/my/review${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  it('filters by plan, round, institution and state, sorts as asked, and keeps the whole queue’s total and counts', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3'), id('2.9'), id('3.5')] })
    const vpd = await handIn(reporterVPD, round.id, '2.3', 'VPD')
    const vp = await handIn(reporterVP, round.id, '3.5', 'VP')
    const ievp = await handIn(ministry, round.id, '2.9', 'IeVP')
    await step(ministry, ievp.id, 'endorse', ievp.version)

    const whole = await queue(coordinator)
    const inRound = `?round=${round.id}`
    const ids = async (query: string, client = coordinator) => (await queue(client, query)).items.map((i) => i.submission.id)

    // Without a sort: endorsed first, then the longest waiting.
    expect(await ids(inRound)).toEqual([ievp.id, vpd.id, vp.id])
    expect(await ids(`${inRound}&sort=oldest`)).toEqual([vpd.id, vp.id, ievp.id])
    expect(await ids(`${inRound}&sort=newest`)).toEqual([ievp.id, vp.id, vpd.id])
    expect(await ids(`${inRound}&sort=measure`)).toEqual([vpd.id, ievp.id, vp.id])
    expect(await ids(`${inRound}&sort=institution`)).toEqual([ievp.id, vp.id, vpd.id])

    expect(await ids(`${inRound}&state=endorsed`)).toEqual([ievp.id])
    expect(await ids(`${inRound}&state=submitted&sort=oldest`)).toEqual([vpd.id, vp.id])
    expect(await ids(`${inRound}&institution=VP`)).toEqual([vp.id])
    expect(await ids(`${inRound}&institution=NAV`)).toEqual([])
    expect(await ids(`${inRound}&plan=${planId}&sort=oldest`)).toEqual([vpd.id, vp.id, ievp.id])
    expect(await ids(`?plan=999999`)).toEqual([])

    // The whole queue's total and per-round counts, whatever the filters.
    const filtered = await queue(coordinator, `${inRound}&institution=VP`)
    expect(filtered.total).toBe(whole.total)
    expect(filtered.rounds).toEqual(whole.rounds)
    expect(whole.rounds.find((r) => r.id === round.id)!.count).toBe(3)
    expect(whole.items.map((i) => i.submission.id)).toEqual(expect.arrayContaining([vpd.id, vp.id, ievp.id]))

    // The ministry's queue holds only its sector's submitted work, filtered alike.
    expect(await ids(inRound, ministry)).toEqual([vpd.id])
  })

  it('answers 400 to an unknown sort, state or parameter', async () => {
    for (const query of ['?sort=random', '?state=accepted', '?round=abc', '?colour=red']) {
      const res = await coordinator.get(`/api/my/review${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
    }
  })
})
