// The report's outline: every generated part exactly once (resolveOutline) and the one numbering
// rule (numberOutline) the DOCX, the preview and the editor share.
import { describe, expect, it } from 'vitest'
import {
  defaultReportContent,
  defaultReportOutline,
  numberOutline,
  resolveOutline,
  richDocFromText,
  type NumberedEntry,
  type ReportOutlineEntry,
  type ReportTextEntry,
} from '../src/index.js'

const section = (id: string, text: string, heading: ReportTextEntry['heading'] = 'numbered', title = id): ReportTextEntry => ({
  kind: 'text',
  id,
  title,
  heading,
  body: richDocFromText(text),
})

/** A numbered outline in short: "implementation:1", "surveys:2,3", "text legal:1", "text conclusions:-". */
const brief = (entries: NumberedEntry[]) =>
  entries.map((e) =>
    e.kind === 'text'
      ? `text ${e.entry.id}:${e.chapter ?? '-'}`
      : e.part === 'surveys'
        ? `surveys:${e.chapters.join(',')}`
        : `${e.part}:${e.chapter ?? '-'}`,
  )

describe('defaultReportContent', () => {
  it('is the seed’s order with empty sections and no closing block', () => {
    const content = defaultReportContent()
    expect(content.outline.map((e) => (e.kind === 'part' ? e.part : e.id))).toEqual([
      'front',
      'summary',
      'evaluation',
      'overview',
      'method',
      'implementation',
      'surveys',
      'financing',
      'conclusions',
    ])
    expect(content.settings).toEqual({ annexLayout: 'table', minister: null, visa: null })
    // A fresh copy each time (the editor mutates it).
    expect(defaultReportContent()).not.toBe(content)
    expect(defaultReportOutline()[2]).not.toBe(defaultReportOutline()[2])
  })
})

describe('resolveOutline', () => {
  it('keeps a complete outline as it is', () => {
    const outline = defaultReportOutline()
    expect(resolveOutline(outline)).toEqual(outline)
  })

  it('puts a missing part where the default has it, after the part before it', () => {
    const outline = defaultReportOutline().filter((e) => !(e.kind === 'part' && (e.part === 'financing' || e.part === 'front')))
    const resolved = resolveOutline(outline)
    const parts = resolved.filter((e) => e.kind === 'part').map((e) => (e as { part: string }).part)
    expect(parts).toEqual(['front', 'summary', 'overview', 'implementation', 'surveys', 'financing'])
    expect(resolved[0]).toEqual({ kind: 'part', part: 'front' })
    // Financing right after the surveys, before the conclusions.
    const ids = resolved.map((e) => (e.kind === 'part' ? e.part : e.id))
    expect(ids.indexOf('financing')).toBe(ids.indexOf('surveys') + 1)
  })

  it('drops a repeated part, keeping its first place, and keeps sections in order', () => {
    const outline: ReportOutlineEntry[] = [
      section('own', 'Savs teksts.'),
      ...defaultReportOutline(),
      { kind: 'part', part: 'summary' },
      { kind: 'part', part: 'implementation' },
    ]
    const resolved = resolveOutline(outline)
    expect(resolved).toHaveLength(defaultReportOutline().length + 1)
    expect(resolved[0]).toMatchObject({ kind: 'text', id: 'own' })
    expect(resolved.filter((e) => e.kind === 'part' && e.part === 'summary')).toHaveLength(1)
  })

  it('makes a whole outline from nothing', () => {
    expect(resolveOutline([]).map((e) => (e as { part: string }).part)).toEqual([
      'front',
      'summary',
      'overview',
      'implementation',
      'surveys',
      'financing',
    ])
  })
})

describe('numberOutline', () => {
  it('numbers the implementation, each survey and financing; leaves out blank sections', () => {
    expect(brief(numberOutline(defaultReportOutline(), 1))).toEqual([
      'front:-',
      'summary:-',
      'overview:-',
      'implementation:1',
      'surveys:2',
      'financing:3',
    ])
    expect(brief(numberOutline(defaultReportOutline(), 0))).toEqual([
      'front:-',
      'summary:-',
      'overview:-',
      'implementation:1',
      'surveys:',
      'financing:2',
    ])
    expect(brief(numberOutline(defaultReportOutline(), 2)).slice(3)).toEqual(['implementation:1', 'surveys:2,3', 'financing:4'])
  })

  it('gives Secinājumi no number, and only when written', () => {
    const outline = defaultReportOutline().map((e) =>
      e.kind === 'text' && e.id === 'conclusions' ? { ...e, body: richDocFromText('Plāns kopumā izpildīts.') } : e,
    )
    expect(brief(numberOutline(outline, 1)).slice(-2)).toEqual(['financing:3', 'text conclusions:-'])
    const blank = defaultReportOutline().map((e) =>
      e.kind === 'text' && e.id === 'conclusions' ? { ...e, body: richDocFromText(' \n ') } : e,
    )
    expect(brief(numberOutline(blank, 1))).not.toContain('text conclusions:-')
  })

  it('numbers a coordinator’s chapter wherever it stands, and the rest follow', () => {
    const outline = [...defaultReportOutline()]
    outline.splice(5, 0, section('legal', 'Tiesiskais pamats.'))
    outline.push(section('next', 'Turpmākie soļi.'))
    expect(brief(numberOutline(outline, 1)).slice(3)).toEqual([
      'text legal:1',
      'implementation:2',
      'surveys:3',
      'financing:4',
      'text next:5',
    ])
  })

  it('does not number a section with heading "unnumbered", "none" or an empty title', () => {
    const outline = [
      ...defaultReportOutline(),
      section('a', 'Teksts.', 'unnumbered'),
      section('b', 'Teksts.', 'none'),
      section('c', 'Teksts.', 'numbered', '  '),
      section('d', 'Teksts.', 'numbered'),
    ]
    expect(brief(numberOutline(outline, 0)).slice(-4)).toEqual(['text a:-', 'text b:-', 'text c:-', 'text d:3'])
  })

  it('resolves the outline first (a missing implementation still gets its number)', () => {
    const outline = defaultReportOutline().filter((e) => !(e.kind === 'part' && e.part === 'implementation'))
    expect(brief(numberOutline(outline, 0))).toContain('implementation:1')
  })
})
