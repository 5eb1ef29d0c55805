import { describe, expect, it } from 'vitest'
import { BUDGET_SOURCES, BUDGET_SOURCE_LABELS, MEASURE_STATUSES, MEASURE_STATUS_LABELS, ROLES, ROLE_LABELS } from '../src/index.js'

describe('labels', () => {
  it.each(['lv', 'en'] as const)('every status, role and budget source has a %s label', (lang) => {
    for (const s of MEASURE_STATUSES) expect(MEASURE_STATUS_LABELS[lang][s]).toBeTruthy()
    for (const r of ROLES) expect(ROLE_LABELS[lang][r]).toBeTruthy()
    for (const b of BUDGET_SOURCES) expect(BUDGET_SOURCE_LABELS[lang][b]).toBeTruthy()
  })

  it('uses the report’s Latvian status words', () => {
    expect(MEASURE_STATUS_LABELS.lv).toMatchObject({ done: 'Izpildīts', partial: 'Daļēji izpildīts', not_done: 'Nav izpildīts' })
  })
})
