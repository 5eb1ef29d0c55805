// Institutions as plan files write them ("VP", "Valsts policija", "Valsts policijas", "IeM (VP)",
// "pašvaldības", "IeM, TM") matched against the registry: by code (any case), by name (case,
// diacritics, quotes and spacing folded, Latvian endings tolerated), by aliases learned from
// earlier imports, and by a short built-in list of known variants. What matches nothing comes back
// with the closest registry codes as suggestions.
import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../../db/client.js'
import { institutionAliases, institutions } from '../../../../db/schema/index.js'

export interface RegistryInstitution {
  id: number
  code: string
  name: string
}

/**
 * The key institution texts are compared by (and aliases stored under): lower case, no diacritics,
 * no quotes or punctuation, single spaces.
 */
export function normaliseInstitutionText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[“”„"'‘’«»`]/g, '')
    .replace(/[^\p{L}\p{N}()]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

// Latvian case endings, longest first: "policijas", "policijai", "policiju" → "polic".
const ENDINGS = /(ijam|ijai|ijas|iju|ija|iem|ajam|ajai|ajas|ais|ajā|ām|am|ai|as|ei|es|is|os|us|um|a|e|i|o|u|s|m)$/
const stem = (word: string) => (word.length > 3 ? word.replace(ENDINGS, '') || word : word)
/** A name with each word's ending cut: different cases of one name share it. */
const stemKey = (normalised: string) => normalised.replace(/[()]/g, ' ').split(' ').filter(Boolean).map(stem).join(' ')

/**
 * Variants plan tables use that are neither a code nor a name, normalised → registry code (used
 * only when that code is registered).
 */
const KNOWN_VARIANTS: Record<string, string> = {
  pasvaldibas: 'PASV',
  pasvaldibu: 'PASV',
  'visas pasvaldibas': 'PASV',
  'vietejas pasvaldibas': 'PASV',
  'vietejo pasvaldibu': 'PASV',
  'pasvaldibu iestades': 'PASV',
  policija: 'VP',
  'valsts policijas parvaldes': 'VP',
  'iekslietu ministrijas valsts policija': 'VP',
  probacijas: 'VPD',
  'probacijas dienests': 'VPD',
  robezsardze: 'VRS',
  'ieslodzijuma vietu parvalde': 'IeVP',
  ivp: 'IeVP',
  'ugunsdzesibas dienests': 'VUGD',
  vugd: 'VUGD',
}

/** One cell's text in pieces: by commas, semicolons and lines, never inside brackets. */
function splitOutsideBrackets(text: string): string[] {
  const pieces: string[] = []
  let depth = 0
  let current = ''
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++
    if ((ch === ')' || ch === ']') && depth > 0) depth--
    if (depth === 0 && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      pieces.push(current)
      current = ''
    } else current += ch
  }
  pieces.push(current)
  return (
    pieces
      // Bullets, numbering and footnote marks around a name: "• VP", "1) IeM", "VP*".
      .map((p) =>
        p
          .replace(/^\s*(?:[-–—•·*]|\d+[.)])\s*/u, '')
          .replace(/[\s*.:]+$/u, '')
          .trim(),
      )
      .filter((p) => p.length > 0)
  )
}

/** The Levenshtein distance, for suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

/** What one cell named: the registry codes it matched, in order, and the texts that matched nothing. */
export interface CellMatch {
  codes: string[]
  unknown: string[]
  /** Both in the cell's order: a registry code, or a text that matched nothing. */
  parts: ({ code: string } | { text: string })[]
}

export class InstitutionMatcher {
  private readonly byKey = new Map<string, string>()
  private readonly byStem = new Map<string, string | null>()
  private readonly registry: RegistryInstitution[]

  constructor(registry: RegistryInstitution[], aliases: { key: string; institutionId: number }[] = []) {
    this.registry = registry
    const codeOfId = new Map(registry.map((i) => [i.id, i.code]))
    const codes = new Set(registry.map((i) => i.code))
    for (const [key, code] of Object.entries(KNOWN_VARIANTS)) if (codes.has(code)) this.byKey.set(key, code)
    for (const inst of registry) {
      this.byKey.set(normaliseInstitutionText(inst.name), inst.code)
      // A stem shared by two names matches neither.
      const s = stemKey(normaliseInstitutionText(inst.name))
      this.byStem.set(s, this.byStem.has(s) && this.byStem.get(s) !== inst.code ? null : inst.code)
    }
    for (const alias of aliases) {
      const code = codeOfId.get(alias.institutionId)
      if (code) this.byKey.set(alias.key, code)
    }
    // Codes last: "VP" is Valsts policija even if some name normalises to "vp".
    for (const inst of registry) this.byKey.set(normaliseInstitutionText(inst.code), inst.code)
  }

