// The survey tally: the demo survey gives every figure of seed 001's chapter 2
// (survey-2025-municipalities.expected.json), the edge cases count as they should, and the results
// route states the same figures live, with the previous period's for a copy.
import { readFileSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocResponse, QuestionResult, SurveyDocument, SurveyResults } from '@apt/shared'
import { institutions, surveys } from '../src/db/schema/index.js'
import { insertSurvey, saveAudience } from '../src/plugins/app/surveys/surveys-data.js'
import { tallySurvey } from '../src/plugins/app/surveys/tally.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { DEMO_PASSWORD } from './helpers/config.js'

const demoDir = new URL('../demo/', import.meta.url)
const demo = JSON.parse(readFileSync(new URL('survey-2025-municipalities.json', demoDir), 'utf8')) as SurveyDocument
interface Check {
  question: string
  what: 'answered' | 'option' | 'category'
  option?: string
  category?: string
  count: number
  seed: string
}
const expected = JSON.parse(readFileSync(new URL('survey-2025-municipalities.expected.json', demoDir), 'utf8')) as {
  audience: number
  responded: number
  notResponded: string[]
  checks: Check[]
}

const question = (results: Pick<SurveyResults, 'questions'>, id: string) => results.questions.find((q) => q.id === id)!

/** The figure a check states, read from the results. */
function figureOf(results: Pick<SurveyResults, 'questions'>, check: Check): number | undefined {
  const q: QuestionResult = question(results, check.question)
  if (check.what === 'answered') return q.answered
  if (check.what === 'option') return q.options?.find((o) => o.id === check.option)?.count
  return q.categories?.find((c) => c.id === check.category)?.count
}

