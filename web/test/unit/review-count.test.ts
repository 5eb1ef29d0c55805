// The menu's count of what waits for review: the count-only read (GET /api/my/review/count), shared
// while under way or fresh, or the total of a queue the review list has just read; another user's
// count is never shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { Role } from '@apt/shared'
import { useReviewStore } from '../../src/stores/review'
import { useSessionStore } from '../../src/stores/session'

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const session = (id: number) => ({
  user: {
    id,
    email: `u${id}@tm.demo.lv`,
    name: `Lietotājs ${id}`,
    role: Role.ministryCoordinator,
    institution: 'TM',
    mustChangePassword: false,
  },
  csrfToken: 'c',
  abilities: { review: true, fileProgress: true, readReport: true },
})
const QUEUE = { total: 2, rounds: [{ id: 1, planId: 1, planCode: 'P', title: 'Kārta', count: 2 }], items: [] }

let user = 1
const fetch = vi.fn(async (url: string) =>
  url === '/api/auth/login' ? json(session(user)) : url === '/api/my/review/count' ? json({ count: 3 }) : json(QUEUE),
)
const calls = (path: string) => fetch.mock.calls.filter(([url]) => url === path).length

beforeEach(async () => {
  setActivePinia(createPinia())
  fetch.mockClear()
  vi.stubGlobal('fetch', fetch)
  user = 1
  await useSessionStore().login('u1@tm.demo.lv', 'x')
})
afterEach(() => vi.unstubAllGlobals())

describe('review count', () => {
  it('counts with the count-only read, shares a fresh count, and takes the total of a queue just read', async () => {
    const review = useReviewStore()
    expect(review.count).toBeNull()
    await Promise.all([review.loadCount(60_000), review.loadCount(60_000)])
    expect([calls('/api/my/review/count'), calls('/api/my/review')]).toEqual([1, 0])
    expect(review.count).toBe(3)
    await review.loadCount(60_000)
    expect(calls('/api/my/review/count')).toBe(1)
    await review.load()
    expect(review.count).toBe(2)
    await review.loadCount(60_000)
    expect([calls('/api/my/review/count'), calls('/api/my/review')]).toEqual([1, 1])
    await review.loadCount()
    expect(calls('/api/my/review/count')).toBe(2)
  })

  it('waits for a queue read under way instead of counting', async () => {
    const review = useReviewStore()
    const [, count] = await Promise.all([review.load(), review.loadCount(60_000)])
    expect(count).toBe(2)
    expect([calls('/api/my/review/count'), calls('/api/my/review')]).toEqual([0, 1])
  })

  it('never shows the count read for another user', async () => {
    const review = useReviewStore()
    await review.loadCount()
    user = 2
    await useSessionStore().login('u2@tm.demo.lv', 'x')
    expect(review.count).toBeNull()
    await review.loadCount(60_000)
    expect(calls('/api/my/review/count')).toBe(2)
    expect(review.count).toBe(3)
  })
})
