// The session store restores a session from /api/auth/session once, treats `user: null` as "not logged in",
// keeps the abilities the server sent with the session, and hands the CSRF token to the API service.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from './session'
import { useMeasuresStore } from './measures'
import { ErrorCode, Role, type SessionInfo, type User, type UserAbilities } from '@apt/shared'
import { http, setCsrfToken } from '../services/api'

const USER: User = {
  id: 3,
  email: 'zinotajs@vpd.demo.lv',
  name: 'Vija Probācija',
  role: Role.reporter,
  institution: 'VPD',
  institutionName: 'Valsts probācijas dienests',
  active: true,
  mustChangePassword: false,
  lastLoginAt: null,
  passwordSignIn: true,
  ssoProviders: [],
  version: 1,
}

/** What the server sends a reporter: its own work, nothing to administer, review or read. */
const ABILITIES: UserAbilities = {
  administer: false,
  manageUsers: false,
  manageInstitutions: false,
  importPlans: false,
  manageRounds: false,
  manageSurveys: false,
  review: false,
  fileProgress: true,
  readReport: false,
  readAudit: false,
}
const sessionInfo = (user: User = USER): SessionInfo => ({ user, csrfToken: 'csrf-1', abilities: ABILITIES })

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

describe('session store', () => {
  it('restores a session once and sends its CSRF token afterwards', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      url === '/api/auth/session' ? json(200, sessionInfo()) : json(200, {}),
    )
    vi.stubGlobal('fetch', fetch)
    const session = useSessionStore()
    await Promise.all([session.restore(), session.restore()])
    await session.restore()
    expect(fetch.mock.calls.filter(([url]) => url.startsWith('/api/auth/'))).toHaveLength(1)
    expect(session.status).toBe('authenticated')
    expect(session.user?.name).toBe(USER.name)
    expect(session.abilities).toEqual(ABILITIES)

    await http.post('/api/submissions/1/submit', { version: 1 })
    const init = fetch.mock.calls.at(-1)![1]!
    expect((init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-1')
  })

  it('treats no user as logged out and keeps failures visible', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, { user: null, csrfToken: null, abilities: ABILITIES })),
    )
    const session = useSessionStore()
    await session.restore()
    expect(session.status).toBe('anonymous')
    expect(session.abilities.fileProgress).toBe(false)

    setActivePinia(createPinia())
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(500, { statusCode: 500, error: 'Internal Server Error', message: 'x', code: ErrorCode.internal })),
    )
    await expect(useSessionStore().restore()).rejects.toMatchObject({ code: ErrorCode.internal })
  })

  it('knows when the one-time password must be changed', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, sessionInfo({ ...USER, mustChangePassword: true }))),
    )
    const session = useSessionStore()
    await session.login(USER.email, 'one-time')
    expect(session.mustChangePassword).toBe(true)
  })

  it('forgets the user’s data when the session ends: the next person never sees the last one’s rows', async () => {
    const row = { id: 7, number: '1.1', title: 'Pasākums', status: 'partial' }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/plans/1/measures'))
          return new Response(JSON.stringify([row]), { status: 200, headers: { 'content-type': 'application/json', 'x-total-count': '1' } })
        return json(200, url === '/api/auth/logout' ? {} : sessionInfo())
      }),
    )
    const session = useSessionStore()
    await session.login(USER.email, 'parole')
    const measures = useMeasuresStore()
    await measures.loadTable(1, { query: {}, page: 1 })
    expect(measures.table?.rows).toHaveLength(1)
    await session.logout()
    expect(measures.table).toBeNull()
    expect(session.user).toBeNull()
  })
})
