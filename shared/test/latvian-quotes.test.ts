import { describe, expect, it } from 'vitest'
import { latvianQuotes, latvianQuotesAcross } from '../src/index.js'

describe('one quotation style', () => {
  it('turns "…", “…” and „…“ into „…”', () => {
    expect(latvianQuotes('“Interneta policista” ieviešana')).toBe('„Interneta policista” ieviešana')
    expect(latvianQuotes('programma "Skolu drošība", kas')).toBe('programma „Skolu drošība”, kas')
    expect(latvianQuotes('atbildi „Jā“ un „Nē“.')).toBe('atbildi „Jā” un „Nē”.')
    expect(latvianQuotes('apakšprogrammā 06.01.01 ”Valsts policija”')).toBe('apakšprogrammā 06.01.01 „Valsts policija”')
  })

  it('opens after white space, a bracket or a dash, and closes elsewhere', () => {
    expect(latvianQuotes('(“Drošības vēstneši”)')).toBe('(„Drošības vēstneši”)')
    expect(latvianQuotes('likums – "par to"; cits')).toBe('likums – „par to”; cits')
    expect(latvianQuotes('plāns „Par “X” plānu”')).toBe('plāns „Par „X” plānu”')
    expect(latvianQuotes('" alone')).toBe('” alone')
  })

  it('leaves apostrophes, „ and texts without quotes as they are', () => {
    for (const text of ['Dzīvesvietas ’s', '„Jau pareizi”', 'bez pēdiņām', '']) expect(latvianQuotes(text)).toBe(text)
    expect(latvianQuotes(latvianQuotes('"a" “b”'))).toBe('„a” „b”')
  })

  it('quotes runs as one text and cuts them back where they were cut', () => {
    // "otrais " bold, then "kursīvs" italic, the quotes in different runs.
    expect(latvianQuotesAcross(['teksts "', 'otrais ', 'kursīvs', '" beigas'])).toEqual(['teksts „', 'otrais ', 'kursīvs', '” beigas'])
    expect(latvianQuotesAcross(['"', 'X', '"'])).toEqual(['„', 'X', '”'])
    expect(latvianQuotesAcross([])).toEqual([])
  })
})
