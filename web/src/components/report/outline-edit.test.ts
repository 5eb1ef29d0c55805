// The outline's editing functions: a section added, moved and removed, generated parts never
// removed, and the chapter numbers as numberOutline gives them (a blank section not printed).
import { describe, expect, it } from 'vitest'
import { defaultReportOutline, richDocFromText } from '@apt/shared'
import { addSection, entryKey, moveEntry, outlineNumbers, removeSection } from './outline-edit'

describe('editing the report outline', () => {
  it('a written numbered section before the implementation takes chapter 1 and moves the others on', () => {
    const outline = defaultReportOutline()
    const before = outlineNumbers(outline, 1)
    expect(before.chapter.get('part-implementation')).toBe(1)
    expect(before.surveys).toEqual([2])
    expect(before.chapter.get('part-financing')).toBe(3)

    const section = addSection(outline, 2, 'Tiesiskais pamats')
    expect(outline[2]).toBe(section)
    // Blank: not printed, so no number and nothing moves.
    expect(outlineNumbers(outline, 1).printed.has(entryKey(section))).toBe(false)
    expect(outlineNumbers(outline, 1).chapter.get('part-implementation')).toBe(1)

    section.body = richDocFromText('Likums nosaka kārtību.')
    const after = outlineNumbers(outline, 1)
    expect(after.chapter.get(entryKey(section))).toBe(1)
    expect(after.chapter.get('part-implementation')).toBe(2)
    expect(after.surveys).toEqual([3])
    expect(after.chapter.get('part-financing')).toBe(4)
  })

  it('moves an entry up and down within the outline, and not past its ends', () => {
    const outline = defaultReportOutline()
    const keys = () => outline.map(entryKey)
    expect(moveEntry(outline, 0, -1)).toBe(false)
    expect(moveEntry(outline, outline.length - 1, 1)).toBe(false)
    const implementation = keys().indexOf('part-implementation')
    expect(moveEntry(outline, implementation, -1)).toBe(true)
    expect(keys()[implementation - 1]).toBe('part-implementation')
  })

  it('removes a coordinator’s section but never a generated part', () => {
    const outline = defaultReportOutline()
    const length = outline.length
    expect(removeSection(outline, 'conclusions')).toBe(true)
    expect(outline).toHaveLength(length - 1)
    expect(removeSection(outline, 'implementation')).toBe(false)
    expect(outline.filter((e) => e.kind === 'part')).toHaveLength(6)
  })

  it('unnumbered and heading-less sections print without a number', () => {
    const outline = defaultReportOutline()
    const conclusions = outline.find((e) => e.kind === 'text' && e.id === 'conclusions')!
    if (conclusions.kind === 'text') conclusions.body = richDocFromText('Secinājums.')
    expect(outlineNumbers(outline, 0).chapter.get('text-conclusions')).toBeNull()
    expect(outlineNumbers(outline, 0).printed.has('text-conclusions')).toBe(true)
  })
})