  static async load(executor: DbOrTx): Promise<InstitutionMatcher> {
    const registry = await executor.select({ id: institutions.id, code: institutions.code, name: institutions.name }).from(institutions)
    const aliases = await executor
      .select({ key: institutionAliases.key, institutionId: institutionAliases.institutionId })
      .from(institutionAliases)
      .innerJoin(institutions, eq(institutions.id, institutionAliases.institutionId))
    return new InstitutionMatcher(registry, aliases)
  }

  has(code: string): boolean {
    return this.registry.some((i) => i.code === code)
  }

  /** One institution as written → its registry code, or undefined. */
  matchOne(text: string): string | undefined {
    const key = normaliseInstitutionText(text)
    if (!key) return undefined
    const direct = this.byKey.get(key) ?? this.byStem.get(stemKey(key)) ?? undefined
    if (direct) return direct
    return undefined
  }

  /**
   * Every institution one cell names. "IeM (VP)": the one in brackets is the institution (the
   * ministry before it is its sector), unless the whole text is known; "A un B" is split only when
   * the whole is not a name ("Izglītības un zinātnes ministrija" is one).
   */
  matchCell(cell: string): CellMatch {
    const result: CellMatch = { codes: [], unknown: [], parts: [] }
    const add = (code: string) => {
      if (result.codes.includes(code)) return
      result.codes.push(code)
      result.parts.push({ code })
    }
    const unknown = (text: string) => {
      if (result.unknown.includes(text)) return
      result.unknown.push(text)
      result.parts.push({ text })
    }
    for (const piece of splitOutsideBrackets(cell)) {
      const whole = this.matchOne(piece)
      if (whole) {
        add(whole)
        continue
      }
      const bracketed = /^(.*?)\s*[([]([^()[\]]+)[)\]]\s*$/u.exec(piece)
      if (bracketed) {
        const inner = this.matchCell(bracketed[2]!)
        if (inner.codes.length && !inner.unknown.length) {
          inner.codes.forEach(add)
          continue
        }
        const outer = this.matchOne(bracketed[1]!)
        if (outer && !inner.codes.length) {
          add(outer)
          continue
        }
      }
      const parts = piece.split(/\s+un\s+/u).filter((p) => p.trim())
      if (parts.length > 1) {
        const matched = parts.map((p) => this.matchOne(p))
        if (matched.some(Boolean)) {
          parts.forEach((p, i) => (matched[i] ? add(matched[i]) : unknown(p.trim())))
          continue
        }
      }
      unknown(piece)
    }
    return result
  }

  /** Registry codes that look closest to an unknown text, best first. */
  suggestions(text: string, limit = 3): string[] {
    const key = normaliseInstitutionText(text)
    const keyStem = stemKey(key)
    const words = new Set(keyStem.split(' '))
    const scored = this.registry.map((inst) => {
      const name = stemKey(normaliseInstitutionText(inst.name))
      const code = normaliseInstitutionText(inst.code)
      const nameWords = name.split(' ')
      const shared = nameWords.filter((w) => words.has(w)).length
      const overlap = shared / Math.max(words.size, nameWords.length)
      const byName = 1 - distance(keyStem, name) / Math.max(keyStem.length, name.length, 1)
      const byCode = 1 - distance(key, code) / Math.max(key.length, code.length, 1)
      // An abbreviation: the name's initials ("Valsts bērnu tiesību aizsardzības inspekcija" → "vbtai").
      const initials = normaliseInstitutionText(inst.name)
        .split(' ')
        .map((w) => w[0])
        .join('')
      const byInitials = key.length >= 2 && !key.includes(' ') ? 1 - distance(key, initials) / Math.max(key.length, initials.length) : 0
      return { code: inst.code, score: Math.max(overlap, byName, byCode, byInitials) }
    })
    return scored
      .filter((s) => s.score >= 0.5)
      .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
      .slice(0, limit)
      .map((s) => s.code)
  }
}
