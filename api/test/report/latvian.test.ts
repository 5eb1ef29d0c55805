// The Latvian wording rules on their own: numerals in words, agreement, euro, dates, roman numerals.
import { describe, expect, it } from 'vitest'
import { actionLineNumeral, toRoman } from '@apt/shared'
import {
  MEASURE_NOUN,
  NBSP,
  actAfterSaskanaAr,
  agree,
  countWithNoun,
  formatEuro,
  formatLatvianDate,
  nounFor,
  numberToWords,
  rigaDate,
  takesSingular,
  titleGenitive,
} from '../../src/report/latvian.js'

const UNITS_NOM = ['', 'viens', 'divi', 'trīs', 'četri', 'pieci', 'seši', 'septiņi', 'astoņi', 'deviņi']
const UNITS_GEN = ['', 'viena', 'divu', 'triju', 'četru', 'piecu', 'sešu', 'septiņu', 'astoņu', 'deviņu']
const UNITS_DAT = ['', 'vienam', 'diviem', 'trim', 'četriem', 'pieciem', 'sešiem', 'septiņiem', 'astoņiem', 'deviņiem']
const TEENS = [
  'desmit',
  'vienpadsmit',
  'divpadsmit',
  'trīspadsmit',
  'četrpadsmit',
  'piecpadsmit',
  'sešpadsmit',
  'septiņpadsmit',
  'astoņpadsmit',
  'deviņpadsmit',
]
const TENS = ['', '', 'divdesmit', 'trīsdesmit', 'četrdesmit']

/** The expected words for 0–40, written out from the tables above (not from the code under test). */
function expected(n: number, units: string[], zero: string): string {
  if (n === 0) return zero
  if (n < 10) return units[n]
  if (n < 20) return TEENS[n - 10]
  const tens = TENS[Math.floor(n / 10)]
  return n % 10 === 0 ? tens : `${tens} ${units[n % 10]}`
}

describe('numberToWords', () => {
  it('spells 0–40 in the nominative, masculine', () => {
    expect(numberToWords(0)).toBe('nulle')
    expect(numberToWords(6)).toBe('seši')
    expect(numberToWords(11)).toBe('vienpadsmit')
    expect(numberToWords(21)).toBe('divdesmit viens')
    expect(numberToWords(40)).toBe('četrdesmit')
    for (let n = 0; n <= 40; n++) expect(numberToWords(n, 'nom'), String(n)).toBe(expected(n, UNITS_NOM, 'nulle'))
  })

  it('spells 0–40 in the genitive ("par divpadsmit pasākumu izpildi", "četru pasākumu")', () => {
    expect(numberToWords(4, 'gen')).toBe('četru')
    expect(numberToWords(12, 'gen')).toBe('divpadsmit')
    for (let n = 0; n <= 40; n++) expect(numberToWords(n, 'gen'), String(n)).toBe(expected(n, UNITS_GEN, 'nulles'))
  })

  it('spells 0–40 in the dative ("no deviņiem pasākumiem")', () => {
    expect(numberToWords(9, 'dat')).toBe('deviņiem')
    expect(numberToWords(11, 'dat')).toBe('vienpadsmit')
    for (let n = 0; n <= 40; n++) expect(numberToWords(n, 'dat'), String(n)).toBe(expected(n, UNITS_DAT, 'nullei'))
  })

  it('declines accusative and locative ("četros rīcības virzienos")', () => {
    expect(numberToWords(4, 'loc')).toBe('četros')
    expect(numberToWords(1, 'loc')).toBe('vienā')
    expect(numberToWords(3, 'loc')).toBe('trijos')
    expect(numberToWords(2, 'acc')).toBe('divus')
    expect(numberToWords(3, 'acc')).toBe('trīs')
  })

  it('has feminine forms', () => {
    expect(numberToWords(1, 'nom', 'f')).toBe('viena')
    expect(numberToWords(4, 'nom', 'f')).toBe('četras')
    expect(numberToWords(2, 'dat', 'f')).toBe('divām')
    expect(numberToWords(21, 'dat', 'f')).toBe('divdesmit vienai')
    expect(numberToWords(3, 'loc', 'f')).toBe('trijās')
  })

  it('handles the edge cases 1, 11, 21, 100, 101, 111, 1000', () => {
    expect(numberToWords(1)).toBe('viens')
    expect(numberToWords(11)).toBe('vienpadsmit')
    expect(numberToWords(21, 'gen')).toBe('divdesmit viena')
    expect(numberToWords(100)).toBe('simts')
    expect(numberToWords(100, 'dat')).toBe('simts')
    expect(numberToWords(101)).toBe('simt viens')
    expect(numberToWords(101, 'dat')).toBe('simt vienam')
    expect(numberToWords(111)).toBe('simt vienpadsmit')
    expect(numberToWords(110)).toBe('simt desmit')
    expect(numberToWords(121, 'gen')).toBe('simt divdesmit viena')
    expect(numberToWords(200)).toBe('divsimt')
    expect(numberToWords(999)).toBe('deviņsimt deviņdesmit deviņi')
    expect(numberToWords(1000)).toBe('tūkstoš')
  })

  it('rejects what it cannot spell', () => {
    expect(() => numberToWords(-1)).toThrow(RangeError)
    expect(() => numberToWords(1001)).toThrow(RangeError)
    expect(() => numberToWords(1.5)).toThrow(RangeError)
  })
})

