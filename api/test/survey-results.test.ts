// The survey tally: the demo survey gives every figure of seed 001's chapter 2
// (survey-2025-municipalities.expected.json), and the edge cases count as they should.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { DocResponse, QuestionResult, SurveyDocument, SurveyResults } from '@apt/shared'
import { tallySurvey } from '../src/plugins/app/surveys/tally.js'

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
