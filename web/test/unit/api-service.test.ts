// The API service: CSRF header on unsafe requests, typed errors from the API's error bodies.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ClientErrorCode, ErrorCode } from '@apt/shared'
import { ApiError, errorFromBody, http, setCsrfToken } from '../../src/services/api'

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

function stubFetch(status: number, body: unknown) {
  const fetch = vi.fn(
    async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  )
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('api service', () => {
  it('sends the CSRF token on unsafe requests only', async () => {
    setCsrfToken('token-1')
    const fetch = stubFetch(200, { ok: true })
    await http.get('/api/plans')
    await http.patch('/api/measures/1', { version: 1 })
    const headers = (call: number) => (fetch.mock.calls[call] as unknown as [string, RequestInit])[1].headers as Record<string, string>
    expect(headers(0)['x-csrf-token']).toBeUndefined()
    expect(headers(1)['x-csrf-token']).toBe('token-1')
  })

  it('drops empty query parameters', async () => {
    const fetch = stubFetch(200, [])
    await http.get('/api/plans/1/measures', { status: 'done', q: '', institution: undefined })
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/plans/1/measures?status=done')
  })

  it('throws an ApiError with the code, field errors and request id', async () => {
    stubFetch(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'stale',
      code: ErrorCode.versionConflict,
      requestId: 'r1',
      errors: [{ path: '/version', message: 'stale' }],
    })
    const error = await http.patch('/api/measures/1', { version: 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 409,
      code: ErrorCode.versionConflict,
      requestId: 'r1',
      errors: [{ path: '/version', message: 'stale' }],
    })
  })

  it('maps a network failure and a body without a code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    )
    expect(await http.get('/api/plans').catch((e: unknown) => (e as ApiError).code)).toBe(ClientErrorCode.network)
    expect(errorFromBody(502, 'Bad gateway').code).toBe(ErrorCode.internal)
    expect(errorFromBody(404, undefined).code).toBe(ErrorCode.notFound)
    expect(errorFromBody(403, '').code).toBe(ErrorCode.forbidden)
    expect(errorFromBody(418, '').code).toBe(ClientErrorCode.badResponse)
  })
})