describe('number–noun agreement', () => {
  it('takes the singular for numbers ending in 1 but not 11', () => {
    for (const n of [1, 21, 31, 101, 121, 1001]) expect(takesSingular(n), String(n)).toBe(true)
    for (const n of [0, 2, 11, 12, 20, 111, 211, 1011]) expect(takesSingular(n), String(n)).toBe(false)
  })

  it('agrees pasākums / pasākumi with counts', () => {
    expect(countWithNoun(1, MEASURE_NOUN)).toBe('1 pasākums')
    expect(countWithNoun(21, MEASURE_NOUN)).toBe('21 pasākums')
    expect(countWithNoun(11, MEASURE_NOUN)).toBe('11 pasākumi')
    expect(countWithNoun(0, MEASURE_NOUN)).toBe('0 pasākumi')
    expect(countWithNoun(30, MEASURE_NOUN, 'dat')).toBe('30 pasākumiem')
    expect(nounFor(21, MEASURE_NOUN, 'gen')).toBe('pasākuma')
    expect(nounFor(12, MEASURE_NOUN, 'gen')).toBe('pasākumu')
    expect(agree(31, 'izpildīts', 'izpildīti')).toBe('izpildīts')
    expect(agree(19, 'izpildīts', 'izpildīti')).toBe('izpildīti')
  })
})

describe('formatEuro', () => {
  // Thousands are grouped and the amount is joined to "euro" by U+00A0 NO-BREAK SPACE.
  const euro = (s: string) => s.replace(/ /g, NBSP)

  it('writes whole amounts without cents', () => {
    expect(formatEuro(0)).toBe(euro('0 euro'))
    expect(formatEuro(500)).toBe(euro('500 euro'))
    expect(formatEuro(7500)).toBe(euro('7 500 euro'))
    expect(formatEuro(46000)).toBe(euro('46 000 euro'))
    expect(formatEuro(100000)).toBe(euro('100 000 euro'))
    expect(formatEuro(153500)).toBe(euro('153 500 euro'))
  })

  it('shows cents with a decimal comma and two digits, only when there are any', () => {
    expect(formatEuro(1234567.5)).toBe(euro('1 234 567,50 euro'))
    expect(formatEuro(0.5)).toBe(euro('0,50 euro'))
    expect(formatEuro(12.3)).toBe(euro('12,30 euro'))
    expect(formatEuro(999.999)).toBe(euro('1 000 euro'))
  })
})

describe('formatLatvianDate', () => {
  it('writes dates as official documents do, in every case the sentences need', () => {
    expect(formatLatvianDate('2025-12-01')).toBe('2025. gada 1. decembris')
    expect(formatLatvianDate('2025-12-01', 'gen')).toBe('2025. gada 1. decembra')
    expect(formatLatvianDate('2025-12-01', 'dat')).toBe('2025. gada 1. decembrim')
    expect(formatLatvianDate('2025-12-01', 'acc')).toBe('2025. gada 1. decembri')
    expect(formatLatvianDate('2025-12-01', 'loc')).toBe('2025. gada 1. decembrī')
    expect(formatLatvianDate('2023-03-22', 'gen')).toBe('2023. gada 22. marta')
    expect(formatLatvianDate('2024-04-09', 'gen')).toBe('2024. gada 9. aprīļa')
    expect(formatLatvianDate('2024-07-31', 'loc')).toBe('2024. gada 31. jūlijā')
  })

  it('rejects what is not a date', () => {
    expect(() => formatLatvianDate('2025-13-01')).toThrow(RangeError)
    expect(() => formatLatvianDate('1.12.2025')).toThrow(RangeError)
  })

  it('dates an instant by Riga time', () => {
    expect(rigaDate(new Date('2025-11-30T23:30:00Z'))).toBe('2025-12-01')
    expect(rigaDate(new Date('2025-07-01T20:59:00Z'))).toBe('2025-07-01')
  })
})

describe('roman numerals', () => {
  it('numbers action lines I, II, …', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(toRoman).join(' ')).toBe('I II III IV V VI VII VIII IX X XI XII')
    expect(toRoman(14)).toBe('XIV')
    expect(toRoman(40)).toBe('XL')
    expect(toRoman(1994)).toBe('MCMXCIV')
    expect(actionLineNumeral('4')).toBe('IV')
    expect(actionLineNumeral('2a')).toBe('2a')
    expect(() => toRoman(0)).toThrow(RangeError)
  })
})

describe('titles and acts in other cases', () => {
  it('puts a plan title into the genitive by its head noun', () => {
    expect(titleGenitive('Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāns 2023.-2024. gadam')).toBe(
      'Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam',
    )
    expect(titleGenitive('Plāns bērniem')).toBe('Plāna bērniem')
    expect(titleGenitive('Bērnu, jaunatnes un ģimenes politikas pamatnostādnes 2022.-2027. gadam')).toBe(
      'Bērnu, jaunatnes un ģimenes politikas pamatnostādņu 2022.-2027. gadam',
    )
    // "plānsX" is not the word "plāns"; unknown heads stay as written.
    expect(titleGenitive('Drošības plānsX')).toBe('Drošības plānsX')
  })

  it('puts an approving act into the form "saskaņā ar" takes', () => {
    expect(actAfterSaskanaAr('Ministru kabineta 2023. gada 22. marta rīkojums Nr. 156')).toBe(
      'Ministru kabineta 2023. gada 22. marta rīkojumu Nr. 156',
    )
    expect(actAfterSaskanaAr('Ministru kabineta noteikumi Nr. 12')).toBe('Ministru kabineta noteikumiem Nr. 12')
    expect(actAfterSaskanaAr('Valdības vienošanās')).toBeNull()
  })
})
