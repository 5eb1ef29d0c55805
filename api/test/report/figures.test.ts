// The report's figures on the demo plan must be the ones the real 2023–2024 report states.
import { describe, expect, it } from 'vitest'
import type { DocMeasure, PlanDocument } from '@apt/shared'
import { computeFigures, institutionIndex, measureSector, ministryOf } from '../../src/report/figures.js'
import { loadDemoPlan } from './ooxml.js'

const demo = loadDemoPlan()

describe('computeFigures on the demo plan', () => {
  const figures = computeFigures(demo)

  it('counts 30 measures: 19 done, 9 partial, 2 not done', () => {
    expect(figures.total).toBe(30)
    expect(figures.byStatus).toEqual({ done: 19, partial: 9, not_done: 2, pending: 0 })
  })

  it('counts per action line', () => {
    const lines = figures.byActionLine.map(({ number, total, done, partial, not_done }) => ({
      number,
      total,
      done,
      partial,
      not_done,
    }))
    expect(lines).toEqual([
      { number: '1', total: 9, done: 8, partial: 1, not_done: 0 },
      { number: '2', total: 11, done: 6, partial: 4, not_done: 1 },
      { number: '3', total: 6, done: 3, partial: 2, not_done: 1 },
      { number: '4', total: 4, done: 2, partial: 2, not_done: 0 },
    ])
  })

  it('counts per sector: IeM 12, TM 10, several 4, LIA 4', () => {
    expect(figures.bySector).toEqual([
      { sector: 'IeM', count: 12 },
      { sector: 'TM', count: 10 },
      { sector: 'several', count: 4 },
      { sector: 'LIA', count: 4 },
    ])
  })

  it('groups the money by institution and sub-programme, with the measures it serves', () => {
    expect(figures.financing.groups).toEqual([
      {
        institution: 'IeM',
        programme: '06.01.01 Valsts policija',
        requestedEur: 46000,
        grantedEur: 0,
        unknownEur: 0,
        measures: ['1.2', '1.3', '1.4', '3.1'],
        measureRefs: [
          { number: '1.2', sourceRef: null },
          { number: '1.3', sourceRef: null },
          { number: '1.4', sourceRef: null },
          { number: '3.1', sourceRef: '3.1.1' },
        ],
      },
      {
        institution: 'TM',
        programme: '04.01.00 Ieslodzījuma vietas',
        requestedEur: 100000,
        grantedEur: 0,
        unknownEur: 0,
        measures: ['2.9', '2.10'],
        measureRefs: [
          { number: '2.9', sourceRef: '2.2.4' },
          { number: '2.10', sourceRef: '2.2.5' },
        ],
      },
      {
        institution: 'TM',
        programme: '04.03.00 Probācijas īstenošana',
        requestedEur: 7500,
        grantedEur: 0,
        unknownEur: 0,
        measures: ['2.2', '2.3', '3.6'],
        measureRefs: [
          { number: '2.2', sourceRef: '2.1.2' },
          { number: '2.3', sourceRef: '2.1.3' },
          { number: '3.6', sourceRef: '3.2.2.2' },
        ],
      },
    ])
    expect(figures.financing.byInstitution).toEqual([
      { institution: 'IeM', requestedEur: 46000, grantedEur: 0, unknownEur: 0 },
      { institution: 'TM', requestedEur: 107500, grantedEur: 0, unknownEur: 0 },
    ])
    expect(figures.financing.requestedEur).toBe(153500)
    expect(figures.financing.grantedEur).toBe(0)
    expect(figures.financing.unknownEur).toBe(0)
  })

  it('rolls the money up to the ministries, as the seed does: IeM 46 000, TM 107 500', () => {
    expect(
      figures.financing.byMinistry.map(({ ministry, requestedEur, groups }) => ({ ministry, requestedEur, groups: groups.length })),
    ).toEqual([
      { ministry: 'IeM', requestedEur: 46000, groups: 1 },
      { ministry: 'TM', requestedEur: 107500, groups: 2 },
    ])
  })

  it('lists the institutions that reported progress, in the plan’s order', () => {
    expect(figures.informants).toEqual(['IeM', 'VP', 'VRS', 'VPD', 'IeVP', 'LIA', 'PASV'])
  })
})

