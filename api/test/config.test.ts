// TRUST_PROXY: a hop count or the proxies' addresses, never "any"; a bad value stops the start with one clear line.
// DEMO_DATA: set explicitly it is obeyed on either database; unset, demo data only on the embedded one.
import { describe, expect, it } from 'vitest'
import { loadConfig, parseTrustProxy, wantsDemoData } from '../src/config.js'
import { testConfig } from './helpers/config.js'

describe('TRUST_PROXY', () => {
  it('is off when unset, false or 0', () => {
    expect(testConfig().TRUST_PROXY).toBe(false)
    for (const value of ['false', 'FALSE', '0', '']) expect(parseTrustProxy(value)).toBe(false)
  })

  it('takes a hop count', () => {
    expect(testConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(parseTrustProxy('2')).toBe(2)
    expect(() => parseTrustProxy('99')).toThrow(/1 to 10/)
  })

  it('takes proxy addresses and ranges, comma-separated', () => {
    expect(parseTrustProxy('10.0.0.5, 10.0.1.0/24,::1,fd00::/8,loopback,192.168.0.0/255.255.0.0')).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
      'fd00::/8',
      'loopback',
      '192.168.0.0/255.255.0.0',
    ])
  })

  it('refuses "any" and anything it cannot read, naming the setting', () => {
    for (const value of ['true', 'TRUE', '*'])
      expect(() => testConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY=.* would trust any X-Forwarded-For.*TRUST_PROXY=1/)
    for (const value of ['proxy.example.lv', '10.0.0.0/33', '10.0.0.1,,', '-1', '1.5', 'yes'])
      expect(() => parseTrustProxy(value)).toThrow(/^TRUST_PROXY must be a number of proxies/)
  })
})

describe('DEMO_DATA', () => {
  const config = (env: Record<string, string>) => loadConfig(env)

  it('unset: demo data on the embedded database only', () => {
    expect(wantsDemoData(config({}))).toBe(true)
    expect(wantsDemoData(config({ DATABASE_URL: 'postgres://db.example.lv/apt' }))).toBe(false)
  })

  it('set explicitly: as it says, on either database', () => {
    expect(wantsDemoData(config({ DEMO_DATA: 'true', DATABASE_URL: 'postgres://db.example.lv/apt' }))).toBe(true)
    expect(wantsDemoData(config({ DEMO_DATA: 'false' }))).toBe(false)
    expect(wantsDemoData(config({ DEMO_DATA: 'false', DATABASE_URL: 'postgres://db.example.lv/apt' }))).toBe(false)
  })
})
