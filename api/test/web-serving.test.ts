import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'apt-web-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>SPA</title><div id="app"></div>')
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)')
  t = await startTestApp({ WEB_DIST: dist })
})
afterAll(() => t.close())

describe('serving the web app on the API’s port', () => {
  it('serves index.html for the root and for client-side routes', async () => {
    for (const path of ['/', '/plans/1/measures?status=done', '/not/a/page']) {
      const res = await t.http.get(path)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.text).toContain('<div id="app">')
    }
  })

  it('serves static assets and keeps unknown API paths as JSON 404s', async () => {
    const asset = await t.http.get('/assets/app.js')
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toMatch(/javascript/)
    const api = await t.http.get('/api/unknown')
    expect(api.status).toBe(404)
    expect(api.body.code).toBe('NOT_FOUND')
  })
})
