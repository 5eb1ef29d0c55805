import { describe, expect, it } from 'vitest'
import { isSamePlace, listDrop, measureDrop, measureStep } from './reorder'

const lines = [
  { id: 1, measures: [{ id: 11 }, { id: 12 }, { id: 13 }] },
  { id: 2, measures: [] },
  { id: 3, measures: [{ id: 31 }] },
]

describe('measureStep', () => {
  it('moves within the line', () => {
    expect(measureStep(lines, 12, -1)).toEqual({ actionLineId: 1, position: 0 })
    expect(measureStep(lines, 12, 1)).toEqual({ actionLineId: 1, position: 2 })
  })
  it('crosses into the neighbouring line: the end of the one above, the start of the one below', () => {
    expect(measureStep(lines, 13, 1)).toEqual({ actionLineId: 2, position: 0 })
    expect(measureStep(lines, 31, -1)).toEqual({ actionLineId: 2, position: 0 })
    expect(measureStep([lines[0]!, lines[2]!], 31, -1)).toEqual({ actionLineId: 1, position: 3 })
  })
  it('goes nowhere past the first or the last', () => {
    expect(measureStep(lines, 11, -1)).toBeNull()
    expect(measureStep(lines, 31, 1)).toBeNull()
    expect(measureStep(lines, 99, 1)).toBeNull()
  })
})

describe('measureDrop', () => {
  it('counts the position without the moved measure', () => {
    expect(measureDrop(lines, 11, 1, 13, false)).toEqual({ actionLineId: 1, position: 1 })
    expect(measureDrop(lines, 11, 1, 13, true)).toEqual({ actionLineId: 1, position: 2 })
    expect(measureDrop(lines, 13, 1, 11, false)).toEqual({ actionLineId: 1, position: 0 })
  })
  it('drops into another line, or at the end of one', () => {
    expect(measureDrop(lines, 12, 3, 31, false)).toEqual({ actionLineId: 3, position: 0 })
    expect(measureDrop(lines, 12, 2, null, false)).toEqual({ actionLineId: 2, position: 0 })
    expect(measureDrop(lines, 31, 1, null, false)).toEqual({ actionLineId: 1, position: 3 })
  })
  it('ignores a drop on itself', () => {
    expect(measureDrop(lines, 12, 1, 12, true)).toBeNull()
  })
})

describe('listDrop', () => {
  it('moves before or after the target, or not at all', () => {
    expect(listDrop([1, 2, 3], 3, 1, false)).toBe(0)
    expect(listDrop([1, 2, 3], 1, 3, true)).toBe(2)
    expect(listDrop([1, 2, 3], 1, 2, false)).toBeNull()
    expect(listDrop([1, 2, 3], 2, 2, false)).toBeNull()
  })
})

describe('isSamePlace', () => {
  it('tells a move that changes nothing', () => {
    expect(isSamePlace(lines, 12, { actionLineId: 1, position: 1 })).toBe(true)
    expect(isSamePlace(lines, 12, { actionLineId: 1, position: 0 })).toBe(false)
  })
})
