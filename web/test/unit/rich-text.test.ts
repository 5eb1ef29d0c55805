import { describe, expect, it } from 'vitest'
import { parseRichText } from '../../src/utils/rich-text'

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and gathers "- " lines into lists', () => {
    expect(parseRichText('Pirmā rindkopa\nturpinās.\n\nSaraksts:\n- viens\n- divi\n\nBeigas.')).toEqual([
      { kind: 'paragraph', text: 'Pirmā rindkopa\nturpinās.' },
      { kind: 'paragraph', text: 'Saraksts:' },
      { kind: 'list', items: ['viens', 'divi'] },
      { kind: 'paragraph', text: 'Beigas.' },
    ])
  })

  it('accepts bullets and Windows line ends, and ignores empty input', () => {
    expect(parseRichText('• a\r\n• b')).toEqual([{ kind: 'list', items: ['a', 'b'] }])
    expect(parseRichText('   \n\n')).toEqual([])
  })

  it('keeps markup as text', () => {
    expect(parseRichText('<script>alert(1)</script>')).toEqual([{ kind: 'paragraph', text: '<script>alert(1)</script>' }])
  })
})
