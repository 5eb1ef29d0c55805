// The check before export, on this file's own copy of the demo plan: each problem is planted in
// the database, then GET /report/check must name it on the right measure, and a measure with
// progress, accepted evidence and a consistent assessment must yield nothing.
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportCheck, ReportFinding } from '@apt/shared'
import {
  budgetLines,
  evidence,
  institutions,
  measureInstitutions,
  measures,
  progressEntries,
  rounds,
  submissions,
} from '../src/db/schema/index.js'
import { formatEuro } from '../src/report/latvian.js'
import { contradictingWords, statusMentions } from '../src/plugins/app/report/assessment-wording.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let coordinator: Client
let planId: number
let check: ReportCheck
const measureIds = new Map<string, number>()

const idOf = (number: string) => measureIds.get(number)!
const findingsOf = (number: string) => check.findings.filter((f) => f.measureNumber === number)
const kindsOf = (number: string) => findingsOf(number).map((f) => f.kind)

async function institutionId(code: string) {
  const [row] = await t.app.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code))
  return row!.id
}

/** An accepted (or other) submission on a measure, with evidence links when asked. */
async function submission(roundId: number, number: string, institution: string, state: 'accepted' | 'submitted', evidenceLinks: number) {
  const [row] = await t.app.db
    .insert(submissions)
    .values({
      roundId,
      measureId: idOf(number),
      institutionId: await institutionId(institution),
      text: 'Paveikts.',
      proposedStatus: 'done',
      state,
    })
    .returning({ id: submissions.id })
  for (let i = 0; i < evidenceLinks; i++) {
    await t.app.db
      .insert(evidence)
      .values({ submissionId: row!.id, kind: 'link', url: `https://example.lv/${number}/${i}`, title: 'Pārskats' })
  }
}

async function setProgress(number: string, text: string) {
  await t.app.db
    .update(progressEntries)
    .set({ text })
    .where(eq(progressEntries.measureId, idOf(number)))
}

beforeAll(async () => {
  t = await startTestApp()
  coordinator = await t.login(DEMO.planCoordinator)
  planId = await t.demoPlanId()
  const rows = await t.app.db.select({ id: measures.id, number: measures.number }).from(measures).where(eq(measures.planId, planId))
  for (const row of rows) measureIds.set(row.number, row.id)
  const db = t.app.db

  // 4.4 (done, one text): its text removed → no progress.
  await db.delete(progressEntries).where(eq(progressEntries.measureId, idOf('4.4')))
  // 2.5 (done): accepted evidence → clean. 2.8 (done): an accepted submission without evidence and
  // a merely submitted one with evidence → still without accepted evidence.
  const [round] = await db
    .insert(rounds)
    .values({ planId, title: 'Pārbaudes kārta', period: '2023-2024', dueDate: '2025-01-31' })
    .returning({ id: rounds.id })
  await submission(round!.id, '2.5', 'VPD', 'accepted', 2)
  await submission(round!.id, '2.8', 'IeVP', 'accepted', 0)
  await submission(round!.id, '2.8', 'VPD', 'submitted', 1)
  // 2.6 (done): "Daļēji" in its assessment; 2.9 (not done): "izpildits" typed without diacritics.
  await db
    .update(measures)
    .set({ assessment: 'Pasākums kopumā īstenots, bet Daļēji — tikai divos reģionos.' })
    .where(eq(measures.id, idOf('2.6')))
  await db
    .update(measures)
    .set({ assessment: 'Pasākums ir pilnībā izpildits.' })
    .where(eq(measures.id, idOf('2.9')))
  // 2.11 gets 2.8's text, with other line breaks and spacing.
  const [text28] = await db
    .select({ text: progressEntries.text })
    .from(progressEntries)
    .where(eq(progressEntries.measureId, idOf('2.8')))
  await setProgress('2.11', `  ${text28!.text.replace(/ /g, '\n ')}  `)
  // 2.9's budget line: grant not known.
  await db
    .update(budgetLines)
    .set({ granted: null })
    .where(eq(budgetLines.measureId, idOf('2.9')))
  // 2.2: LM made responsible too, without a text (VPD has one).
  await db
    .insert(measureInstitutions)
    .values({ measureId: idOf('2.2'), institutionId: await institutionId('LM'), role: 'responsible', position: 5 })
  // 1.2 (no progress, unknown-grant candidate) excluded by an amendment: not checked at all.
  await db
    .update(budgetLines)
    .set({ granted: null })
    .where(eq(budgetLines.measureId, idOf('1.2')))
  await db
    .update(measures)
    .set({ excludedAct: 'MK rīkojums Nr. 1', excludedDate: '2024-03-01' })
    .where(eq(measures.id, idOf('1.2')))
  // Written as another process would: the app has heard every change before the tests read.
  await t.app.changes.caughtUp()

  const res = await coordinator.get(`/api/plans/${planId}/report/check`)
  expect(res.status).toBe(200)
  check = res.body as ReportCheck
})
afterAll(() => t.close())

