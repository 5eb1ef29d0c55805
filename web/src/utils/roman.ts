// Action lines are numbered "1", "2", … in data and shown as I, II, … as the report shows them.
export function toRoman(n: number): string {
  const table: [number, string][] = [
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
  let rest = n
  let out = ''
  for (const [value, numeral] of table) {
    while (rest >= value) {
      out += numeral
      rest -= value
    }
  }
  return out
}

export function actionLineNumeral(number: string): string {
  return /^[1-9]\d{0,3}$/.test(number) && Number(number) <= 3999 ? toRoman(Number(number)) : number
}
