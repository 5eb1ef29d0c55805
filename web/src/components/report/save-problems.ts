// Why the report could not be saved, in words the coordinator can act on: for a body over the
// server's limit (413), the parts of the report that take the most room; for content the server
// refused (400), each problem with the part of the report it is in (a section by its title, an
// action line's text, the financing text) and what kind of problem it is.
import { emptyRichDoc, type FieldError, type ReportContent } from '@apt/shared'

/** Where in the report a problem or a size is: the part the coordinator knows it by. */
export type ReportPlace =
  | { kind: 'section'; title: string }
  | { kind: 'actionLine'; line: string }
  | { kind: 'financing' }
  | { kind: 'settings' }
  | { kind: 'report' }

export type ProblemKind = 'tooLong' | 'tooMany' | 'link' | 'unknownNode' | 'listDepth' | 'duplicateId' | 'other'

export interface SaveProblem {
  place: ReportPlace
  kind: ProblemKind
}

/** The part of the report a JSON pointer into the PUT body (`/content/outline/3/body/…`) is in. */
export function placeOf(path: string, content: ReportContent): ReportPlace {
  const [, root, area, key] = path.split('/')
  if (root !== 'content') return { kind: 'report' }
  if (area === 'outline' && key !== undefined) {
    const entry = content.outline[Number(key)]
    return entry?.kind === 'text' ? { kind: 'section', title: entry.title } : { kind: 'report' }
  }
  if (area === 'actionLines' && key !== undefined) return { kind: 'actionLine', line: decodeURIComponent(key) }
  if (area === 'financing') return { kind: 'financing' }
  if (area === 'settings') return { kind: 'settings' }
  return { kind: 'report' }
}

/** What kind of problem a field error is, from its path and the server's (Ajv's or the report's own) message. */
export function problemKind(error: FieldError): ProblemKind {
  const { path, message } = error
  if (/more than \d+ characters/.test(message)) return 'tooLong'
  if (/more than \d+ items/.test(message)) return 'tooMany'
  if (path.endsWith('/href')) return 'link'
  if (/lists nest/.test(message)) return 'listDepth'
  if (/is already the id/.test(message)) return 'duplicateId'
  if (/is not a (block|text element) the report knows/.test(message)) return 'unknownNode'
  return 'other'
}

const placeKey = (place: ReportPlace) => JSON.stringify(place)

/**
 * The problems of a 400, one per place and kind (a pasted table can fail the same way in every
 * cell). The schema's other errors at a place — a refused union lists every branch it tried — say
 * nothing more, so they count only where no recognised problem explains the place.
 */
export function saveProblems(errors: readonly FieldError[], content: ReportContent): SaveProblem[] {
  const all = errors.map((error) => ({ place: placeOf(error.path, content), kind: problemKind(error) }))
  const explained = new Set(all.filter((p) => p.kind !== 'other').map((p) => placeKey(p.place)))
  const seen = new Set<string>()
  return all.filter((problem) => {
    if (problem.kind === 'other' && explained.has(placeKey(problem.place))) return false
    const key = `${placeKey(problem.place)}|${problem.kind}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value ?? null)).length
const EMPTY_DOC_BYTES = bytesOf(emptyRichDoc())

/** The size of what is saved, in bytes of JSON (what the server's body limit counts). */
export const contentBytes = (content: ReportContent) => bytesOf(content)

/** The report's texts by the room they take, largest first: the sections, the action lines' texts and the financing text. */
export function largestParts(content: ReportContent, count = 3): { place: ReportPlace; bytes: number }[] {
  const parts: { place: ReportPlace; bytes: number }[] = [
    ...content.outline.flatMap((entry) =>
      entry.kind === 'text' ? [{ place: { kind: 'section', title: entry.title } as const, bytes: bytesOf(entry.body) }] : [],
    ),
    ...Object.entries(content.actionLines).map(([line, doc]) => ({ place: { kind: 'actionLine', line } as const, bytes: bytesOf(doc) })),
    ...(content.financing ? [{ place: { kind: 'financing' } as const, bytes: bytesOf(content.financing) }] : []),
  ]
  return parts
    .filter((part) => part.bytes > EMPTY_DOC_BYTES)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count)
}