describe('tallySurvey: the demo survey (golden)', () => {
  const results = tallySurvey(demo)

  it('states who was asked, who answered and who did not', () => {
    expect(results.audience).toBe(expected.audience)
    expect(results.responded).toBe(expected.responded)
    expect(results.notResponded).toEqual(expected.notResponded)
    expect(results.late).toEqual([])
  })

  it.each(expected.checks.map((c) => [`${c.question} ${c.what} ${c.option ?? c.category ?? ''}`.trim(), c] as const))(
    '%s',
    (_name, check) => {
      expect(figureOf(results, check)).toBe(check.count)
    },
  )

  it('lists the institutions of a count in audience order, with shares of those who answered', () => {
    const coop = question(results, 'coop_format')
    const other = coop.options!.find((o) => o.id === 'other_format')!
    expect(other.institutions).toEqual(['DOBELES-NOV'])
    expect(coop.options!.find((o) => o.id === 'none')!.institutions).toEqual(['VARAKLANU-NOV'])
    const group = coop.options!.find((o) => o.id === 'group_545')!
    expect(group.share).toBeCloseTo(36 / 38)
    const order = new Map(demo.survey.audience.map((code, i) => [code, i]))
    const positions = group.institutions.map((code) => order.get(code)!)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('keeps texts and "other" texts with their codes; categories of "other" texts are counted', () => {
    const members = question(results, 'members')
    expect(members.other!.length).toBeGreaterThan(0)
    expect(members.other![0]).toMatchObject({ institution: 'DAUGAVPILS', codes: ['probation_service', 'administrative_commission'] })
    const issues = question(results, 'main_issues')
    expect(issues.texts).toHaveLength(issues.answered)
    expect(issues.categories!.map((c) => c.id)).toEqual(
      demo.survey.sections
        .flatMap((s) => s.questions)
        .find((q) => q.id === 'main_issues')!
        .categories!.map((c) => c.id),
    )
  })
})

/** A small survey of every question type, to tally by hand. */
function smallSurvey(responses: DocResponse[], dueDate = '2025-03-31'): SurveyDocument {
  return {
    format: 'survey/1',
    institutions: [],
    survey: {
      code: 'T',
      title: 'T',
      coordinator: 'IEM',
      dueDate,
      audience: ['A', 'B', 'C', 'D'],
      sections: [
        {
          title: 'S',
          questions: [
            { id: 'yn', type: 'yes_no', text: 'Yes?' },
            {
              id: 'pick',
              type: 'single_choice',
              text: 'Pick',
              options: [
                { id: 'x', label: 'X' },
                { id: 'y', label: 'Y' },
              ],
              other: { label: 'Other' },
              categories: [{ id: 'c1', label: 'C1' }],
            },
            {
              id: 'many',
              type: 'multiple_choice',
              text: 'Many',
              options: [
                { id: 'x', label: 'X' },
                { id: 'y', label: 'Y' },
              ],
            },
            { id: 'n', type: 'number', text: 'N' },
            {
              id: 'table',
              type: 'number_table',
              text: 'Table',
              rows: [
                { id: 'r1', label: 'R1' },
                { id: 'r2', label: 'R2' },
              ],
              columns: [{ id: 'y2024', label: '2024' }],
            },
            {
              id: 'why',
              type: 'text',
              text: 'Why',
              categories: [
                { id: 'money', label: 'Money' },
                { id: 'people', label: 'People' },
              ],
            },
          ],
        },
      ],
    },
    responses,
  }
}

describe('tallySurvey: edge cases', () => {
  const submitted = (institution: string, answers: DocResponse['answers'], submittedAt = '2025-03-01T10:00:00Z'): DocResponse => ({
    institution,
    state: 'submitted',
    submittedAt,
    answers,
  })

  it('counts a missing answer as not answered, and an empty one too', () => {
    const r = tallySurvey(
      smallSurvey([
        submitted('A', { yn: { value: true }, n: { value: 4 } }),
        submitted('B', { yn: { value: null }, why: { value: '  ' }, many: { value: [] }, n: { value: 1 } }),
        submitted('C', { n: { value: 10 } }),
      ]),
    )
    expect(r.responded).toBe(3)
    expect(question(r, 'yn')).toMatchObject({
      answered: 1,
      options: [
        { id: 'yes', count: 1, share: 1, institutions: ['A'] },
        { id: 'no', count: 0, share: 0, institutions: [] },
      ],
    })
    expect(question(r, 'why')).toMatchObject({ answered: 0, texts: [] })
    expect(question(r, 'many').answered).toBe(0)
    expect(question(r, 'pick')).toMatchObject({
      answered: 0,
      other: [],
      options: [
        { id: 'x', count: 0, share: 0 },
        { id: 'y', count: 0 },
      ],
    })
    expect(question(r, 'n')).toMatchObject({ answered: 3, sum: 15, mean: 5, median: 4 })
    expect(r.notResponded).toEqual(['D'])
  })

  it('counts an "other" only answer as answered, with its text and codes but no option', () => {
    const r = tallySurvey(
      smallSurvey([
        submitted('B', { pick: { value: null, other: 'Something else', codes: ['c1'] } }),
        submitted('A', { pick: { value: 'x', other: 'Also this' } }),
      ]),
    )
    const pick = question(r, 'pick')
    expect(pick.answered).toBe(2)
    expect(pick.options).toEqual([
      { id: 'x', count: 1, share: 0.5, institutions: ['A'] },
      { id: 'y', count: 0, share: 0, institutions: [] },
    ])
    expect(pick.other).toEqual([
      { institution: 'A', text: 'Also this', codes: [] },
      { institution: 'B', text: 'Something else', codes: ['c1'] },
    ])
    expect(pick.categories).toEqual([{ id: 'c1', count: 1, share: 0.5, institutions: ['B'] }])
  })

  it('sums a number table per cell; an empty table is no answer', () => {
    const r = tallySurvey(
      smallSurvey([
        submitted('A', { table: { value: { r1: { y2024: 3 } } } }),
        submitted('B', { table: { value: {} } }),
        submitted('C', { table: { value: { r1: { y2024: 2.5 }, r2: { y2024: 0 } } } }),
        submitted('D', { table: { value: { r1: {} } } }),
      ]),
    )
    expect(question(r, 'table')).toEqual({
      id: 'table',
      type: 'number_table',
      answered: 2,
      cells: { r1: { y2024: { sum: 5.5, count: 2 } }, r2: { y2024: { sum: 0, count: 1 } } },
    })
  })

  it('gives no sum, mean or median when no number was given; the median of an even count is the middle pair’s mean', () => {
    expect(question(tallySurvey(smallSurvey([])), 'n')).toMatchObject({ answered: 0, sum: null, mean: null, median: null })
    const r = tallySurvey(smallSurvey(['A', 'B', 'C', 'D'].map((code, i) => submitted(code, { n: { value: [7, 1, 3, 100][i]! } }))))
    expect(question(r, 'n')).toMatchObject({ sum: 111, mean: 27.75, median: 5 })
  })

  it('marks an answer submitted after the due date’s Riga day as late', () => {
    const r = tallySurvey(
      smallSurvey([
        // 21:30 UTC on the 31st is already 00:30 on 1 April in Riga (UTC+3 from 30 March)
        submitted('A', { yn: { value: false } }, '2025-03-31T21:30:00Z'),
        // 20:59 UTC is 23:59 in Riga: still the due day
        submitted('B', { yn: { value: true } }, '2025-03-31T20:59:00Z'),
        submitted('C', { yn: { value: true } }, '2025-04-02T08:00:00Z'),
      ]),
    )
    expect(r.late).toEqual(['A', 'C'])
    expect(r.responded).toBe(3)
    expect(question(r, 'yn').options!.find((o) => o.id === 'no')!.institutions).toEqual(['A'])
  })

  it('does not count drafts, nor a reopened response until it is submitted again', () => {
    const reopened: DocResponse = {
      institution: 'B',
      state: 'draft',
      submittedAt: '2025-03-01T10:00:00Z',
      answers: { why: { value: 'Money', codes: ['money'] } },
    }
    const draft: DocResponse = { institution: 'C', state: 'draft', answers: { why: { value: 'People' } } }
    const r = tallySurvey(smallSurvey([submitted('A', { why: { value: 'People', codes: ['people'] } }), reopened, draft]))
    expect(r.responded).toBe(1)
    expect(r.notResponded).toEqual(['B', 'C', 'D'])
    expect(question(r, 'why')).toMatchObject({
      answered: 1,
      texts: [{ institution: 'A', text: 'People', codes: ['people'] }],
      categories: [
        { id: 'money', count: 0, share: 0, institutions: [] },
        { id: 'people', count: 1, share: 1, institutions: ['A'] },
      ],
    })
    const again = tallySurvey(
      smallSurvey([submitted('A', { why: { value: 'People', codes: ['people'] } }), { ...reopened, state: 'submitted' }]),
    )
    expect(again.responded).toBe(2)
    expect(question(again, 'why').categories![0]).toEqual({ id: 'money', count: 1, share: 0.5, institutions: ['B'] })
  })

  it('ignores responses of institutions outside the audience and codes that are not categories', () => {
    const r = tallySurvey(smallSurvey([submitted('Z', { yn: { value: true } }), submitted('A', { why: { value: 'x', codes: ['gone'] } })]))
    expect(r.responded).toBe(1)
    expect(question(r, 'yn').answered).toBe(0)
    expect(question(r, 'why').texts).toEqual([{ institution: 'A', text: 'x', codes: [] }])
  })
})

describe('GET /api/surveys/:id/results', () => {
  let t: TestApp
  let c: Record<keyof typeof DEMO, Client>
  let aluksne: Client
  let riga: Client
  const idOf = async (code: string) => (await t.app.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, code)))[0]!.id
  beforeAll(async () => {
    t = await startTestApp()
    c = await t.loginAll()
    aluksne = await t.login({ email: 'zinotajs@aluksne.demo.lv', password: DEMO_PASSWORD })
    riga = await t.login({ email: 'zinotajs@riga.demo.lv', password: DEMO_PASSWORD })
  })
  afterAll(() => t.close())

  it('gives the demo survey’s figures, each one the expected file states', async () => {
    const res = await c.planCoordinator.get(`/api/surveys/${await idOf(demo.survey.code)}/results`)
    expect(res.status).toBe(200)
    const results = res.body as SurveyResults
    expect({ audience: results.audience, responded: results.responded, notResponded: results.notResponded }).toEqual({
      audience: expected.audience,
      responded: expected.responded,
      notResponded: expected.notResponded,
    })
    const wrong = expected.checks.filter((check) => figureOf(results, check) !== check.count)
    expect(wrong).toEqual([])
    expect(results).toEqual({ ...tallySurvey(demo), previous: null })
  })

  it('is for the coordinator and report readers, not for reporters', async () => {
    const id = await idOf(demo.survey.code)
    expect((await c.viewer.get(`/api/surveys/${id}/results`)).status).toBe(200)
    expect((await c.ministryCoordinator.get(`/api/surveys/${id}/results`)).status).toBe(200)
    expect((await riga.get(`/api/surveys/${id}/results`)).status).toBe(403)
    expect((await c.reporterVP.get(`/api/surveys/${id}/results`)).status).toBe(403)
    expect((await c.planCoordinator.get('/api/surveys/999999/results')).status).toBe(404)
  })

  it('is the coordinator’s alone while the survey is a draft', async () => {
    const [iem] = await t.app.db.select().from(institutions).where(eq(institutions.code, 'IeM'))
    const id = await t.app.db.transaction(async (tx) => {
      const row = await insertSurvey(tx, {
        code: 'T-RESULTS-DRAFT',
        title: 'Melnraksts',
        coordinatorId: iem!.id,
        sections: [{ title: 'S', questions: [{ id: 'q', type: 'yes_no', text: 'Jā?' }] }],
      })
      await saveAudience(tx, row.id, [iem!.id])
      return row.id
    })
    expect((await c.viewer.get(`/api/surveys/${id}/results`)).status).toBe(404)
    const own = await c.planCoordinator.get(`/api/surveys/${id}/results`)
    expect(own.body).toMatchObject({ audience: 1, responded: 0, notResponded: ['IeM'], previous: null })
    expect(own.body.questions).toEqual([
      {
        id: 'q',
        type: 'yes_no',
        answered: 0,
        options: [
          { id: 'yes', count: 0, share: 0, institutions: [] },
          { id: 'no', count: 0, share: 0, institutions: [] },
        ],
      },
    ])
  })

  it('compares a copy with the survey it repeats, and counts its answers live as they are submitted', async () => {
    const id = await idOf('PASV-PREV-2026')
    const before = (await c.planCoordinator.get(`/api/surveys/${id}/results`)).body as SurveyResults
    expect(before).toMatchObject({ audience: 43, responded: 0, late: [] })
    expect(before.notResponded).toEqual(demo.survey.audience)
    expect(before.previous).toMatchObject({
      id: await idOf(demo.survey.code),
      code: demo.survey.code,
      period: demo.survey.period,
      audience: 43,
      responded: 38,
    })
    expect(before.previous!.questions).toEqual(tallySurvey(demo).questions)

    const answers = { coop_format: { value: 'group_545' }, frequency: { value: 'monthly' }, main_issues: { value: 'Skolas kavējumi' } }
    const saved = await aluksne.put(`/api/surveys/${id}/responses/ALUKSNES-NOV`, { version: 0, answers })
    expect(saved.status).toBe(200)
    expect(((await c.planCoordinator.get(`/api/surveys/${id}/results`)).body as SurveyResults).responded).toBe(0)
    const submitted = await aluksne.post(`/api/surveys/${id}/responses/ALUKSNES-NOV/submit`, { version: saved.body.version })
    expect(submitted.status).toBe(200)
    const after = (await c.planCoordinator.get(`/api/surveys/${id}/results`)).body as SurveyResults
    expect(after.responded).toBe(1)
    expect(after.notResponded).toEqual(demo.survey.audience.filter((code) => code !== 'ALUKSNES-NOV'))
    const coop = question(after, 'coop_format')
    expect(coop.answered).toBe(1)
    expect(coop.options!.map((o) => [o.id, o.count, o.share, o.institutions])).toEqual([
      ['group_545', 1, 1, ['ALUKSNES-NOV']],
      ['other_format', 0, 0, []],
      ['none', 0, 0, []],
    ])
    expect(question(after, 'main_issues').texts).toEqual([{ institution: 'ALUKSNES-NOV', text: 'Skolas kavējumi', codes: [] }])
  })
})
