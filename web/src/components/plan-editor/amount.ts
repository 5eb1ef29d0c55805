// An amount in euro as a clerk types it: "46 000", "46000,50", "1 234.5" (spaces, no-break spaces
// and a decimal comma allowed). Null when it is not a non-negative amount with at most two decimals.
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const value = Number(cleaned)
  return Number.isFinite(value) && value <= 99_999_999_999_999 ? value : null
}