describe('the check before export', () => {
  it('skips measures an amendment excluded', () => {
    expect(check.measuresChecked).toBe(measureIds.size - 1)
    expect(findingsOf('1.2')).toEqual([])
  })

  it('finds a measure without any progress text', () => {
    expect(findingsOf('4.4')).toContainEqual(expect.objectContaining({ kind: 'no_progress', measureId: idOf('4.4'), institution: null }))
    // No text at all is one finding, not also one per silent institution.
    expect(kindsOf('4.4')).not.toContain('institution_without_text')
  })

  it('finds "done" without evidence on an accepted submission', () => {
    expect(kindsOf('2.8')).toContain('done_without_evidence')
    expect(kindsOf('2.5')).not.toContain('done_without_evidence')
    // Only done measures need it: 2.3 is partly done and has none.
    expect(kindsOf('2.3')).not.toContain('done_without_evidence')
  })

  it('finds assessments whose wording names another status, quoting the word', () => {
    expect(findingsOf('2.6')).toContainEqual(expect.objectContaining({ kind: 'assessment_contradicts_status', detail: 'Daļēji' }))
    expect(findingsOf('2.9')).toContainEqual(expect.objectContaining({ kind: 'assessment_contradicts_status', detail: 'izpildits' }))
    // The demo's own assessments agree with their statuses ("Nav izpildīts un daļēji izpildīti" on 3.5 included).
    const planted = new Set(['2.6', '2.9'])
    expect(check.findings.filter((f) => f.kind === 'assessment_contradicts_status' && !planted.has(f.measureNumber))).toEqual([])
  })

  it('finds the same progress text on two measures, each naming the other', () => {
    const on28 = findingsOf('2.8').find((f) => f.kind === 'duplicate_progress')
    const on211 = findingsOf('2.11').find((f) => f.kind === 'duplicate_progress')
    expect(on28?.otherMeasures).toEqual([{ id: idOf('2.11'), number: '2.11' }])
    expect(on211?.otherMeasures).toEqual([{ id: idOf('2.8'), number: '2.8' }])
    expect(on28?.detail).toBe(on211?.detail)
    expect(on28?.detail?.length).toBeLessThanOrEqual(80)
  })

  it('finds budget lines whose grant is unknown, with the amount in Latvian', async () => {
    const [line] = await t.app.db
      .select({ amount: budgetLines.amountEur })
      .from(budgetLines)
      .where(eq(budgetLines.measureId, idOf('2.9')))
    expect(findingsOf('2.9')).toContainEqual(expect.objectContaining({ kind: 'unknown_grant', detail: formatEuro(line!.amount) }))
    expect(formatEuro(line!.amount)).toMatch(/^\d{1,3}(\u00a0\d{3})*\u00a0euro$/)
    // Lines with a known grant (granted or refused) are not findings.
    expect(check.findings.filter((f) => f.kind === 'unknown_grant').map((f) => f.measureNumber)).toEqual(['2.9'])
  })

  it('finds a responsible institution without text when others wrote', () => {
    expect(findingsOf('2.2')).toContainEqual(expect.objectContaining({ kind: 'institution_without_text', institution: 'LM' }))
    expect(findingsOf('2.2').filter((f) => f.kind === 'institution_without_text')).toHaveLength(1)
  })

  it('yields nothing for a clean measure', () => {
    expect(findingsOf('2.5')).toEqual([])
  })

  it('orders findings by the plan’s measure order', async () => {
    const rows = await t.app.db
      .select({ id: measures.id, position: measures.position })
      .from(measures)
      .where(and(eq(measures.planId, planId), inArray(measures.id, [...new Set(check.findings.map((f) => f.measureId))])))
    const position = new Map(rows.map((r) => [r.id, r.position]))
    const positions = check.findings.map((f: ReportFinding) => position.get(f.measureId)!)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(check.findings.findIndex((f) => f.measureNumber === '2.9')).toBeLessThan(
      check.findings.findIndex((f) => f.measureNumber === '2.11'),
    )
  })

  it('is for report readers: reporters get 403, viewers the findings; 404 for an unknown plan', async () => {
    const reporter = await t.login(DEMO.reporterVPD)
    expect((await reporter.get(`/api/plans/${planId}/report/check`)).status).toBe(403)
    const viewer = await t.login(DEMO.viewer)
    expect((await viewer.get(`/api/plans/${planId}/report/check`)).body.findings).toEqual(check.findings)
    expect((await coordinator.get('/api/plans/999999/report/check')).status).toBe(404)
  })
})

describe('assessment wording', () => {
  it('matches whole words, whatever the case and diacritics', () => {
    expect(statusMentions('DAĻĒJI izpildīts').map((m) => m.status)).toEqual(['partial'])
    expect(statusMentions('nav pilnībā izpildīts')).toEqual([{ status: 'not_done', words: 'nav pilnībā izpildīts' }])
    expect(statusMentions('neizpilde saistīta ar finansējumu')).toEqual([{ status: 'not_done', words: 'neizpilde' }])
    // "izpildītājs" (who carries out), "izpilde" (the carrying out) and "izpildīt" name no status.
    expect(statusMentions('Izpildītājs nodrošina izpildi; jāizpilda, lai izpildīt termiņā.')).toEqual([])
  })

  it('reads the contradictions per status', () => {
    expect(contradictingWords('Izpildīts pilnā apjomā.', 'done')).toBeNull()
    expect(contradictingWords('Nav izpildīts, jo trūka finansējuma.', 'done')).toBe('Nav izpildīts')
    expect(contradictingWords('Izpildīts pilnā apjomā.', 'partial')).toBe('Izpildīts')
    expect(contradictingWords('Izpildīts daļēji.', 'partial')).toBeNull()
    expect(contradictingWords('Pasākums izpildīts.', 'not_done')).toBe('izpildīts')
    expect(contradictingWords('Nav izpildīts un daļēji izpildīti pasākumi.', 'not_done')).toBeNull()
    expect(contradictingWords('Izpildīts.', 'pending')).toBeNull()
  })
})
