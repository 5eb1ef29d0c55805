import { describe, expect, it } from 'vitest'
import { parseLatvianNumber } from '@apt/shared'
import { answerOf, formatNumber, readNumber, tableTotals, withAnswer, withCell } from './answer-edit'

describe('answering helpers', () => {
  it('replaces or removes one answer without touching the others', () => {
    const answers = { a: { value: true }, b: { value: 'x' } }
    expect(withAnswer(answers, 'a', { value: false })).toEqual({ a: { value: false }, b: { value: 'x' } })
    expect(withAnswer(answers, 'b', null)).toEqual({ a: { value: true } })
    expect(answers).toEqual({ a: { value: true }, b: { value: 'x' } })
  })

  it('keeps the coordinator’s codes and an "other" text when an answer changes', () => {
    expect(answerOf({ value: 'old', codes: ['c1'] }, 'new')).toEqual({ value: 'new', codes: ['c1'] })
    expect(answerOf(undefined, null, '')).toEqual({ value: null, other: '' })
    expect(answerOf({ value: null, other: 'x', codes: [] }, 'o1')).toEqual({ value: 'o1' })
  })

  it('writes numbers as the UI language does, in a form the Latvian reader takes back', () => {
    for (const n of [1234.5, -3, 0, 1000000, 0.25]) {
      expect(parseLatvianNumber(formatNumber(n, 'lv'))).toBe(n)
      expect(parseLatvianNumber(formatNumber(n, 'en'))).toBe(n)
    }
    expect(formatNumber(1234.5, 'lv').replace(/\s/g, ' ')).toBe('1 234,5')
    expect(formatNumber(1234.5, 'en')).toBe('1234.5')
  })

  it('reads typed numbers: empty, a number, or not one', () => {
    expect(readNumber('  ')).toEqual({ kind: 'empty' })
    expect(readNumber('1 234,5')).toEqual({ kind: 'number', value: 1234.5 })
    expect(readNumber('12a')).toEqual({ kind: 'invalid' })
  })

  it('sets and clears table cells, dropping empty rows and an empty table', () => {
    const t1 = withCell(undefined, 'r1', 'c1', 5)
    expect(t1).toEqual({ r1: { c1: 5 } })
    const t2 = withCell(t1!, 'r2', 'c2', 1.5)
    expect(t2).toEqual({ r1: { c1: 5 }, r2: { c2: 1.5 } })
    expect(t1).toEqual({ r1: { c1: 5 } })
    expect(withCell(t2!, 'r1', 'c1', null)).toEqual({ r2: { c2: 1.5 } })
    expect(withCell({ r1: { c1: 5 } }, 'r1', 'c1', null)).toBeNull()
  })

  it('totals rows, columns and all of the filled cells only', () => {
    const rows = [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }]
    const columns = [{ id: 'c1' }, { id: 'c2' }]
    const totals = tableTotals({ r1: { c1: 0.1, c2: 0.2 }, r2: { c1: 3 } }, rows, columns)
    expect(totals).toEqual({ rows: { r1: 0.3, r2: 3, r3: null }, columns: { c1: 3.1, c2: 0.2 }, total: 3.3 })
    expect(tableTotals(undefined, rows, columns).total).toBeNull()
  })
})
