// Review that shows what changed (issue 15): each submission's timeline with who and when, the
// version last returned (for the diff on resubmission), the comment thread between the institution
// and its reviewers, undoing an acceptance, endorsing and accepting in bulk, and the review queue's
// filters and sort. Its own database copy, so every queue holds exactly what these tests put there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, startTestApp, type TestApp } from './helpers/app.js'
import { COMPLETE, draft, measuresByNumber, type MeasureRef, openRound, step } from './round-fixtures.js'

let t: TestApp
let coordinator: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ planCoordinator: coordinator, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
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
