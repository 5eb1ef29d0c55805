// The TypeBox schema the API validates imports with must agree with the published JSON Schema
// (docs/formats/plan.schema.json) on valid and broken documents alike.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DocInstitution, type PlanDocument, PlanDocumentSchema } from '@apt/shared'
import { readDemoPlan } from '../src/bootstrap.js'
import { DEMO, startTestApp, type TestApp } from './helpers/app.js'

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
  ['abbreviation stated', (d) => (d.institutions[0]!.abbreviation = 'IeM')],
  ['abbreviation null', (d) => (d.institutions[0]!.abbreviation = null)],
  ['empty abbreviation', (d) => (d.institutions[0]!.abbreviation = '')],
  ['overlong abbreviation', (d) => (d.institutions[0]!.abbreviation = 'X'.repeat(31))],
  ['abbreviation with a space at an end', (d) => (d.institutions[0]!.abbreviation = ' IeM ')],
  ['abbreviation of spaces only', (d) => (d.institutions[0]!.abbreviation = '   ')],
  ['abbreviation with a space inside', (d) => (d.institutions[0]!.abbreviation = 'Iekšlietu min.')],
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

describe('institutions’ official abbreviations through import and export', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(() => t.close())

  // New institutions with every way of stating the abbreviation; each is used by the measure.
  const fresh: DocInstitution[] = [
    { code: 'AB1', name: 'Pirmā aģentūra', kind: 'agency', parent: 'IeM' },
    { code: 'AB2', name: 'Otrā aģentūra', abbreviation: 'OA', kind: 'agency', parent: 'IeM' },
    { code: 'AB3', name: 'Trešā aģentūra', abbreviation: null, kind: 'agency', parent: 'TM' },
    { code: 'AB4', name: 'Ceturtā pašvaldība', kind: 'municipality', parent: null },
    { code: 'AB5', name: 'Piektā pašvaldība', abbreviation: 'AB5', kind: 'municipality', parent: null },
  ]
  const document = (): PlanDocument => {
    const doc = structuredClone(readDemoPlan())
    doc.plan.code = 'ABBR-ROUND-TRIP'
    doc.institutions.push(...fresh)
    doc.plan.actionLines[0]!.measures[0]!.involved = fresh.map((i) => i.code)
    return doc
  }

  it('stores what the document states, the default when it states nothing, and exports the document unchanged', async () => {
    const admin = await t.login(DEMO.admin)
    const imported = await admin.post('/api/plans/import', document())
    expect(imported.status).toBe(201)
    const registry = (await admin.get('/api/institutions')).body as { code: string; abbreviation: string | null }[]
    const abbreviation = (code: string) => registry.find((i) => i.code === code)?.abbreviation
    expect(fresh.map((i) => [i.code, abbreviation(i.code)])).toEqual([
      ['AB1', 'AB1'],
      ['AB2', 'OA'],
      ['AB3', null],
      ['AB4', null],
      ['AB5', 'AB5'],
    ])
    // The demo plan says the municipalities together have none ("never PASV").
    expect(abbreviation('PASV')).toBeNull()

    const exported = (await admin.get(`/api/plans/${imported.body.id}/export`)).body as PlanDocument
    expect(exported).toEqual(document())
    // Written only where it is not the default.
    const written = exported.institutions.filter((i) => 'abbreviation' in i).map((i) => [i.code, i.abbreviation])
    expect(written).toEqual([
      ['PASV', null],
      ['AB2', 'OA'],
      ['AB3', null],
      ['AB5', 'AB5'],
    ])
  })

  it('refuses an abbreviation with a space at an end, as the registry does', async () => {
    const admin = await t.login(DEMO.admin)
    const doc = document()
    doc.plan.code = 'ABBR-PADDED'
    doc.institutions.find((i) => i.code === 'AB2')!.abbreviation = ' OA'
    const res = await admin.post('/api/plans/import', doc)
    expect(res.status).toBe(400)
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: `/institutions/${doc.institutions.findIndex((i) => i.code === 'AB2')}/abbreviation` }),
    )
    expect(((await admin.get('/api/plans')).body as { code: string }[]).map((p) => p.code)).not.toContain('ABBR-PADDED')
  })

  it('exports an abbreviation changed in the registry', async () => {
    const admin = await t.login(DEMO.admin)
    const vp = ((await admin.get('/api/institutions')).body as { code: string; id: number; version: number }[]).find(
      (i) => i.code === 'VP',
    )!
    expect((await admin.patch(`/api/institutions/${vp.id}`, { version: vp.version, abbreviation: 'VPol' })).status).toBe(200)
    const planId = await t.demoPlanId()
    const exported = (await admin.get(`/api/plans/${planId}/export`)).body as PlanDocument
    expect(exported.institutions.find((i) => i.code === 'VP')).toMatchObject({ abbreviation: 'VPol' })
  })
})
