// A measure's sector (PRODUCT.md): the top-level institution of its responsible institutions
// (VP → IeM), or "several" when they lie in more than one. One algorithm for the API's measure
// views, the report's figures and the web app.

export const SEVERAL_SECTORS = 'several'

/** The top-level institution above `code`; a cycle in the parents stops at the first repeat. */
export function topLevelOf(code: string, parentOf: (code: string) => string | null | undefined): string {
  const seen = new Set<string>()
  let current = code
  while (!seen.has(current)) {
    seen.add(current)
    const parent = parentOf(current)
    if (!parent) return current
    current = parent
  }
  return current
}

export function sectorOf(responsible: readonly string[], parentOf: (code: string) => string | null | undefined): string {
  const sectors = new Set(responsible.map((code) => topLevelOf(code, parentOf)))
  return sectors.size === 1 ? [...sectors][0]! : SEVERAL_SECTORS
}
