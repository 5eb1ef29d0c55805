import { describe, expect, it } from 'vitest'
import type { ProgressEntry } from '@apt/shared'
import { diffText, sideOf } from '../../src/utils/text-diff'
import { lastPeriodEntry } from '../../src/utils/last-period'

describe('diffText', () => {
  it('marks an added word and keeps the rest', () => {
    expect(diffText('VP veica pārbaudes skolās.', 'VP veica pārbaudes 42 skolās.')).toEqual([
      { kind: 'same', text: 'VP veica pārbaudes ' },
      { kind: 'added', text: '42 ' },
      { kind: 'same', text: 'skolās.' },
    ])
  })

  it('reads a replaced phrase as one deleted and one added run', () => {
    const runs = diffText('Notika divas mācības reģionos.', 'Notika trīs apmācības Rīgā.')
    expect(runs).toEqual([
      { kind: 'same', text: 'Notika ' },
      { kind: 'deleted', text: 'divas mācības reģionos' },
      { kind: 'added', text: 'trīs apmācības Rīgā' },
      { kind: 'same', text: '.' },
    ])
  })

  it('does not split a rewritten sentence on a full stop or a short word they share', () => {
    expect(diffText('Daļa mācību pārcelta uz 2026. gadu.', 'Visas mācības notikušas.')).toEqual([
      { kind: 'deleted', text: 'Daļa mācību pārcelta uz 2026. gadu.' },
      { kind: 'added', text: 'Visas mācības notikušas.' },
    ])
  })

  it('gives back both versions exactly, line breaks included', () => {
    const before = 'Pirmā rindkopa.\n\n- viens\n- divi\n'
    const after = 'Pirmā rindkopa, papildināta.\n\n- viens\n- trīs\n- četri'
    const runs = diffText(before, after)
    expect(sideOf(runs, 'before')).toBe(before)
    expect(sideOf(runs, 'after')).toBe(after)
    expect(runs.some((r) => r.kind === 'same' && r.text.includes('viens'))).toBe(true)
  })

  it('is one kept run for equal texts and one added run from nothing', () => {
    expect(diffText('Teksts.', 'Teksts.')).toEqual([{ kind: 'same', text: 'Teksts.' }])
    expect(diffText('', '')).toEqual([])
    expect(diffText('', 'Jauns.')).toEqual([{ kind: 'added', text: 'Jauns.' }])
    expect(diffText('Vecs.', '')).toEqual([{ kind: 'deleted', text: 'Vecs.' }])
  })
})

describe('lastPeriodEntry', () => {
  const entry = (
    id: number,
    institution: string,
    period: string | null,
    text: string,
    submissionId: number | null = null,
  ): ProgressEntry => ({
    id,
    institution,
    period,
    text,
    submissionId,
  })

  it('takes the institution’s latest entry, not another institution’s', () => {
    const progress = [entry(1, 'VP', '2023', 'VP 2023'), entry(2, 'VP', '2024', 'VP 2024'), entry(3, 'VPD', '2024', 'VPD 2024')]
    expect(lastPeriodEntry(progress, 'VP', 99)?.text).toBe('VP 2024')
    expect(lastPeriodEntry(progress, 'VPD', 99)?.text).toBe('VPD 2024')
    expect(lastPeriodEntry(progress, 'IeM', 99)).toBeNull()
  })

  it('leaves out what this submission wrote when accepted, and blank entries', () => {
    const progress = [entry(1, 'VP', '2023-2024', 'Iepriekš'), entry(2, 'VP', null, '  '), entry(3, 'VP', '2025', 'Šis', 7)]
    expect(lastPeriodEntry(progress, 'VP', 7)?.text).toBe('Iepriekš')
    expect(lastPeriodEntry(progress, 'VP', 8)?.text).toBe('Šis')
  })
})
