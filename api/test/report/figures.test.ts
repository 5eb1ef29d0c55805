// The report's figures on the demo plan must be the ones the real 2023–2024 report states.
import { describe, expect, it } from 'vitest'
import type { DocMeasure, PlanDocument } from '@apt/shared'
import { computeFigures, institutionIndex, measureSector } from '../../src/report/figures.js'
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
        measures: ['1.2', '1.3', '1.4', '3.1'],
      },
      {
        institution: 'TM',
        programme: '04.01.00 Ieslodzījuma vietas',
        requestedEur: 100000,
        grantedEur: 0,
        measures: ['2.9', '2.10'],
      },
      {
        institution: 'TM',
        programme: '04.03.00 Probācijas īstenošana',
        requestedEur: 7500,
        grantedEur: 0,
        measures: ['2.2', '2.3', '3.6'],
      },
    ])
    expect(figures.financing.byInstitution).toEqual([
      { institution: 'IeM', requestedEur: 46000, grantedEur: 0 },
      { institution: 'TM', requestedEur: 107500, grantedEur: 0 },
    ])
    expect(figures.financing.requestedEur).toBe(153500)
    expect(figures.financing.grantedEur).toBe(0)
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
      { institution: 'VP', programme: null, requestedEur: 500.5, grantedEur: 0, measures: ['1.3'] },
      { institution: null, programme: null, requestedEur: 1000, grantedEur: 1000, measures: ['1.2'] },
    ])
    expect(figures.financing.grantedEur).toBe(1000)
    expect(figures.informants).toEqual([])
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
