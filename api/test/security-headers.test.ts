// The security headers, worked out once at start (plugins/external/security-headers.ts): every answer
// carries helmet's whole set with our content security policy — an API answer, an error, a public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { securityHeaders } from '../src/plugins/external/security-headers.js'
import { startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('security headers', () => {
  it('are helmet’s own, computed once', () => {
    const headers = securityHeaders({ contentSecurityPolicy: { directives: { 'default-src': ["'self'"] } } })
    expect(headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    })
  })

  it('are on every answer: data, errors and a public page', async () => {
    const answers = await Promise.all([
      t.http.get('/api/health'),
      t.http.get('/api/plans'),
      t.http.get('/api/no-such-route'),
      t.http.get('/p/NO-SUCH-PLAN'),
    ])
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 404])
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
      expect(res.headers['content-security-policy']).toContain("img-src 'self' data: blob:")
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(res.headers['strict-transport-security']).toContain('max-age=')
    }
  })
})
