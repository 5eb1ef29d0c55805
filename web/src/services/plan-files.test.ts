// The plan-file page's pure parts: which files it takes, the order problems are listed in, what a
// refused import carries, and which file row holds which measure.
import { describe, expect, it } from 'vitest'
import { ErrorCode, type ImportProblem, type PlanDocument } from '@apt/shared'
import { ApiError } from './api'
import { importProblemsOf } from './import-problems'
import { changedPlanFields, measureRows, planFieldsOf, planFileKind } from './plan-files'

const problem = (row: number | null, severity: 'error' | 'warning', message = `p${row}`): ImportProblem => ({
  code: 'file',
  params: { text: message },
  location: [],
  path: null,
  row,
  column: null,
  field: null,
  message,
  severity,
})

const measure = (number: string, responsible: string[], involved: string[] = []) => ({
  number,
  title: `Pasākums ${number}`,
  responsible,
  involved,
  status: 'pending' as const,
})

const doc: PlanDocument = {
  format: 'action-plan/1',
  institutions: [],
  plan: {
    code: 'P-1',
    title: 'Plāns',
    period: { start: '2025-01-01', end: '2026-12-31' },
    coordinator: 'IeM',
    approvedBy: 'MK rīkojums Nr. 1',
    actionLines: [
      { number: '1', title: 'Virziens', measures: [measure('1.1', ['VP']), measure('1.2', ['VBTAI'], ['VUGD'])] },
      { number: '2', title: 'Otrs', measures: [measure('2.1', ['VP'], ['VBTAI']), measure('2.2', ['Pašvaldības'])] },
    ],
  },
}

describe('planFileKind', () => {
  it('knows .docx, .xlsx and .json by name, in any case, and nothing else', () => {
    expect(planFileKind('Rīkojums.DOCX')).toBe('docx')
    expect(planFileKind('plāns.xlsx')).toBe('xlsx')
    expect(planFileKind('plan.json')).toBe('json')
    expect(planFileKind('vecs.doc')).toBeNull()
    expect(planFileKind('vecs.xls')).toBeNull()
    expect(planFileKind('bez paplašinājuma')).toBeNull()
  })
})

describe('importProblemsOf', () => {
  it('reads the problems and unknown institutions of a 422 IMPORT_PROBLEMS', () => {
    const error = new ApiError(422, ErrorCode.importProblems, 'x', {
      details: { problems: [problem(4, 'error')], unknownInstitutions: [{ text: 'VBTAI', rows: [4], suggestions: [] }] },
    })
    expect(importProblemsOf(error)).toEqual({
      problems: [problem(4, 'error')],
      unknownInstitutions: [{ text: 'VBTAI', rows: [4], suggestions: [] }],
    })
  })

  it('reads the problems of any refused document, and a refusal’s field errors when it has no problems', () => {
    const refused = new ApiError(400, ErrorCode.validationFailed, 'x', {
      errors: [{ path: '/plan/code', message: 'must NOT have more than 40 characters' }],
      details: { problems: [problem(null, 'error', 'a problem')] },
    })
    expect(importProblemsOf(refused)?.problems).toEqual([problem(null, 'error', 'a problem')])
    const plain = new ApiError(400, ErrorCode.validationFailed, 'x', {
      errors: [{ path: '/text', message: 'must not contain NUL characters' }],
    })
    expect(importProblemsOf(plain)?.problems).toEqual([
      expect.objectContaining({ code: '', path: '/text', message: 'must not contain NUL characters' }),
    ])
  })

  it('is null for any other failure, and empty lists for details it cannot read', () => {
    expect(importProblemsOf(new ApiError(413, ErrorCode.payloadTooLarge, 'x'))).toBeNull()
    expect(importProblemsOf(new Error('x'))).toBeNull()
    expect(importProblemsOf(new ApiError(422, ErrorCode.importProblems, 'x', { details: { problems: 'no' } }))).toEqual({
      problems: [],
      unknownInstitutions: [],
    })
  })
})

describe('measureRows', () => {
  it('pairs an unknown institution’s rows with the measures naming it, in order', () => {
    const rows = measureRows(doc, [
      { text: 'VBTAI', rows: [8, 5], suggestions: [] },
      { text: 'Pašvaldības', rows: [9], suggestions: [] },
    ])
    expect([...rows.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [5, '1.2'],
      [8, '2.1'],
      [9, '2.2'],
    ])
  })

  it('guesses nothing when the counts do not agree', () => {
    expect(measureRows(doc, [{ text: 'VBTAI', rows: [5], suggestions: [] }]).size).toBe(0)
  })
})

describe('planFieldsOf', () => {
  it('takes the plan’s own fields from the document', () => {
    expect(planFieldsOf(doc)).toEqual({
      code: 'P-1',
      title: 'Plāns',
      period: { start: '2025-01-01', end: '2026-12-31' },
      coordinator: 'IeM',
      approvedBy: 'MK rīkojums Nr. 1',
    })
  })
})

describe('changedPlanFields', () => {
  const read = planFieldsOf(doc)
  it('sends nothing when nothing changed', () => {
    expect(changedPlanFields(read, planFieldsOf(doc))).toBeUndefined()
  })

  it('sends only what the coordinator changed, trimmed; an emptied field is left to the file', () => {
    expect(
      changedPlanFields(read, {
        ...read,
        code: ' P-2 ',
        title: '',
        period: { start: '2025-01-01', end: '2027-12-31' },
        coordinator: '',
        approvedBy: '  ',
      }),
    ).toEqual({ code: 'P-2', period: { start: '2025-01-01', end: '2027-12-31' }, approvedBy: null })
    expect(changedPlanFields(read, { ...read, coordinator: 'TM' })).toEqual({ coordinator: 'TM' })
  })
})
