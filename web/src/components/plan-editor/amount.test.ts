import { describe, expect, it } from 'vitest'
import { parseAmount } from './amount'

describe('parseAmount', () => {
  it('reads amounts written the Latvian way', () => {
    expect(parseAmount('46 000')).toBe(46000)
    expect(parseAmount('46\u00a0000,50 €')).toBe(46000.5)
    expect(parseAmount('1234.5')).toBe(1234.5)
    expect(parseAmount('0')).toBe(0)
  })
  it('refuses what is not an amount', () => {
    for (const bad of ['', '-5', 'abc', '1,2,3', '1.234', '12e3']) expect(parseAmount(bad), bad).toBeNull()
  })
})
