// The opening's point of the approving act: which texts the settings accept as points, and the
// sentence the DOCX and the editor's preview both print with it.
import { describe, expect, it } from 'vitest'
import { ACT_POINTS_PATTERN, openingWithPoint, reportOpening } from '../src/index.js'

const act = { lead: 'Ziņojums ir sagatavots saskaņā ar Ministru kabineta rīkojuma Nr. 156', duty: 'ministrija iesniedz ziņojumu' }

describe('the approving act’s point', () => {
  it('accepts points as acts cite them, and nothing else', () => {
    const points = new RegExp(ACT_POINTS_PATTERN)
    for (const ok of ['5.', '5.1.', '12.3.4.', '5. un 6.', '3., 5. un 7.', '3., 5.']) expect(points.test(ok), ok).toBe(true)
    for (const bad of ['5', '5. punkts', 'pieci', '5 un 6', '5.un 6.', ' 5.', '5. ', '1000.', '5. un', ''])
      expect(points.test(bad), bad).toBe(false)
  })

  it('is cited before "kurā noteikts" (one point) or "kuros noteikts" (several)', () => {
    expect(openingWithPoint(act, '5.')).toBe(
      'Ziņojums ir sagatavots saskaņā ar Ministru kabineta rīkojuma Nr. 156 5. punktu, kurā noteikts, ka ministrija iesniedz ziņojumu.',
    )
    expect(openingWithPoint(act, '5.1.')).toContain('5.1. punktu, kurā noteikts')
    expect(openingWithPoint(act, '5. un 6.')).toContain('5. un 6. punktu, kuros noteikts')
    expect(openingWithPoint(act, '3., 5. un 7.')).toContain('3., 5. un 7. punktu, kuros noteikts')
  })

  it('changes the opening only where the plan has an approving act and a point is set', () => {
    const preview = { opening: 'Bez punkta.', openingAct: act }
    expect(reportOpening(preview, { reportingPoint: '5.' })).toBe(openingWithPoint(act, '5.'))
    expect(reportOpening(preview, {})).toBe('Bez punkta.')
    expect(reportOpening(preview, { reportingPoint: '  ' })).toBe('Bez punkta.')
    expect(reportOpening({ opening: 'Bez akta.', openingAct: null }, { reportingPoint: '5.' })).toBe('Bez akta.')
  })
})
