// An import problem in words: every code, step and field worded in both languages, the place as a
// person reads the document ("II rīcības virziens → 2.5. pasākums → Izpildes termiņš"), numbers
// as each language writes them, and nothing vue-i18n would read as syntax.
import { describe, expect, it } from 'vitest'
import { describeImportProblem, IMPORT_PROBLEM_CODES, IMPORT_PROBLEM_WORDING, PROBLEM_STEP_KINDS, stepWording } from '../src/index.js'

const { lv, en } = IMPORT_PROBLEM_WORDING

describe('import problem wording', () => {
  it('words every code and step kind in Latvian and English, with the same fields', () => {
    for (const wording of [lv, en]) {
      expect(IMPORT_PROBLEM_CODES.filter((code) => !wording.problem[code]?.trim())).toEqual([])
      expect(PROBLEM_STEP_KINDS.filter((kind) => !wording.step[kind] || !wording.step[`${kind}Named`])).toEqual([])
    }
    expect(Object.keys(en.field).sort()).toEqual(Object.keys(lv.field).sort())
    // vue-i18n syntax: only {param} placeholders, no @ $ |.
    const texts = [lv, en].flatMap((w) => [...Object.values(w.problem), ...Object.values(w.step), ...Object.values(w.field)])
    expect(texts.filter((text) => /[@$|]/.test(text) || /\{(?!\w+\})/.test(text))).toEqual([])
  })

  it('places a problem as a person reads the plan, in either language', () => {
    const problem = {
      code: 'format_date',
      params: {},
      location: [
        { kind: 'actionLine' as const, number: '2' },
        { kind: 'measure' as const, number: '2.5' },
        { kind: 'field' as const, key: 'deadline.due' },
      ],
    }
    expect(describeImportProblem(problem)).toBe('II rīcības virziens → 2.5. pasākums → Izpildes termiņš: datumam jābūt formā GGGG-MM-DD')
    expect(describeImportProblem(problem, 'en')).toBe('Action line II → measure 2.5 → Deadline: the date must be written as YYYY-MM-DD')
  })

  it('numbers steps as written: a question "3.1." once dotted, a code in quotes, a file column by its header', () => {
    expect(stepWording({ kind: 'question', number: '3.1.' })).toEqual({ key: 'question', params: { number: '3.1' } })
    expect(stepWording({ kind: 'question', number: 'coop_format' })).toEqual({ key: 'questionNamed', params: { number: 'coop_format' } })
    expect(stepWording({ kind: 'choice', key: 'options', number: '2' })).toEqual({ key: 'choice_options', params: { number: '2' } })
    expect(
      describeImportProblem({
        code: 'unknown_institution',
        params: { code: 'VBTAI' },
        location: [
          { kind: 'response', number: 'RIGA' },
          { kind: 'question', number: '3.1.' },
          { kind: 'row', number: '12' },
          { kind: 'field', key: 'responsible', label: 'Atbildīgā iestāde' },
        ],
      }),
    ).toBe('Atbilde no „RIGA” → 3.1. jautājums → 12. rinda → Atbildīgā iestāde: nezināma institūcija „VBTAI”')
  })

  it('says what is wrong even with no place, and names a code it does not know', () => {
    expect(describeImportProblem({ code: 'required', params: {}, location: [] })).toBe('Nav aizpildīts — tas ir obligāts')
    expect(describeImportProblem({ code: 'something_new', params: {}, location: [] }, 'en')).toBe('Something_new')
  })
})
