// Finding an institution as a clerk types it: by code or by name, ignoring case and diacritics
// ("parvalde" finds "Pārvalde", "iem" finds "IeM"), best matches first. Used by InstitutionPicker.
import type { Institution } from '@apt/shared'

/** Lower case without diacritics: "Valsts robežsardze" → "valsts robezsardze". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('lv').replace(/\s+/g, ' ').trim()
}

/** Lower is better: exact code, code prefix, name prefix, a word of the name, anywhere. */
function rank(institution: Pick<Institution, 'code' | 'name'>, query: string): number | null {
  const code = foldText(institution.code)
  const name = foldText(institution.name)
  if (code === query) return 0
  if (code.startsWith(query)) return 1
  if (name.startsWith(query)) return 2
  if (name.split(/[\s\-–(),.„"]+/).some((word) => word.startsWith(query))) return 3
  if (name.includes(query) || code.includes(query)) return 4
  return null
}

/**
 * The institutions matching `query`, best first (then by code); every institution for an empty
 * query, in code order. At most `limit`.
 */
export function searchInstitutions<T extends Pick<Institution, 'code' | 'name'>>(list: readonly T[], query: string, limit = 50): T[] {
  const q = foldText(query)
  const scored: { item: T; score: number }[] = []
  for (const item of list) {
    const score = q ? rank(item, q) : 0
    if (score !== null) scored.push({ item, score })
  }
  scored.sort((a, b) => a.score - b.score || a.item.code.localeCompare(b.item.code, 'lv'))
  return scored.slice(0, limit).map((s) => s.item)
}
