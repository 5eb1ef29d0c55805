// The review queue is one request (GET /api/my/review), shared by the menu's count and the list:
// a read under way or just finished is reused, a forced read goes out, another user's queue is not shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ReviewQueue, SessionInfo, UserAbilities } from '@apt/shared'
import { Role } from '@apt/shared'
import { useReviewStore } from '../../src/stores/review'
import { useSessionStore } from '../../src/stores/session'

const ABILITIES: UserAbilities = {
  administer: false,
  manageUsers: false,
  manageInstitutions: false,
  importPlans: false,
  manageRounds: false,
  manageSurveys: false,
  review: true,
  fileProgress: true,
  readReport: true,
  readAudit: false,
}
const info = (id: number): SessionInfo => ({
  user: {
    id,
    email: `u${id}@tm.demo.lv`,
    name: `Lietotājs ${id}`,
    role: Role.ministryCoordinator,
    institution: 'TM',
    institutionName: 'Tieslietu ministrija',
    active: true,
    mustChangePassword: false,
    lastLoginAt: null,
    passwordSignIn: true,
    ssoProviders: [],
    version: 1,
  },
  csrfToken: 'c',
  abilities: ABILITIES,
})
const QUEUE: ReviewQueue = { total: 2, rounds: [{ id: 1, planId: 1, planCode: 'P', title: 'Kārta', count: 2 }], items: [] }

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

let user = 1
const fetch = vi.fn(async (url: string) => (url === '/api/auth/login' ? json(info(user)) : json(QUEUE)))
const reviewCalls = () => fetch.mock.calls.filter(([url]) => url === '/api/my/review').length

beforeEach(async () => {
  setActivePinia(createPinia())
  fetch.mockClear()
  vi.stubGlobal('fetch', fetch)
  user = 1
  await useSessionStore().login('u1@tm.demo.lv', 'x')
})
afterEach(() => vi.unstubAllGlobals())

describe('review store', () => {
  it('shares a read under way and a fresh one; a forced read goes out', async () => {
    const review = useReviewStore()
    await Promise.all([review.load(60_000), review.load(5_000)])
    await review.load(5_000)
    expect(reviewCalls()).toBe(1)
    expect(review.total).toBe(2)
    expect(review.queue?.rounds[0]?.count).toBe(2)
    await review.load()
    expect(reviewCalls()).toBe(2)
  })

  it('never shows the queue read for another user', async () => {
    const review = useReviewStore()
    await review.load()
    user = 2
    await useSessionStore().login('u2@tm.demo.lv', 'x')
    expect(review.queue).toBeNull()
    await review.load(60_000)
    expect(reviewCalls()).toBe(2)
    expect(review.total).toBe(2)
  })
})
