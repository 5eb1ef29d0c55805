// A plan's measure list in pages and in the table's compact field set: the same measures in the same
// order as the whole list, `X-Total-Count` counting every match (declared in the OpenAPI document),
// bad paging a 400; each view's rows written by one compiled object serialiser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MeasureListItemSchema } from '@apt/shared'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let viewer: Client
let planId: number

const TABLE_FIELDS = [
  'actionLine',
  'deadline',
  'excluded',
  'id',
  'involved',
  'number',
  'planId',
  'responsible',
  'sector',
  'sourceRef',
  'status',
  'title',
]

beforeAll(async () => {
  t = await startTestApp()
  viewer = await t.login(DEMO.viewer)
  planId = await t.demoPlanId()
})

afterAll(async () => {
  await t?.close()
})

describe('the measure list', () => {
  it('without paging lists every measure and counts them in X-Total-Count', async () => {
    const res = await viewer.get(`/api/plans/${planId}/measures`)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(30)
    expect(res.headers['x-total-count']).toBe('30')
  })

  it('in pages: the whole list’s rows in its order, the total counting every match', async () => {
    const all = (await viewer.get(`/api/plans/${planId}/measures?sort=deadline`)).body as { id: number }[]
    const pages: { id: number }[] = []
    for (let offset = 0; offset < 30; offset += 8) {
      const res = await viewer.get(`/api/plans/${planId}/measures?sort=deadline&limit=8&offset=${offset}`)
      expect(res.status).toBe(200)
      expect(res.headers['x-total-count']).toBe('30')
      expect(res.body.length).toBe(Math.min(8, 30 - offset))
      pages.push(...res.body)
    }
    expect(pages).toEqual(all)

    const allDone = (await viewer.get(`/api/plans/${planId}/measures?status=done`)).body as { id: number }[]
    expect(allDone.length).toBeGreaterThan(5)
    const done = await viewer.get(`/api/plans/${planId}/measures?status=done&limit=5`)
    expect(done.body).toEqual(allDone.slice(0, 5))
    expect(done.headers['x-total-count']).toBe(String(allDone.length))

    const past = await viewer.get(`/api/plans/${planId}/measures?status=done&limit=5&offset=40`)
    expect(past.status).toBe(200)
    expect(past.body).toEqual([])
    expect(past.headers['x-total-count']).toBe(String(allDone.length))

    const none = await viewer.get(`/api/plans/${planId}/measures?institution=NOPE`)
    expect(none.body).toEqual([])
    expect(none.headers['x-total-count']).toBe('0')
  })

  it('view=table gives the table’s fields only, the same values as the full items', async () => {
    const full = (await viewer.get(`/api/plans/${planId}/measures?institution=TM`)).body as Record<string, unknown>[]
    const table = await viewer.get(`/api/plans/${planId}/measures?institution=TM&view=table`)
    expect(table.status).toBe(200)
    expect(table.body.length).toBe(full.length)
    expect(table.body.length).toBeGreaterThan(0)
    for (const [i, item] of (table.body as Record<string, unknown>[]).entries()) {
      expect(Object.keys(item).sort()).toEqual(TABLE_FIELDS)
      expect(item).toEqual(Object.fromEntries(TABLE_FIELDS.map((key) => [key, full[i]![key]])))
    }
    const numbers = (list: { number: string }[]) => list.map((m) => m.number)
    const all = (await viewer.get(`/api/plans/${planId}/measures`)).body
    const page = await viewer.get(`/api/plans/${planId}/measures?view=table&limit=3&offset=3`)
    expect(numbers(page.body)).toEqual(numbers(all).slice(3, 6))
    expect(page.headers['x-total-count']).toBe('30')
  })

  it('writes every field of the full item, and declares X-Total-Count; one row schema for both views, no union', async () => {
    const full = (await viewer.get(`/api/plans/${planId}/measures`)).body as Record<string, unknown>[]
    for (const item of full) expect(Object.keys(item).sort()).toEqual(Object.keys(MeasureListItemSchema.properties).sort())

    await t.app.ready()
    type Response = { headers?: Record<string, { schema: { type: string } }>; content: Record<string, { schema: Record<string, unknown> }> }
    const document = t.app.swagger() as { paths: Record<string, { get: { responses: Record<string, Response> } }> }
    const ok = document.paths['/api/plans/{id}/measures']!.get.responses['200']!
    expect(ok.headers?.['x-total-count']?.schema.type).toBe('integer')
    // A union (anyOf) makes fast-json-stringify validate each row to choose its schema.
    const row = ok.content['application/json']!.schema.items as Record<string, unknown>
    expect(row.type).toBe('object')
    expect(JSON.stringify(ok.content)).not.toContain('anyOf')
  })

  it('answers 400 for a bad page or view', async () => {
    for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'limit=x', 'view=compact']) {
      const res = await viewer.get(`/api/plans/${planId}/measures?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.errors.length, query).toBeGreaterThan(0)
    }
  })
})
