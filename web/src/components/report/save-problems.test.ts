// Why a save failed, in the report's own terms: each 400 problem in the part of the report it is in
// (union noise from the schema left out where a problem is recognised), and the texts that take the
// most room for a 413.
import { describe, expect, it } from 'vitest'
import { defaultReportContent, richDocFromText, type FieldError } from '@apt/shared'
import { contentBytes, largestParts, placeOf, problemKind, saveProblems } from './save-problems'

function sample() {
  const content = defaultReportContent()
  const conclusions = content.outline.findIndex((e) => e.kind === 'text' && e.id === 'conclusions')
  const entry = content.outline[conclusions]!
  if (entry.kind === 'text') entry.body = richDocFromText('Secinājumu teksts. '.repeat(200))
  content.actionLines = { '2': richDocFromText('Īss teksts.') }
  content.financing = richDocFromText('Finansējuma teksts. '.repeat(50))
  return { content, conclusions }
}

describe('the place of a problem', () => {
  it('is the section by its title, the action line’s text, the financing text or the settings', () => {
    const { content, conclusions } = sample()
    expect(placeOf(`/content/outline/${conclusions}/body/content/0/content/0/text`, content)).toEqual({
      kind: 'section',
      title: 'Secinājumi',
    })
    expect(placeOf('/content/actionLines/2/content/0', content)).toEqual({ kind: 'actionLine', line: '2' })
    expect(placeOf('/content/financing/content/3/content/0/text', content)).toEqual({ kind: 'financing' })
    expect(placeOf('/content/settings/minister/name', content)).toEqual({ kind: 'settings' })
    expect(placeOf('/version', content)).toEqual({ kind: 'report' })
  })
})

describe('the problems of a refused save', () => {
  it('recognises the schema’s limits and the report’s own checks', () => {
    const kind = (path: string, message: string) => problemKind({ path, message })
    expect(kind('/content/financing/content/0/content/0/text', 'must NOT have more than 100000 characters')).toBe('tooLong')
    expect(kind('/content/actionLines/2/content/0/content', 'must NOT have more than 500 items (rows; it has 501)')).toBe('tooMany')
    expect(kind('/content/financing/content/0/content/0/marks/0/attrs/href', 'a link must be an http(s) or mailto: address')).toBe('link')
    expect(kind('/content/outline/3/body/content/0', 'lists nest at most 3 levels deep')).toBe('listDepth')
    expect(kind('/content/outline/9/id', '"x" is already the id of the section at /content/outline/3')).toBe('duplicateId')
    expect(kind('/content/financing/content/0/type', '"heading" is not a block the report knows (paragraph, …)')).toBe('unknownNode')
    expect(kind('/content/financing', 'must be null')).toBe('other')
  })

  it('lists each problem once per place, leaving out the union’s noise where a problem is recognised', () => {
    const { content, conclusions } = sample()
    // What the server answered for a 120 000-character paragraph, before the report named it plainly.
    const errors: FieldError[] = [
      { path: '/content/financing/content/0/content/0/text', message: 'must NOT have more than 100000 characters' },
      { path: '/content/financing/content/0/content/0/text', message: 'must NOT have additional properties' },
      { path: '/content/financing/content/0/content/0/type', message: 'must be equal to constant' },
      { path: '/content/financing/content/0', message: 'is invalid' },
      { path: '/content/financing', message: 'must be null' },
      {
        path: `/content/outline/${conclusions}/body/content/4/content/0/marks/0/attrs/href`,
        message: 'a link must be an http(s) or mailto: address',
      },
      {
        path: `/content/outline/${conclusions}/body/content/7/content/0/marks/0/attrs/href`,
        message: 'a link must be an http(s) or mailto: address',
      },
      { path: '/content/actionLines/2/content/0/type', message: 'must be equal to constant' },
      { path: '/content/actionLines/2/content/0', message: 'is invalid' },
    ]
    expect(saveProblems(errors, content)).toEqual([
      { place: { kind: 'financing' }, kind: 'tooLong' },
      { place: { kind: 'section', title: 'Secinājumi' }, kind: 'link' },
      // Nothing recognised here: one line that something in this text is not accepted.
      { place: { kind: 'actionLine', line: '2' }, kind: 'other' },
    ])
  })
})

describe('the room a report takes', () => {
  it('names the largest texts first, in bytes of the JSON that is sent', () => {
    const { content } = sample()
    const parts = largestParts(content)
    expect(parts.map((p) => p.place)).toEqual([
      { kind: 'section', title: 'Secinājumi' },
      { kind: 'financing' },
      { kind: 'actionLine', line: '2' },
    ])
    expect(parts[0]!.bytes).toBe(
      new TextEncoder().encode(
        JSON.stringify((content.outline.find((e) => e.kind === 'text' && e.id === 'conclusions') as { body: unknown }).body),
      ).length,
    )
    expect(contentBytes(content)).toBe(new TextEncoder().encode(JSON.stringify(content)).length)
    // Latvian letters take two bytes each, as the server counts them.
    expect(
      contentBytes({ ...content, financing: richDocFromText('ā') }) - contentBytes({ ...content, financing: richDocFromText('a') }),
    ).toBe(1)
  })
})
