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

/**
 * Measures counted by sector, in the report's order: largest first; on a tie "several" first (as the
 * seed report words it), then alphabetically, so the order is stable whatever order the measures come in.
 */
export function rankSectors(counts: ReadonlyMap<string, number>): { sector: string; count: number }[] {
  return [...counts]
    .map(([sector, count]) => ({ sector, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(b.sector === SEVERAL_SECTORS) - Number(a.sector === SEVERAL_SECTORS) ||
        a.sector.localeCompare(b.sector, 'lv'),
    )
}
