// Roman numerals, as the plan and the report number action lines (I, II, …). One function for the
// report on the server and the web app's labels, so both show the same numeral. Hand-written: it
// is a few lines and no library is worth a dependency for it.

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
]

/** 1 → "I", 4 → "IV", 14 → "XIV". */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`toRoman supports 1–3999, got ${n}`)
  let rest = n
  let out = ''
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol
      rest -= value
    }
  }
  return out
}

/** Action lines are numbered "1", "2", … in data and shown as I, II, …; other numbers stay as written. */
export function actionLineNumeral(number: string): string {
  return /^[1-9]\d{0,3}$/.test(number) && Number(number) <= 3999 ? toRoman(Number(number)) : number
}
