// The TypeBox schema the API validates survey imports with must agree with the published JSON Schema
// (docs/formats/survey.schema.json) on valid and broken documents alike, the demo survey included.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { SurveyDocumentSchema } from '@apt/shared'
import { readDemoSurvey } from '../src/bootstrap.js'

const published = JSON.parse(readFileSync(new URL('../../docs/formats/survey.schema.json', import.meta.url), 'utf8'))
const withFormats = <T extends Ajv>(ajv: T) => {
  addFormats.default(ajv)
  return ajv
}
const validatePublished = withFormats(new Ajv2020({ allErrors: true, strict: false })).compile(published)
const validateOurs = withFormats(new Ajv({ allErrors: true, strict: false })).compile(SurveyDocumentSchema)

type Doc = ReturnType<typeof readDemoSurvey>
type Loose = Record<string, unknown>
const question = (d: Doc, section: number, index: number) => d.survey.sections[section]!.questions[index]! as unknown as Loose
const firstAnswers = (d: Doc) => d.responses![0]!.answers as Record<string, Loose>

const mutations: [string, (doc: Doc) => void][] = [
  ['unchanged', () => {}],
  ['no responses key', (d) => delete d.responses],
  ['empty responses', (d) => (d.responses = [])],
  [
    'nulls where allowed',
    (d) => {
      Object.assign(d.survey, { description: null, period: null, opens: null, dueDate: null, plan: null })
      Object.assign(question(d, 0, 0), { number: null, help: null, other: null, unit: null })
      d.responses![0]!.submittedAt = null
    },
  ],
  ['plan without measure', (d) => (d.survey.plan = { code: 'BNN-2023-2024' })],
  [
    'every question type',
    (d) => {
      d.survey.sections.push({
        title: 'Skaitļi',
        questions: [
          { id: 'yn', type: 'yes_no', text: 'Jā vai nē?' },
          {
            id: 'sc',
            type: 'scale',
            text: 'Cik labi?',
            options: [
              { id: 'weak', label: 'VĀJI' },
              { id: 'good', label: 'LABI' },
            ],
          },
          { id: 'num', type: 'number', text: 'Cik?', unit: 'gab.' },
          {
            id: 'tab',
            type: 'number_table',
            text: 'Tabula',
            rows: [{ id: 'age14', label: '14–17' }],
            columns: [{ id: 'y2023', label: '2023' }],
          },
          { id: 'txt', type: 'text', text: 'Kāpēc?', long: true, categories: [] },
        ],
      })
      Object.assign(firstAnswers(d), {
        yn: { value: true },
        sc: { value: 'good' },
        num: { value: 1234.5 },
        tab: { value: { age14: { y2023: 3 } } },
      })
    },
  ],
  ['wrong format', (d) => ((d as unknown as Loose).format = 'survey/2')],
  ['extra top-level property', (d) => ((d as unknown as Loose).colour = 'blue')],
  ['extra survey property', (d) => ((d.survey as unknown as Loose).colour = 'blue')],
  ['extra question property', (d) => (question(d, 0, 0).colour = 'blue')],
  ['unknown question type', (d) => (question(d, 0, 0).type = 'ranking')],
  ['question id with a space', (d) => (question(d, 0, 0).id = 'coop format')],
  ['question id starting with a digit', (d) => (question(d, 0, 0).id = '1coop')],
  ['overlong question id', (d) => (question(d, 0, 0).id = 'q'.repeat(41))],
  ['empty question text', (d) => (question(d, 0, 0).text = '')],
  ['one option only', (d) => (question(d, 0, 0).options = [{ id: 'a', label: 'A' }])],
  ['option without label', (d) => (question(d, 0, 0).options = [{ id: 'a' }, { id: 'b', label: 'B' }])],
  ['empty section', (d) => (d.survey.sections[0]!.questions = [])],
  ['no sections', (d) => (d.survey.sections = [])],
  ['empty audience', (d) => (d.survey.audience = [])],
  ['audience twice the same', (d) => d.survey.audience.push(d.survey.audience[0]!)],
  ['bad due date', (d) => (d.survey.dueDate = '2025-02-30')],
  ['unknown response state', (d) => ((d.responses![0] as unknown as Loose).state = 'sent')],
  ['submittedAt not a date-time', (d) => (d.responses![0]!.submittedAt = '2025-02-10')],
  ['answer without value', (d) => (firstAnswers(d).coop_format = {})],
  ['answer with an extra key', (d) => (firstAnswers(d).coop_format = { value: 'group_545', note: 'x' })],
  ['answer value an object of strings', (d) => (firstAnswers(d).coop_format = { value: { a: { b: 'x' } } })],
  ['codes twice the same', (d) => (firstAnswers(d).main_issues!.codes = ['violence', 'violence'])],
  ['answers keyed by a bad id', (d) => (firstAnswers(d)['not an id'] = { value: 'x' })],
  ['unknown institution kind', (d) => ((d.institutions[0] as unknown as Loose).kind = 'company')],
  ['overlong survey code', (d) => (d.survey.code = 'X'.repeat(41))],
]

describe('survey/1 schema', () => {
  it.each(mutations)('agrees with the published JSON Schema: %s', (_name, mutate) => {
    const doc = structuredClone(readDemoSurvey())
    mutate(doc)
    const clean = JSON.parse(JSON.stringify(doc))
    const ours = validateOurs(clean)
    expect(ours).toBe(validatePublished(clean))
  })

  it('accepts the demo survey', () => {
    expect(validatePublished(readDemoSurvey())).toBe(true)
    expect(validateOurs(readDemoSurvey())).toBe(true)
  })

  it('refuses what it should (the mutations are not all accepted)', () => {
    const refused = mutations.filter(([, mutate]) => {
      const doc = structuredClone(readDemoSurvey())
      mutate(doc)
      return !validatePublished(JSON.parse(JSON.stringify(doc)))
    })
    expect(refused.map(([name]) => name)).toEqual(mutations.slice(6).map(([name]) => name))
  })
})
