import { describe, expect, it } from 'vitest'
import { foldText, searchInstitutions } from './institution-search'

const list = [
  { code: 'VP', name: 'Valsts policija' },
  { code: 'VRS', name: 'Valsts robežsardze' },
  { code: 'IeM', name: 'Iekšlietu ministrija' },
  { code: 'IeM IC', name: 'Iekšlietu ministrijas Informācijas centrs' },
  { code: 'PMLP', name: 'Pilsonības un migrācijas lietu pārvalde' },
  { code: 'NVO', name: 'Nevalstiskās organizācijas' },
]

describe('foldText', () => {
  it('drops case and diacritics and squeezes spaces', () => {
    expect(foldText('  Valsts   Robežsardze ')).toBe('valsts robezsardze')
    expect(foldText('ĀČĒĢĪĶĻŅŠŪŽ')).toBe('acegiklnsuz')
  })
})

describe('searchInstitutions', () => {
  const codes = (q: string) => searchInstitutions(list, q).map((i) => i.code)

  it('finds by code, ignoring case, exact code first', () => {
    expect(codes('iem')).toEqual(['IeM', 'IeM IC'])
    expect(codes('vp')[0]).toBe('VP')
  })

  it('finds by a word of the name without diacritics', () => {
    expect(codes('parvalde')).toEqual(['PMLP'])
    expect(codes('robezs')).toEqual(['VRS'])
    expect(codes('migrācijas')).toEqual(['PMLP'])
  })

  it('ranks a name prefix before a later word', () => {
    expect(codes('valsts')).toEqual(['VP', 'VRS'])
    expect(codes('valst')).toEqual(['VP', 'VRS', 'NVO'])
  })

  it('lists everything in code order for an empty query, and respects the limit', () => {
    expect(codes('')).toEqual(['IeM', 'IeM IC', 'NVO', 'PMLP', 'VP', 'VRS'])
    expect(searchInstitutions(list, '', 2)).toHaveLength(2)
  })

  it('finds nothing for text that matches nothing', () => {
    expect(codes('zzz')).toEqual([])
  })
})
