// The questionnaire and answer checks shared by the API (imports, saves) and the web app (forms).
import { describe, expect, it } from 'vitest'
import { answersErrors, missingRequired, parseLatvianNumber, questionnaireErrors, type SurveySection } from '../src/index.js'

const SECTIONS: SurveySection[] = [
  {
    title: 'A',
    questions: [
      { id: 'group', type: 'yes_no', text: 'Vai ir grupa?', required: true },
      {
        id: 'who',
        type: 'multiple_choice',
        text: 'Kas?',
        options: [
          { id: 'vp', label: 'VP' },
          { id: 'sd', label: 'SD' },
        ],
        other: { label: 'Cits' },
        categories: [{ id: 'school', label: 'Skola' }],
      },
      { id: 'kids', type: 'number_table', text: 'Bērni', rows: [{ id: 'y14', label: '14' }], columns: [{ id: 'c2023', label: '2023' }] },
      { id: 'note', type: 'text', text: 'Piezīmes', required: true },
    ],
  },
]

describe('questionnaire checks', () => {
  it('accepts a well-made questionnaire and names each fault of a broken one', () => {
    expect(questionnaireErrors(SECTIONS)).toEqual([])
    const broken: SurveySection[] = [
      {
        title: 'B',
        questions: [
          { id: 'x', type: 'single_choice', text: 'Bez izvēlēm' },
          {
            id: 'x',
            type: 'text',
            text: 'Tas pats id',
            options: [
              { id: 'a', label: 'a' },
              { id: 'a', label: 'b' },
            ],
          },
        ],
      },
    ]
    expect(questionnaireErrors(broken).map((e) => e.path)).toEqual([
      '/sections/0/questions/1/id',
      '/sections/0/questions/0/options',
      '/sections/0/questions/1/options',
      '/sections/0/questions/1/options/1/id',
    ])
  })
})

describe('answer checks', () => {
  it('names unknown questions, wrong shapes, unknown options, cells and codes by path', () => {
    const errors = answersErrors(SECTIONS, {
      group: { value: 'jā' },
      who: { value: ['vp', 'pp'], other: 'Skola', codes: ['school', 'church'] },
      kids: { value: { y14: { c2023: 3, c2030: 1 }, y99: {} } },
      ghost: { value: 1 },
    })
    expect(errors.map((e) => e.path)).toEqual([
      '/answers/group/value',
      '/answers/who/value/1',
      '/answers/who/codes/1',
      '/answers/kids/value/y14/c2030',
      '/answers/kids/value/y99',
      '/answers/ghost',
    ])
  })

  it('lists the required questions still unanswered, counting an "other" text as an answer', () => {
    expect(missingRequired(SECTIONS, {})).toEqual(['group', 'note'])
    expect(missingRequired(SECTIONS, { group: { value: false }, note: { value: '  ' } })).toEqual(['note'])
  })

  it('reads numbers as Latvians write them', () => {
    expect(parseLatvianNumber('1 234,5')).toBe(1234.5)
    expect(parseLatvianNumber('1\u00a0234')).toBe(1234)
    expect(parseLatvianNumber('−3')).toBe(-3)
    expect(parseLatvianNumber('12.5')).toBe(12.5)
    expect(parseLatvianNumber('12,5,1')).toBeNull()
    expect(parseLatvianNumber('divi')).toBeNull()
  })
})
