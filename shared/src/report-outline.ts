// The report's outline: which generated parts and coordinator's sections make the body, in what
// order, and how they are numbered. The real report (seed 001) numbers its chapters 1. (the plan's
// implementation), 2. (the municipalities' survey), 3. (financing), and leaves the introduction and
// "Secinājumi" unnumbered; a coordinator's chapter takes the next number wherever it stands. One
// function numbers the outline for the DOCX, the API's preview and the editor alike.
import { REPORT_PARTS, type ReportContent, type ReportOutlineEntry, type ReportPart, type ReportTextEntry } from './schemas/report.js'
import { emptyRichDoc, isRichDocBlank } from './schemas/rich-text.js'

const text = (id: string, title: string, heading: ReportTextEntry['heading']): ReportTextEntry => ({
  kind: 'text',
  id,
  title,
  heading,
  body: emptyRichDoc(),
})

/** A new report's outline, in the seed's order; its sections are empty (and so not printed) until written. */
export function defaultReportOutline(): ReportOutlineEntry[] {
  return [
    { kind: 'part', part: 'front' },
    { kind: 'part', part: 'summary' },
    text('evaluation', 'Izvērtējums', 'none'),
    { kind: 'part', part: 'overview' },
    text('method', 'Izvērtēšanas metode', 'none'),
    { kind: 'part', part: 'implementation' },
    { kind: 'part', part: 'surveys' },
    { kind: 'part', part: 'financing' },
    text('conclusions', 'Secinājumi', 'unnumbered'),
  ]
}

export function defaultReportContent(): ReportContent {
  return {
    outline: defaultReportOutline(),
    actionLines: {},
    financing: null,
    settings: { annexLayout: 'table', minister: null, visa: null },
  }
}

/**
 * The outline with every generated part exactly once: a part the stored outline lacks goes where
 * the default outline has it (after the part that precedes it there); a repeated part keeps its
 * first place.
 */
export function resolveOutline(outline: readonly ReportOutlineEntry[]): ReportOutlineEntry[] {
  const seen = new Set<ReportPart>()
  const out: ReportOutlineEntry[] = []
  for (const entry of outline) {
    if (entry.kind === 'part') {
      if (seen.has(entry.part)) continue
      seen.add(entry.part)
    }
    out.push(entry)
  }
  REPORT_PARTS.forEach((part, index) => {
    if (seen.has(part)) return
    const before = REPORT_PARTS.slice(0, index)
      .reverse()
      .find((p) => seen.has(p))
    const at = before === undefined ? 0 : out.findIndex((e) => e.kind === 'part' && e.part === before) + 1
    out.splice(at, 0, { kind: 'part', part })
    seen.add(part)
  })
  return out
}

/** An outline entry as the document prints it, with its chapter number(s). */
export type NumberedEntry =
  | { kind: 'part'; part: Exclude<ReportPart, 'surveys'>; chapter: number | null }
  /** The survey chapters: one number per linked survey, in order. */
  | { kind: 'part'; part: 'surveys'; chapters: number[] }
  | { kind: 'text'; entry: ReportTextEntry; chapter: number | null }

const NUMBERED_PARTS: ReadonlySet<ReportPart> = new Set(['implementation', 'financing'])

/**
 * Numbers the chapters in order: the implementation, each survey, financing and every written
 * section with a numbered heading. Sections with nothing written are left out (so "Secinājumi"
 * appears only when written); the front matter, summary and overview are never numbered.
 */
export function numberOutline(outline: readonly ReportOutlineEntry[], surveyCount: number): NumberedEntry[] {
  let chapter = 0
  const out: NumberedEntry[] = []
  for (const entry of resolveOutline(outline)) {
    if (entry.kind === 'text') {
      if (isRichDocBlank(entry.body)) continue
      const numbered = entry.heading === 'numbered' && entry.title.trim() !== ''
      out.push({ kind: 'text', entry, chapter: numbered ? ++chapter : null })
    } else if (entry.part === 'surveys') {
      out.push({ kind: 'part', part: 'surveys', chapters: Array.from({ length: surveyCount }, () => ++chapter) })
    } else {
      out.push({ kind: 'part', part: entry.part, chapter: NUMBERED_PARTS.has(entry.part) ? ++chapter : null })
    }
  }
  return out
}