describe('figures on odd plans', () => {
  const measure = (over: Partial<DocMeasure>): DocMeasure => ({
    number: '1.1',
    title: 'Pasākums',
    responsible: ['VP'],
    status: 'pending',
    ...over,
  })
  const plan = (measures: DocMeasure[], extraLines = 0): PlanDocument => ({
    format: 'action-plan/1',
    institutions: [
      { code: 'IeM', name: 'Iekšlietu ministrija', kind: 'ministry', parent: null },
      { code: 'VP', name: 'Valsts policija', kind: 'agency', parent: 'IeM' },
      { code: 'A', name: 'A', kind: 'other', parent: 'B' },
      { code: 'B', name: 'B', kind: 'other', parent: 'A' },
    ],
    plan: {
      code: 'X',
      title: 'Plāns',
      period: { start: '2025-01-01', end: '2025-12-31' },
      coordinator: 'IeM',
      actionLines: [
        { number: '1', title: 'Viens', measures },
        ...Array.from({ length: extraLines }, (_, i) => ({ number: String(i + 2), title: 'Tukšs', measures: [] })),
      ],
    },
  })

  it('takes the top-level ancestor as the sector, survives unknown codes and parent cycles', () => {
    const doc = plan([])
    const index = institutionIndex(doc)
    expect(measureSector(measure({ responsible: ['VP'] }), index)).toBe('IeM')
    expect(measureSector(measure({ responsible: ['VP', 'IeM'] }), index)).toBe('IeM')
    expect(measureSector(measure({ responsible: ['VP', 'NEW'] }), index)).toBe('several')
    expect(measureSector(measure({ responsible: ['NEW'] }), index)).toBe('NEW')
    expect(['A', 'B']).toContain(measureSector(measure({ responsible: ['A'] }), index))
  })

  it('handles empty action lines, missing budgets and granted money', () => {
    const figures = computeFigures(
      plan(
        [
          measure({ number: '1.1', budget: null }),
          measure({
            number: '1.2',
            status: 'done',
            budget: { text: null, lines: [{ amountEur: 1000, source: 'state_budget', granted: true }] },
          }),
          measure({
            number: '1.3',
            status: 'done',
            budget: { lines: [{ amountEur: 500.5, source: 'eu_funds', institution: 'VP', granted: null }] },
          }),
        ],
        1,
      ),
    )
    expect(figures.total).toBe(3)
    expect(figures.byActionLine[1]).toMatchObject({ number: '2', total: 0, done: 0 })
    expect(figures.financing.groups).toEqual([
      {
        institution: 'VP',
        programme: null,
        requestedEur: 500.5,
        grantedEur: 0,
        unknownEur: 500.5,
        measures: ['1.3'],
        measureRefs: [{ number: '1.3', sourceRef: null }],
      },
      {
        institution: null,
        programme: null,
        requestedEur: 1000,
        grantedEur: 1000,
        unknownEur: 0,
        measures: ['1.2'],
        measureRefs: [{ number: '1.2', sourceRef: null }],
      },
    ])
    expect(figures.financing.grantedEur).toBe(1000)
    expect(figures.financing.unknownEur).toBe(500.5)
    expect(figures.informants).toEqual([])
  })
})

