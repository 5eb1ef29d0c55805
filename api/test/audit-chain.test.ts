// The audit log's hash chain (migration 0004), on whichever engine the suite runs: the database links
// every row to the one before it, GET /api/audit/verify recomputes the chain and names the first row
// that does not fit, and the periodic check logs the head as an anchor and an error for a broken chain.
import { createHash } from 'node:crypto'
import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { checkAuditChain } from '../src/plugins/app/audit/audit-check.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let admin: Client
beforeAll(async () => {
  t = await startTestApp()
  admin = await t.login(DEMO.admin)
})
afterAll(() => t.close())

async function query<T>(statement: SQL): Promise<T[]> {
  return ((await t.app.db.execute(statement)) as unknown as { rows: T[] }).rows
}

interface ChainRow {
  id: string
  prev_hash: string
  hash: string
  content: string
  computed: string
}
const chain = () =>
  query<ChainRow>(
    sql`select id::text, prev_hash, hash, audit_log_content(a) as content, audit_log_hash(a) as computed from audit_log a order by a.id`,
  )

/** Runs a change on audit_log as the database's superuser would: with the append-only trigger lifted. */
async function asOwner(statement: SQL) {
  await t.app.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
    await tx.execute(statement)
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
  })
}

/** GET /api/audit/verify, checked against the same check in pages of 1 and 3 rows (every page boundary a link to check). */
const verify = async () => {
  const res = await admin.get('/api/audit/verify')
  expect(res.status).toBe(200)
  expect(await t.app.auditLog.verify(1)).toEqual(res.body)
  expect(await t.app.auditLog.verify(3)).toEqual(res.body)
  return res.body as {
    ok: boolean
    rows: number
    head: { id: number; hash: string } | null
    firstBroken: { id: number; reason: string } | null
  }
}

