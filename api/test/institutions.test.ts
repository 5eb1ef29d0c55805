import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let admin: Client
beforeAll(async () => {
  t = await startTestApp()
  admin = await t.login(DEMO.admin)
})
afterAll(() => t.close())

const byCode = async (code: string) => (await admin.get('/api/institutions')).body.find((i: { code: string }) => i.code === code)

describe('institutions', () => {
  it('lists the tree with parents and sectors', async () => {
    const res = await admin.get('/api/institutions')
    expect(res.status).toBe(200)
    expect(res.body.find((i: { code: string }) => i.code === 'VPD')).toMatchObject({
      parent: 'TM',
      sector: 'TM',
      kind: 'agency',
      name: 'Valsts probācijas dienests',
    })
    expect(res.body.find((i: { code: string }) => i.code === 'LIA')).toMatchObject({ parent: null, sector: 'LIA' })
  })

  it('creates one, refusing a duplicate code and an unknown parent', async () => {
    const created = await admin.post('/api/institutions', { code: 'RD', name: 'Rīgas dome', kind: 'municipality' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ code: 'RD', parent: null, sector: 'RD', version: 1 })
    expect((await admin.post('/api/institutions', { code: 'RD', name: 'Cita', kind: 'municipality' })).status).toBe(409)
    const orphan = await admin.post('/api/institutions', { code: 'XX', name: 'X', kind: 'agency', parent: 'NOPE' })
    expect(orphan.status).toBe(422)
    expect((await admin.post('/api/institutions', { code: '', name: 'X', kind: 'bank' })).status).toBe(400)
  })

  it('renames and moves with the version last read, 409 when stale', async () => {
    const vrs = await byCode('VRS')
    const moved = await admin.patch(`/api/institutions/${vrs.id}`, { version: vrs.version, name: 'Valsts robežsardze (VRS)', parent: 'TM' })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ name: 'Valsts robežsardze (VRS)', parent: 'TM', sector: 'TM', version: vrs.version + 1 })
    const stale = await admin.patch(`/api/institutions/${vrs.id}`, { version: vrs.version, name: 'Stale' })
    expect(stale.status).toBe(409)
    expect((await byCode('VRS')).name).toBe('Valsts robežsardze (VRS)')
  })

  it('refuses to place an institution under itself or its own agency', async () => {
    const tm = await byCode('TM')
    const underOwnAgency = await admin.patch(`/api/institutions/${tm.id}`, { version: tm.version, parent: 'VPD' })
    expect(underOwnAgency.status).toBe(422)
    const underItself = await admin.patch(`/api/institutions/${tm.id}`, { version: tm.version, parent: 'TM' })
    expect(underItself.status).toBe(422)
    expect((await byCode('TM')).parent).toBeNull()
  })

  it('shows each institution’s official abbreviation: the code for most, none for the municipalities together', async () => {
    const res = await admin.get('/api/institutions')
    const abbreviation = (code: string) => res.body.find((i: { code: string }) => i.code === code).abbreviation
    expect(abbreviation('VP')).toBe('VP')
    expect(abbreviation('IeM')).toBe('IeM')
    expect(abbreviation('PASV')).toBeNull()
    for (const municipality of res.body.filter((i: { kind: string }) => i.kind === 'municipality'))
      expect(municipality.abbreviation).toBeNull()
  })

  it('creates with the abbreviation given, else the code (none for a municipality), and changes it', async () => {
    const agency = await admin.post('/api/institutions', { code: 'AG1', name: 'Aģentūra', kind: 'agency', parent: 'IeM' })
    expect(agency.body).toMatchObject({ code: 'AG1', abbreviation: 'AG1' })
    const municipality = await admin.post('/api/institutions', { code: 'MUN1', name: 'Novada pašvaldība', kind: 'municipality' })
    expect(municipality.body).toMatchObject({ code: 'MUN1', abbreviation: null })
    const stated = await admin.post('/api/institutions', { code: 'AG2', name: 'Cita aģentūra', kind: 'agency', abbreviation: 'CA' })
    expect(stated.body).toMatchObject({ code: 'AG2', abbreviation: 'CA' })
    const none = await admin.post('/api/institutions', { code: 'AG3', name: 'Trešā', kind: 'other', abbreviation: null })
    expect(none.body).toMatchObject({ abbreviation: null })
    for (const abbreviation of ['', ' VP', 'X'.repeat(31), 7]) {
      expect((await admin.post('/api/institutions', { code: 'AG4', name: 'X', kind: 'agency', abbreviation })).status).toBe(400)
    }

    const changed = await admin.patch(`/api/institutions/${agency.body.id}`, { version: agency.body.version, abbreviation: 'AĢ' })
    expect(changed.body).toMatchObject({ abbreviation: 'AĢ', name: 'Aģentūra', version: agency.body.version + 1 })
    const cleared = await admin.patch(`/api/institutions/${agency.body.id}`, { version: changed.body.version, abbreviation: null })
    expect(cleared.body).toMatchObject({ abbreviation: null })
    // A change of name alone leaves it.
    const renamed = await admin.patch(`/api/institutions/${stated.body.id}`, { version: stated.body.version, name: 'Pārdēvēta' })
    expect(renamed.body).toMatchObject({ abbreviation: 'CA' })
    expect((await admin.patch(`/api/institutions/${stated.body.id}`, { version: renamed.body.version, abbreviation: '' })).status).toBe(400)
  })

  it('is changed by admins only', async () => {
    const coordinator = await t.login(DEMO.planCoordinator)
    const vp = await byCode('VP')
    expect((await coordinator.patch(`/api/institutions/${vp.id}`, { version: vp.version, parent: 'TM' })).status).toBe(403)
    expect((await coordinator.post('/api/institutions', { code: 'ZZ', name: 'Z', kind: 'other' })).status).toBe(403)
  })
})
