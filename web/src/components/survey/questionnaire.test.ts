// The builder's model: ids from labels, conversion to and from the format, moves and problems.
import { describe, expect, it } from 'vitest'
import { questionnaireErrors, type SurveySection } from '@apt/shared'
import {
  applyPreset,
  fixIds,
  fromDraft,
  isValidKey,
  keyFromLabel,
  newChoice,
  newQuestion,
  newSection,
  nextQuestionId,
  numberedText,
  questionnaireProblems,
  refreshChoiceIds,
  setType,
  stepQuestion,
  toDraft,
} from './questionnaire'

const SECTIONS: SurveySection[] = [
  {
    title: 'Sadarbība',
    questions: [
      { id: 'group', type: 'yes_no', text: 'Vai ir sadarbības grupa?', required: true },
      {
        id: 'format',
        number: '2',
        type: 'single_choice',
        text: 'Kādā formātā?',
        options: [
          { id: 'group545', label: 'MK 545 grupa' },
          { id: 'none', label: 'Nav' },
        ],
        other: { label: 'Cits formāts' },
      },
    ],
  },
  {
    title: 'Skaitļi',
    description: 'Par 2024. gadu',
    questions: [
      {
        id: 'ages',
        type: 'number_table',
        text: 'Nepilngadīgo skaits',
        rows: [{ id: 'a14', label: '14–15' }],
        columns: [{ id: 'y2024', label: '2024' }],
        unit: 'personas',
      },
      { id: 'why', type: 'text', text: 'Kāpēc?', long: true, categories: [{ id: 'money', label: 'Nauda' }] },
    ],
  },
]

describe('keyFromLabel', () => {
  it('makes a valid key of Latvian words', () => {
    expect(keyFromLabel('Drīzāk labi, nekā vāji')).toBe('drizak_labi_neka_vaji')
    expect(keyFromLabel('Pašvaldības policija')).toBe('pasvaldibas_policija')
    expect(isValidKey(keyFromLabel('Ļoti ģeniāls ķirsis šķūnī'))).toBe(true)
  })

  it('starts with a letter, has a fallback and stays short', () => {
    expect(keyFromLabel('1')).toBe('o_1')
    expect(keyFromLabel('2024', [], 'c')).toBe('c_2024')
    expect(keyFromLabel('—')).toBe('o')
    const long = keyFromLabel('Valsts probācijas dienests un pašvaldības sociālais dienests kopā')
    expect(long.length).toBeLessThanOrEqual(32)
    expect(isValidKey(long)).toBe(true)
  })

  it('is unique among the taken ids', () => {
    expect(keyFromLabel('Nav', ['nav'])).toBe('nav_2')
    expect(keyFromLabel('Nav', ['nav', 'nav_2'])).toBe('nav_3')
  })
})

describe('choice ids', () => {
  it('new choices follow their labels; saved ones keep their ids', () => {
    const choices = [newChoice('Jā', true, 'yes'), newChoice('Jā'), newChoice('Drīzāk jā')]
    refreshChoiceIds(choices)
    expect(choices.map((c) => c.id)).toEqual(['yes', 'ja', 'drizak_ja'])
    choices[0]!.label = 'Pilnīgi jā'
    choices[1]!.label = 'Yes'
    refreshChoiceIds(choices)
    expect(choices.map((c) => c.id)).toEqual(['yes', 'yes_2', 'drizak_ja'])
  })
})

describe('draft and format', () => {
  it('round-trips the format', () => {
    expect(fromDraft(toDraft(SECTIONS))).toEqual(SECTIONS)
  })

  it('a new question gets a free id and the parts of its type', () => {
    const draft = toDraft(SECTIONS)
    expect(nextQuestionId(draft)).toBe('q5')
    const scale = newQuestion(draft, 'scale')
    expect(scale.options.map((o) => o.label)).toEqual(['VĀJI', 'DRĪZĀK VĀJI, NEKĀ LABI', 'DRĪZĀK LABI, NEKĀ VĀJI', 'LABI'])
    applyPreset(scale, 'oneToFive')
    expect(scale.options.map((o) => o.id)).toEqual(['s1', 's2', 's3', 's4', 's5'])
    const table = newQuestion(draft, 'number_table')
    expect([table.rows.length, table.columns.length]).toEqual([1, 1])
  })

  it('changing the type drops parts the new type has not', () => {
    const [section] = toDraft(SECTIONS)
    const q = section!.questions[1]!
    setType(q, 'multiple_choice')
    expect(fromDraft([{ ...section!, questions: [q] }])[0]!.questions[0]!.other).toEqual({ label: 'Cits formāts' })
    setType(q, 'text')
    const sent = fromDraft([{ ...section!, questions: [q] }])[0]!.questions[0]!
    expect(sent.options).toBeUndefined()
    expect(sent.other).toBeUndefined()
    setType(q, 'single_choice')
    expect(q.options.map((o) => o.id)).toEqual(['group545', 'none'])
  })

  it('what it sends passes the shared check', () => {
    const draft = [newSection([], 'A')]
    draft[0]!.questions[0]!.text = 'Vai?'
    const q = newQuestion(draft, 'single_choice')
    q.text = 'Kurš?'
    q.options[0]!.label = 'Viens'
    q.options[1]!.label = 'Divi'
    refreshChoiceIds(q.options)
    draft[0]!.questions.push(q)
    expect(questionnaireProblems(draft)).toEqual([])
    expect(questionnaireErrors(fromDraft(draft))).toEqual([])
    fixIds(draft)
    q.options[0]!.label = 'Trīs'
    refreshChoiceIds(q.options)
    expect(q.options[0]!.id).toBe('viens')
  })
})

describe('numberedText', () => {
  it('writes the number once, with its dot', () => {
    expect(numberedText({ number: '1.', text: 'Vai?' })).toBe('1. Vai?')
    expect(numberedText({ number: '3.1', text: 'Kā?' })).toBe('3.1. Kā?')
    expect(numberedText({ number: null, text: 'Kāpēc?' })).toBe('Kāpēc?')
  })
})

describe('moves', () => {
  it('a question steps within its section and across to the next', () => {
    const draft = toDraft(SECTIONS)
    expect(stepQuestion(draft, 0, 0, 1)).toEqual({ si: 0, qi: 1 })
    expect(draft[0]!.questions.map((q) => q.id)).toEqual(['format', 'group'])
    expect(stepQuestion(draft, 0, 1, 1)).toEqual({ si: 1, qi: 0 })
    expect(draft.map((s) => s.questions.map((q) => q.id))).toEqual([['format'], ['group', 'ages', 'why']])
    // The last question of a section stays (a section needs one).
    expect(stepQuestion(draft, 0, 0, 1)).toBeNull()
    expect(stepQuestion(draft, 1, 0, -1)).toEqual({ si: 0, qi: 1 })
  })
})

describe('problems', () => {
  it('names empty texts, too few options, duplicate ids and bad ids', () => {
    const draft = toDraft(SECTIONS)
    draft[0]!.title = ' '
    draft[0]!.questions[1]!.options.pop()
    draft[0]!.questions[1]!.otherLabel = ''
    draft[1]!.questions[0]!.id = 'group'
    draft[1]!.questions[1]!.id = '9x'
    draft[1]!.questions[1]!.text = ''
    const kinds = questionnaireProblems(draft).map((p) => `${p.kind}@${p.si}/${p.qi}`)
    expect(kinds).toEqual([
      'sectionTitle@0/null',
      'optionsTooFew@0/1',
      'otherLabel@0/1',
      'questionText@1/1',
      'questionId@1/1',
      'duplicateId@1/0',
    ])
  })
})