describe('financing rolled up to ministries', () => {
  const doc: PlanDocument = {
    format: 'action-plan/1',
    institutions: [
      { code: 'IeM', name: 'Iekšlietu ministrija', kind: 'ministry', parent: null },
      { code: 'TM', name: 'Tieslietu ministrija', kind: 'ministry', parent: null },
      { code: 'VP', name: 'Valsts policija', kind: 'agency', parent: 'IeM' },
      { code: 'VPD', name: 'Valsts probācijas dienests', kind: 'agency', parent: 'TM' },
      { code: 'LIA', name: 'Latvijas Interneta asociācija', kind: 'ngo', parent: null },
      { code: 'PASV', name: 'Pašvaldības', abbreviation: null, kind: 'other', parent: null },
    ],
    plan: {
      code: 'FIN',
      title: 'Plāns',
      period: { start: '2025-01-01', end: '2025-12-31' },
      coordinator: 'IeM',
      actionLines: [
        {
          number: '1',
          title: 'Viens',
          measures: [
            {
              number: '1.1',
              sourceRef: '1.1.1',
              title: 'A',
              responsible: ['VP'],
              status: 'done',
              budget: {
                lines: [
                  { amountEur: 10000, source: 'state_budget', institution: 'VP', programme: '06.01.01', granted: true },
                  { amountEur: 5000, source: 'state_budget', institution: 'VP', programme: '06.01.01', granted: null },
                ],
              },
            },
            {
              number: '1.2',
              title: 'B',
              responsible: ['IeM'],
              status: 'done',
              budget: { lines: [{ amountEur: 2000, source: 'state_budget', institution: 'IeM', granted: false }] },
            },
            {
              number: '1.3',
              sourceRef: '1.3',
              title: 'C',
              responsible: ['VPD'],
              status: 'partial',
              budget: { lines: [{ amountEur: 7500, source: 'state_budget', institution: 'VPD', programme: '04.03.00' }] },
            },
            {
              number: '1.4',
              title: 'D',
              responsible: ['LIA', 'PASV'],
              status: 'partial',
              budget: {
                lines: [
                  { amountEur: 300, source: 'other', institution: 'LIA', granted: true },
                  { amountEur: 700, source: 'other', institution: 'PASV', granted: null },
                  { amountEur: 100, source: 'other', granted: null },
                ],
              },
            },
          ],
        },
      ],
    },
  }
  const figures = computeFigures(doc)

  it('puts an agency’s money under its ministry (the ministry’s own rows first) and the rest under other institutions', () => {
    expect(
      figures.financing.byMinistry.map((m) => ({
        ministry: m.ministry,
        requested: m.requestedEur,
        granted: m.grantedEur,
        unknown: m.unknownEur,
        institutions: m.groups.map((g) => g.institution),
      })),
    ).toEqual([
      { ministry: 'IeM', requested: 17000, granted: 10000, unknown: 5000, institutions: ['IeM', 'VP'] },
      { ministry: 'TM', requested: 7500, granted: 0, unknown: 7500, institutions: ['VPD'] },
      { ministry: null, requested: 1100, granted: 300, unknown: 800, institutions: ['LIA', 'PASV', null] },
    ])
    expect(figures.financing).toMatchObject({ requestedEur: 25600, grantedEur: 10300, unknownEur: 13300 })
  })

  it('counts a grant not stated as unknown and a refused one as known', () => {
    const vp = figures.financing.groups.find((g) => g.institution === 'VP')!
    expect(vp).toMatchObject({ requestedEur: 15000, grantedEur: 10000, unknownEur: 5000 })
    const iem = figures.financing.groups.find((g) => g.institution === 'IeM')!
    expect(iem).toMatchObject({ requestedEur: 2000, grantedEur: 0, unknownEur: 0 })
  })

  it('finds the ministry above any depth, none for unknown codes or a parent cycle', () => {
    const index = institutionIndex(doc)
    expect(ministryOf('VP', index)).toBe('IeM')
    expect(ministryOf('IeM', index)).toBe('IeM')
    expect(ministryOf('LIA', index)).toBeNull()
    expect(ministryOf('NOPE', index)).toBeNull()
    expect(ministryOf(null, index)).toBeNull()
    const deep = institutionIndex({
      ...doc,
      institutions: [...doc.institutions, { code: 'SUB', name: 'Nodaļa', kind: 'agency', parent: 'VP' }],
    })
    expect(ministryOf('SUB', deep)).toBe('IeM')
    const cycle = institutionIndex({
      ...doc,
      institutions: [
        { code: 'A', name: 'A', kind: 'agency', parent: 'B' },
        { code: 'B', name: 'B', kind: 'ministry', parent: 'A' },
      ],
    })
    expect(ministryOf('A', cycle)).toBeNull()
  })
})

describe('measures excluded by an amendment', () => {
  const excluded = { act: 'MK 2024. gada 5. marta rīkojums Nr. 170', date: '2024-03-05' }
  const withExcluded = (numbers: string[]): PlanDocument => ({
    ...demo,
    plan: {
      ...demo.plan,
      actionLines: demo.plan.actionLines.map((line) => ({
        ...line,
        measures: line.measures.map((m) => (numbers.includes(m.number) ? { ...m, excluded } : m)),
      })),
    },
  })

  it('are left out of the total, the statuses, the action lines and the sectors, and counted apart', () => {
    const all = computeFigures(demo)
    // 1.1 is VP's (IeM's sector) and done; 2.1 is several sectors' and partly done.
    const figures = computeFigures(withExcluded(['1.1', '2.1']))
    expect(figures.total).toBe(28)
    expect(figures.excluded).toBe(2)
    expect(all.excluded).toBe(0)
    expect(figures.byStatus).toEqual({
      ...all.byStatus,
      done: all.byStatus.done - 1,
      [demoStatus('2.1')]: all.byStatus[demoStatus('2.1')] - 1,
    })
    expect(figures.byActionLine[0]).toMatchObject({ number: '1', total: 8, excluded: 1, done: 7 })
    expect(figures.byActionLine[1]).toMatchObject({ number: '2', total: 10, excluded: 1 })
    const count = (f: typeof figures, sector: string) => f.bySector.find((s) => s.sector === sector)?.count ?? 0
    expect(count(figures, 'IeM')).toBe(count(all, 'IeM') - 1)
    expect(count(figures, 'several')).toBe(count(all, 'several') - 1)
    // The money asked for and the progress reported stay.
    expect(figures.financing).toEqual(all.financing)
    expect(figures.informants).toEqual(all.informants)
  })
})

function demoStatus(number: string) {
  return demo.plan.actionLines.flatMap((l) => l.measures).find((m) => m.number === number)!.status
}
