// The measures screen's address read the one way by the screen and by the router: unknown values
// left out, the page a whole number from 1 and never past what the API can skip.
import { describe, expect, it } from 'vitest'
import { MEASURES_PAGE_SIZE, measuresPageOf, measuresQueryOf, measuresTableRequestOf } from './measures-url'

describe('the measures screen URL', () => {
  it('reads filters and sorting, leaving out what it does not know', () => {
    expect(measuresQueryOf({ status: 'partial', institution: 'TM', actionLine: '2', q: 'probācij', sort: 'deadline' })).toEqual({
      status: 'partial',
      institution: 'TM',
      actionLine: '2',
      q: 'probācij',
      sort: 'deadline',
    })
    expect(measuresQueryOf({ status: 'finished', sort: 'title', q: ['a', 'b'] })).toEqual({
      actionLine: undefined,
      status: undefined,
      institution: undefined,
      q: undefined,
      sort: 'number',
    })
  })

  it('reads the page as a whole number from 1, at most the last the API can reach', () => {
    expect(measuresPageOf({})).toBe(1)
    expect(measuresPageOf({ page: '3' })).toBe(3)
    for (const page of ['0', '-2', '2.5', 'x', '', '1e3']) expect(measuresPageOf({ page })).toBe(1)
    const last = measuresPageOf({ page: '99999999' })
    expect((last - 1) * MEASURES_PAGE_SIZE).toBe(100_000)
    expect(measuresPageOf({ page: '9'.repeat(30) })).toBe(1)
  })

  it('gives the same request for the same address', () => {
    const url = { status: 'done', page: '2' }
    expect(JSON.stringify(measuresTableRequestOf(url))).toBe(JSON.stringify(measuresTableRequestOf({ ...url })))
    expect(measuresTableRequestOf(url).page).toBe(2)
  })
})
