// Editing the report's outline as plain functions of the outline (no Vue): add a section at a
// place, move an entry up or down, remove a section (a generated part never goes), and the chapter
// numbers each entry will carry in the DOCX — always from numberOutline, the one numbering rule.
import { emptyRichDoc, numberOutline, resolveOutline, type ReportOutlineEntry, type ReportPart, type ReportTextEntry } from '@apt/shared'

/** A stable key for an entry: its id for a section, the part's name for a generated part. */
export const entryKey = (entry: ReportOutlineEntry) => (entry.kind === 'text' ? `text-${entry.id}` : `part-${entry.part}`)

/** A fresh section id, unique in the outline (the schema allows [A-Za-z0-9_-], at most 40). */
export function newSectionId(outline: readonly ReportOutlineEntry[]): string {
  const taken = new Set(outline.flatMap((e) => (e.kind === 'text' ? [e.id] : [])))
  let id: string
  do id = `s-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`
  while (taken.has(id))
  return id
}

/** Inserts a new numbered section at `index` and returns it. */
export function addSection(outline: ReportOutlineEntry[], index: number, title: string): ReportTextEntry {
  const entry: ReportTextEntry = { kind: 'text', id: newSectionId(outline), title, heading: 'numbered', body: emptyRichDoc() }
  outline.splice(Math.max(0, Math.min(index, outline.length)), 0, entry)
  return entry
}

/** Moves the entry at `index` by `by` places (−1 up, +1 down); false when it is already at that end. */
export function moveEntry(outline: ReportOutlineEntry[], index: number, by: -1 | 1): boolean {
  const to = index + by
  if (index < 0 || index >= outline.length || to < 0 || to >= outline.length) return false
  const [entry] = outline.splice(index, 1)
  outline.splice(to, 0, entry!)
  return true
}

/** Removes a coordinator's section; generated parts stay (false). */
export function removeSection(outline: ReportOutlineEntry[], id: string): boolean {
  const index = outline.findIndex((e) => e.kind === 'text' && e.id === id)
  if (index < 0) return false
  outline.splice(index, 1)
  return true
}

/** The chapter numbers by entry key, as numberOutline gives them (a blank section has none: it is not printed). */
export interface OutlineNumbers {
  /** A section's or a numbered part's chapter; null when printed without a number. */
  chapter: Map<string, number | null>
  /** The survey chapters' numbers, in order. */
  surveys: number[]
  /** Keys of the sections that print (written ones). */
  printed: Set<string>
}

export function outlineNumbers(outline: readonly ReportOutlineEntry[], surveyCount: number): OutlineNumbers {
  const chapter = new Map<string, number | null>()
  const printed = new Set<string>()
  let surveys: number[] = []
  for (const entry of numberOutline(outline, surveyCount)) {
    if (entry.kind === 'text') {
      const key = entryKey(entry.entry)
      chapter.set(key, entry.chapter)
      printed.add(key)
    } else if (entry.part === 'surveys') {
      surveys = entry.chapters
      printed.add('part-surveys')
    } else {
      chapter.set(`part-${entry.part}`, entry.chapter)
      printed.add(`part-${entry.part}`)
    }
  }
  return { chapter, surveys, printed }
}

/** The outline with every generated part once (what the editor works on). */
export const normalisedOutline = (outline: readonly ReportOutlineEntry[]) => resolveOutline(outline)

export type { ReportPart }