describe('the audit log’s hash chain', () => {
  it('links every row to the one before it, in id order, after real changes', async () => {
    const created = await admin.post('/api/users', { email: 'kede@vp.demo.lv', name: 'Ķēde', institution: 'VP', role: 'viewer' })
    expect(created.status).toBe(201)
    await admin.patch(`/api/users/${created.body.user.id}`, { version: created.body.user.version, name: 'Ķēde Otrā' })
    const coordinator = await t.login(DEMO.planCoordinator)
    const m = (await coordinator.get(`/api/plans/${await t.demoPlanId()}/measures`)).body[0]
    expect((await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, assessment: 'Ar ķēdi' })).status).toBe(200)

    const rows = await chain()
    expect(rows.length).toBeGreaterThan(10)
    expect(rows[0]!.prev_hash).toBe('')
    rows.forEach((row, i) => {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
      expect(row.computed).toBe(row.hash)
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash)
      // sha256 of the rendered content, as any other tool would compute it.
      expect(createHash('sha256').update(row.content, 'utf8').digest('hex')).toBe(row.hash)
    })

    const result = await verify()
    const last = rows.at(-1)!
    expect(result).toEqual({ ok: true, rows: rows.length, head: { id: Number(last.id), hash: last.hash }, firstBroken: null })
  })

  it('renders a row unambiguously: NULL is not the empty string, quotes cannot shift a value into the next', async () => {
    const content = async (row: object) =>
      (
        await query<{ content: string }>(
          sql`select audit_log_content(jsonb_populate_record(null::audit_log, ${JSON.stringify(row)}::jsonb)) as content`,
        )
      )[0]!.content
    const base = { id: 1, at: '2024-01-01T00:00:00Z', action: 'a', entity_type: 'e', prev_hash: '' }
    expect(await content({ ...base, reason: null })).not.toBe(await content({ ...base, reason: '' }))
    expect(await content({ ...base, actor_label: "x','y" })).not.toBe(await content({ ...base, actor_label: 'x', action: "y','a" }))
    expect(await content({ ...base, reason: 'a\\b' })).not.toBe(await content({ ...base, reason: 'a\\\\b' }))
    // The time in UTC with microseconds, whatever the session's time zone.
    expect(await content({ ...base, at: '2024-01-01T02:00:00.123456+02:00' })).toContain("'2024-01-01T00:00:00.123456Z'")
  })

  it('ignores hashes an insert sends and keeps the chain under 20 concurrent writers', async () => {
    await t.app.db.execute(sql`insert into audit_log (action, entity_type, prev_hash, hash) values ('forged.insert', 'test', 'x', 'y')`)
    const [sent] = await query<{ prev_hash: string; hash: string }>(
      sql`select prev_hash, hash from audit_log where action = 'forged.insert'`,
    )
    expect(sent!.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(sent!.prev_hash).not.toBe('x')

    const measures = (await admin.get(`/api/plans/${await t.demoPlanId()}/measures`)).body as { id: number; version: number }[]
    const writes = await Promise.all([
      ...measures.slice(0, 10).map((m, i) => admin.patch(`/api/measures/${m.id}`, { version: m.version, assessment: `Vienlaikus ${i}` })),
      ...Array.from({ length: 10 }, (_, i) =>
        admin.post('/api/institutions', { code: `PAR${i}`, name: `Paralēlā iestāde ${i}`, kind: 'other' }),
      ),
    ])
    expect(writes.map((r) => r.status)).toEqual([...Array(10).fill(200), ...Array(10).fill(201)])

    const rows = await chain()
    rows.forEach((row, i) => {
      expect(row.computed).toBe(row.hash)
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]!.hash)
    })
    expect((await verify()).ok).toBe(true)
  })

  it('names a row whose content was changed, then the row after a removed one', async () => {
    const rows = await chain()
    const forged = rows[Math.floor(rows.length / 2)]!
    const [original] = await query<{ reason: string | null }>(sql`select reason from audit_log where id = ${forged.id}::bigint`)
    await asOwner(sql`update audit_log set reason = 'Pārrakstīts' where id = ${forged.id}::bigint`)
    const broken = await verify()
    expect(broken).toMatchObject({ ok: false, rows: rows.length, firstBroken: { id: Number(forged.id), reason: 'content' } })
    expect(broken.head).toEqual({ id: Number(rows.at(-1)!.id), hash: rows.at(-1)!.hash })

    // The forger recomputes the row's own hash: now the next row no longer links to it.
    await asOwner(sql`update audit_log set hash = audit_log_hash(audit_log) where id = ${forged.id}::bigint`)
    const next = rows[rows.indexOf(forged) + 1]!
    expect((await verify()).firstBroken).toEqual({ id: Number(next.id), reason: 'link' })

    // Put back as it was: the chain holds again.
    await asOwner(sql`update audit_log set reason = ${original!.reason}, hash = ${forged.hash} where id = ${forged.id}::bigint`)
    expect((await verify()).ok).toBe(true)

    // A row removed from the middle: the row after it names the gap.
    const removed = rows[3]!
    await asOwner(sql`delete from audit_log where id = ${removed.id}::bigint`)
    expect(await verify()).toMatchObject({ ok: false, rows: rows.length - 1, firstBroken: { id: Number(rows[4]!.id), reason: 'link' } })
  })

  it('the periodic check logs the head at info, an error for a broken chain and for a head rewritten since the last check', async () => {
    const info = vi.spyOn(t.app.log, 'info')
    const error = vi.spyOn(t.app.log, 'error')
    const head = await checkAuditChain(t.app, null)
    const rows = await chain()
    expect(head).toEqual({ id: Number(rows.at(-1)!.id), hash: rows.at(-1)!.hash })
    expect(info).toHaveBeenCalledWith({ audit: { ok: false, rows: rows.length, head } }, 'audit log: hash chain checked')
    // The row removed in the test before.
    expect(error).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(`broken at row ${rows[3]!.id} \\(it does not follow`))

    // Someone with the owner's rights rewrites the whole chain, every hash recomputed: the chain
    // verifies, but the head logged at the last check no longer has its hash.
    await asOwner(sql`update audit_log set reason = 'Viss pārrakstīts' where id = ${rows[3]!.id}::bigint`)
    await asOwner(sql`
      do $$
      declare r audit_log; previous text := '';
      begin
        for r in select * from audit_log order by id loop
          r.prev_hash := previous;
          previous := audit_log_hash(r);
          update audit_log set prev_hash = r.prev_hash, hash = previous where id = r.id;
        end loop;
      end $$`)
    expect((await verify()).ok).toBe(true)
    error.mockClear()
    await checkAuditChain(t.app, head)
    expect(error).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalledWith(
      { audit: { previousHead: head, hashNow: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      `audit log: row ${head!.id}, the head at the last check, has another hash now: the chain was rewritten`,
    )
    info.mockRestore()
    error.mockRestore()
  })
})
