// Single sign-on's configuration (issue 18): none means no providers; OIDC_* gives one; a providers
// file gives more, each checked at start with one clear sentence that never repeats a secret.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testConfig } from './helpers/config.js'

const SECRET = 'very-secret-value-0123456789'
const dir = mkdtempSync(join(tmpdir(), 'apt-oidc-config-'))
let files = 0
function providersFile(content: unknown): string {
  const file = join(dir, `providers-${++files}.json`)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}
const entry = (over: object = {}) => ({
  id: 'fm',
  label: 'Finanšu ministrija',
  issuer: 'https://login.fm.example/v2.0',
  clientId: 'c1',
  clientSecret: SECRET,
  ...over,
})

/** The start error for `env`, which must not contain the secret. */
function startError(env: Record<string, string>): string {
  try {
    testConfig(env)
  } catch (error) {
    const message = (error as Error).message
    expect(message).not.toContain(SECRET)
    return message
  }
  throw new Error('the configuration was accepted')
}

describe('single sign-on configuration', () => {
  it('without any, there are no providers', () => {
    expect(testConfig().OIDC_PROVIDERS).toEqual([])
  })

  it('OIDC_* gives one provider, id "oidc" and the default label unless set', () => {
    const [provider] = testConfig({
      OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      OIDC_CLIENT_ID: 'app',
      OIDC_CLIENT_SECRET: SECRET,
    }).OIDC_PROVIDERS
    expect(provider).toEqual({
      id: 'oidc',
      label: 'Ienākt ar iestādes kontu',
      issuer: 'https://login.example/tenant/v2.0',
      clientId: 'app',
      clientSecret: SECRET,
      trustEmail: false,
      autoAccounts: null,
    })
    expect(
      testConfig({
        OIDC_ISSUER: 'https://x.example',
        OIDC_CLIENT_ID: 'a',
        OIDC_CLIENT_SECRET: SECRET,
        OIDC_ID: 'vm',
        OIDC_LABEL: 'VM konts',
        OIDC_TRUST_EMAIL: 'true',
      }).OIDC_PROVIDERS[0],
    ).toMatchObject({ id: 'vm', label: 'VM konts', trustEmail: true })
  })

  it('refuses a half configuration, naming what is missing', () => {
    expect(startError({ OIDC_ISSUER: 'https://x.example', OIDC_CLIENT_SECRET: SECRET })).toBe(
      'Single sign-on needs OIDC_CLIENT_ID as well (set all three, or none)',
    )
  })

  it('refuses an http issuer other than this machine, and a bad id', () => {
    expect(startError({ OIDC_ISSUER: 'http://login.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: SECRET })).toMatch(
      /^OIDC_ISSUER must be an https URL/,
    )
    expect(
      testConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: SECRET }).OIDC_PROVIDERS,
    ).toHaveLength(1)
    expect(
      startError({ OIDC_ISSUER: 'https://x.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: SECRET, OIDC_ID: 'Has Spaces' }),
    ).toMatch(/^OIDC_ID must be/)
  })

  it('reads a providers file: secrets given or taken from the environment, automatic accounts', () => {
    const file = providersFile([
      entry(),
      entry({
        id: 'iem',
        clientSecret: undefined,
        clientSecretEnv: 'IEM_SECRET',
        autoAccounts: { enabled: true, role: 'reporter', institutionClaim: 'institution' },
      }),
      entry({ id: 'tm', autoAccounts: { enabled: false, role: 'viewer' } }),
    ])
    const providers = testConfig({ OIDC_PROVIDERS_FILE: file, IEM_SECRET: 'from-env-secret' }).OIDC_PROVIDERS
    expect(providers.map((p) => [p.id, p.clientSecret, p.autoAccounts])).toEqual([
      ['fm', SECRET, null],
      ['iem', 'from-env-secret', { enabled: true, role: 'reporter', institutionClaim: 'institution' }],
      ['tm', SECRET, null],
    ])
  })

  it('refuses a bad providers file with one sentence naming the file, the entry and the field', () => {
    const bad = (content: unknown, env: Record<string, string> = {}) => startError({ OIDC_PROVIDERS_FILE: providersFile(content), ...env })
    expect(bad('{not json')).toMatch(/^OIDC_PROVIDERS_FILE .*providers-\d+\.json cannot be read as JSON/)
    expect(bad({ id: 'x' })).toMatch(/must hold a JSON list of providers$/)
    expect(bad([entry(), entry({ label: '' })])).toMatch(/provider 2: \/label /)
    expect(bad([entry({ id: 'x', issuer: 'http://login.example' })])).toMatch(/provider 1: issuer must be an https URL/)
    expect(bad([entry({ clientSecretEnv: 'X' })])).toMatch(/give exactly one of clientSecret and clientSecretEnv/)
    expect(bad([entry({ clientSecret: undefined, clientSecretEnv: 'NOT_SET_ANYWHERE' })])).toMatch(/NOT_SET_ANYWHERE .* is not set/)
    expect(bad([entry({ autoAccounts: { enabled: true, role: 'reporter' } })])).toMatch(
      /exactly one of institutionClaim .* and institution/,
    )
    expect(bad([entry({ autoAccounts: { enabled: true, role: 'admin', institution: 'VPD' } })])).toMatch(/provider 1: \/autoAccounts\/role/)
    expect(bad([entry(), entry()])).toBe('Single sign-on provider id "fm" is configured twice')
  })
})
