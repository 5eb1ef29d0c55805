// The TypeBox schema the API validates imports with must agree with the published JSON Schema
// (docs/formats/plan.schema.json) on valid and broken documents alike.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { PlanDocumentSchema } from '@apt/shared'
import { readDemoPlan } from '../src/bootstrap.js'

const published = JSON.parse(readFileSync(new URL('../../docs/formats/plan.schema.json', import.meta.url), 'utf8'))
const withFormats = <T extends Ajv>(ajv: T) => {
  addFormats.default(ajv)
  return ajv
}
const validatePublished = withFormats(new Ajv2020({ allErrors: true, strict: false })).compile(published)
const validateOurs = withFormats(new Ajv({ allErrors: true, strict: false })).compile(PlanDocumentSchema)

type Doc = ReturnType<typeof readDemoPlan> & Record<string, unknown>
const mutations: [string, (doc: Doc) => void][] = [
  ['unchanged', () => {}],
  [
    'minimal measure fields only',
    (d) => {
      d.plan.actionLines[0]!.measures[0] = { number: '1.1', title: 'T', responsible: ['VP'], status: 'pending' }
    },
  ],
  [
    'nulls where allowed',
    (d) => {
      Object.assign(d.plan, { approvedBy: null, reportDue: null, policyFramework: null, goal: null })
      Object.assign(d.plan.actionLines[0]!.measures[0]!, { deadline: null, budget: null, sourceRef: null })
    },
  ],
  ['wrong format', (d) => ((d as Record<string, unknown>).format = 'action-plan/2')],
  ['unknown status', (d) => ((d.plan.actionLines[0]!.measures[0] as Record<string, unknown>).status = 'finished')],
  ['empty responsible', (d) => (d.plan.actionLines[0]!.measures[0]!.responsible = [])],
  ['no action lines', (d) => (d.plan.actionLines = [])],
  ['bad date', (d) => (d.plan.period.start = '2023-13-45')],
  ['negative amount', (d) => (d.plan.actionLines[0]!.measures[1]!.budget!.lines![0]!.amountEur = -1)],
  ['string amount', (d) => ((d.plan.actionLines[0]!.measures[1]!.budget!.lines![0] as Record<string, unknown>).amountEur = '46000')],
  ['extra property', (d) => ((d.plan as Record<string, unknown>).colour = 'blue')],
  ['deadline without text', (d) => ((d.plan.actionLines[0]!.measures[0] as Record<string, unknown>).deadline = { due: '2024-12-31' })],
  ['year out of range', (d) => (d.plan.actionLines[0]!.measures[1]!.budget!.lines![0]!.year = 1800)],
  ['unknown institution kind', (d) => ((d.institutions[0] as Record<string, unknown>).kind = 'company')],
  ['overlong code', (d) => (d.institutions[0]!.code = 'X'.repeat(41))],
  ['progress without text', (d) => ((d.plan.actionLines[0]!.measures[0]!.progress![0] as Record<string, unknown>).text = undefined)],
]

describe('action-plan/1 schema', () => {
  it.each(mutations)('agrees with the published JSON Schema: %s', (_name, mutate) => {
    const doc = structuredClone(readDemoPlan()) as Doc
    mutate(doc)
    const clean = JSON.parse(JSON.stringify(doc))
    expect(validateOurs(clean)).toBe(validatePublished(clean))
  })

  it('accepts the demo plan', () => {
    expect(validatePublished(readDemoPlan())).toBe(true)
    expect(validateOurs(readDemoPlan())).toBe(true)
  })
})
