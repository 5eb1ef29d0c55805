// Grouping an import's problems as a person fixes them: by the measure (or question, response)
// they are in, the document as a whole first, then its institutions, then its body in order (a
// path's numbers compared as numbers), errors before warnings within a group.
import { describe, expect, it } from 'vitest'
import type { ImportProblem, ProblemStep } from '@apt/shared'
import { groupProblems } from './import-problems'

const at = (
  path: string | null,
  location: ProblemStep[],
  severity: 'error' | 'warning' = 'error',
  row: number | null = null,
): ImportProblem => ({
  code: 'required',
  params: {},
  location,
  path,
  row,
  column: null,
  field: null,
  message: path ?? '',
  severity,
})

const line = (n: string): ProblemStep => ({ kind: 'actionLine', number: n })
const measure = (n: string): ProblemStep => ({ kind: 'measure', number: n })
const field = (key: string): ProblemStep => ({ kind: 'field', key })

describe('groupProblems', () => {
  it('groups by measure in the document’s order, the plan and institutions first', () => {
    const groups = groupProblems([
      at('/plan/actionLines/10/measures/0/title', [line('11'), measure('11.1'), field('title')]),
      at('/plan/actionLines/1/measures/4/deadline/due', [line('2'), measure('2.5'), field('deadline.due')]),
      at('/plan/period/end', [{ kind: 'plan' }, field('period.end')]),
      at('/institutions/13/parent', [{ kind: 'institution', number: 'LOOP' }, field('parent')]),
      at('/plan/actionLines/1/measures/4/responsible/2', [line('2'), measure('2.5'), field('responsible')]),
      at('/plan/actionLines/2/measures/0/budget/lines/1/amountEur', [
        line('3'),
        measure('3.1'),
        { kind: 'budgetLine', number: '2' },
        field('amountEur'),
      ]),
      at('/format', [field('format')]),
    ])
    expect(groups.map((g) => [g.steps.map((s) => s.number ?? s.kind).join(' › '), g.items.length])).toEqual([
      ['', 1],
      ['plan', 1],
      ['LOOP', 1],
      ['2 › 2.5', 2],
      ['3 › 3.1', 1],
      ['11 › 11.1', 1],
    ])
    const measure25 = groups[3]!
    expect(measure25.measure).toBe('2.5')
    expect(measure25.items.map((i) => i.rest)).toEqual([[field('deadline.due')], [field('responsible')]])
    expect(groups[4]!.items[0]!.rest).toEqual([{ kind: 'budgetLine', number: '2' }, field('amountEur')])
  })

  it('puts a file’s errors before its warnings within a measure, by row', () => {
    const groups = groupProblems([
      at(null, [line('1'), measure('1.2'), { kind: 'row', number: '5' }], 'warning', 5),
      at(null, [line('1'), measure('1.2'), { kind: 'row', number: '5' }, field('responsible')], 'error', 5),
      at(null, [line('1'), measure('1.1'), { kind: 'row', number: '4' }], 'error', 4),
    ])
    expect(groups.map((g) => g.measure)).toEqual(['1.1', '1.2'])
    expect(groups[1]!.items.map((i) => i.problem.severity)).toEqual(['error', 'warning'])
  })
})
