// The API under load: the built product (api/dist/server.js, in a process of its own) on PGlite and, when
// 127.0.0.1:5432 answers, on PostgreSQL (a fresh database, dropped after), with the demo plan and then a
// synthetic plan of 1,000 measures × 5 progress texts imported and a reporting round open on each. Every
// read route is driven by autocannon with 32 connections, and beside it a bare Fastify server
// (bare-server.ts, its own process) answers the same path with the very bytes the product sent: the
// ratio of the two is what the issue's targets are written in. Targets are checked and printed, never
// failed on. Needs `pnpm build` first (`pnpm bench` does).
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import { type CreateUser, MeasureQuerySchema, type PlanDocument, Role } from '@apt/shared'
import { syntheticPlan } from './synthetic-plan.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CONNECTIONS = 32
/** Seconds each measured run lasts (after a warm-up of its own); BENCH_SECONDS to change. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const WARMUP_SECONDS = 1
/** The large plan's size; BENCH_MEASURES for a quick try of the bench itself. */
const MEASURES = Number(process.env.BENCH_MEASURES ?? 1000)
const TEXTS = 5
/** Where to make the throwaway database; BENCH_POSTGRES_URL to point elsewhere. */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ADMIN = { email: 'admin@bench.lv', password: 'Slodzes-Mērījums-Admins-2026' }
const PASSWORD = 'Slodzes-Mērījums-Ķirsis-2026'
const COORDINATOR: CreateUser = {
  email: 'koordinators@bench.lv',
  name: 'Ilze Koordinatore',
  institution: 'IeM',
  role: Role.planCoordinator,
}
const REPORTER: CreateUser = { email: 'zinotajs@bench.lv', name: 'Pēteris Policists', institution: 'VP', role: Role.reporter }
/** Drafts the reporter writes in each round, so completeness and my work show more than "missing". */
const DRAFTS = 10
/** BENCH_ROUTES=health,summary (the keys below) and BENCH_ENGINES=PostgreSQL narrow a run to try one change. */
const ONLY_ROUTES = process.env.BENCH_ROUTES?.split(',')
const ONLY_ENGINES = process.env.BENCH_ENGINES?.split(',')

type Engine = 'PGlite' | 'PostgreSQL'
interface Load {
  rps: number
  p50: number
  p99: number
  /** Non-2xx answers, connection errors and timeouts. */
  errors: number
}
/** Which route a row is, for the targets. */
type Key = 'health' | 'summary' | 'list' | 'page' | 'detail' | 'work' | 'completeness'
interface Row {
  key: Key
  route: string
  plan: string
  engine: Engine
  bytes: number
  product: Load
  bare: Load
}
type Measured = Omit<Row, 'bare' | 'bytes'> & { path: string; body: Buffer; contentType: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Every server started here, so an interrupted run (Ctrl-C) leaves none behind. */
const children = new Set<ChildProcess>()
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const child of children) child.kill('SIGKILL')
    process.exit(130)
  })

function track(child: ChildProcess) {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(10_000)])
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

/**
 * The built server as it is deployed: default logging (info, to a discarded stdout), no demo data, the
 * first admin from the environment. Only the audit chain's periodic check and the notification loop are
 * off: they are not what is measured.
 */
async function startProduct(dataDir: string, databaseUrl?: string) {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    AUDIT_VERIFY_MINUTES: '0',
    NOTIFY_INTERVAL_SECONDS: '0',
  }
  delete env.DATABASE_URL
  delete env.MIGRATION_DATABASE_URL
  delete env.LOG_LEVEL
  delete env.WEB_DIST
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  const child = track(spawn(process.execPath, ['dist/server.js'], { cwd: join(ROOT, 'api'), env, stdio: ['ignore', 'ignore', 'inherit'] }))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`)
    if (
      await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return { base, stop: () => stopChild(child) }
    await sleep(250)
  }
  await stopChild(child)
  throw new Error('the API did not start in 60 s')
}

/** The bare baselines of one engine's routes: one process, each body under a prefix of its own. */
async function startBare(routes: { path: string; body: Buffer; contentType: string }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'apt-bench-bare-'))
  const manifest = routes.map(({ path, body, contentType }, i) => {
    const file = join(dir, String(i))
    writeFileSync(file, body)
    return { path: `/${i}${path.split('?')[0]}`, file, contentType }
  })
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bare-server.ts', import.meta.url)), join(dir, 'manifest.json')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  )
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve((JSON.parse(line) as { port: number }).port)
    })
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)))
  })
  return {
    /** The URL of route `i` (the product's path, query included, under the prefix). */
    url: (i: number) => `http://127.0.0.1:${port}/${i}${routes[i]!.path}`,
    async stop() {
      await stopChild(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A logged-in client: its cookie for the load, and JSON requests with the CSRF token for the setup. */
async function login(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`)
    return (text ? JSON.parse(text) : null) as T
  }
  return {
    cookie,
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
  }
}
type Session = Awaited<ReturnType<typeof login>>

/** A user made by the admin: the one-time password changed at the first login, as a person would. */
async function createUser(base: string, admin: Session, user: CreateUser): Promise<Session> {
  const { oneTimePassword } = await admin.post<{ oneTimePassword: string }>('/api/users', user)
  const first = await login(base, user.email, oneTimePassword)
  await first.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: PASSWORD })
  return login(base, user.email, PASSWORD)
}

const cannon = (url: string, headers: Record<string, string>, run: { duration: number } | { amount: number }) =>
  autocannon({ url, headers, connections: CONNECTIONS, timeout: 60, ...run })

/** The requests left in flight when a timed run ends are waited out, so the next run does not pay for them. */
const drain = (rps: number) => sleep(Math.min(10_000, (CONNECTIONS / Math.max(rps, 0.1)) * 1000) + 100)

/**
 * One route under load. A warm-up of one request per connection, then (unless that alone took long) a
 * second of load, tells how fast the route is. A fast one is then measured for SECONDS. A route too slow
 * for that window to hold several rounds of 32 requests is measured over a fixed number of requests
 * instead (2–4 per connection), every one of them answered, so its figures are not those of the few that
 * happened to finish in time.
 */
async function drive(url: string, headers: Record<string, string>): Promise<Load> {
  const first = await cannon(url, headers, { amount: CONNECTIONS })
  // So slow that one request per connection took this long: those answers are the figures (cold as they are).
  if (first.duration >= 8) return figures(first)
  let estimate = CONNECTIONS / Math.max(first.duration, 0.001)
  if (first.duration < 2) {
    const warm = await cannon(url, headers, { duration: WARMUP_SECONDS })
    estimate = Math.max(warm.requests.total / warm.duration, 0.1)
    await drain(estimate)
  }
  let result: autocannon.Result
  if (estimate * SECONDS >= 8 * CONNECTIONS) {
    result = await cannon(url, headers, { duration: SECONDS })
    await drain(result.requests.total / result.duration)
  } else {
    const amount = Math.max(2 * CONNECTIONS, Math.min(4 * CONNECTIONS, Math.round(estimate * SECONDS * 2)))
    result = await cannon(url, headers, { amount })
  }
  return figures(result)
}

const figures = (result: autocannon.Result): Load => ({
  rps: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.non2xx + result.errors + result.timeouts,
})

/** A route's bytes, fetched once, then the product under load on it. */
async function measureProduct(base: string, path: string, cookie: string | null) {
  const headers: Record<string, string> = cookie ? { cookie } : {}
  const once = await fetch(`${base}${path}`, { headers })
  const body = Buffer.from(await once.arrayBuffer())
  if (once.status !== 200) throw new Error(`GET ${path}: ${once.status} ${body.toString().slice(0, 300)}`)
  const contentType = once.headers.get('content-type') ?? 'application/octet-stream'
  return { path, body, contentType, product: await drive(`${base}${path}`, headers) }
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function onPostgres(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** The list's paging and compact field set, when the API has them (the query schema says). */
function tablePageQuery(): string | null {
  const props = MeasureQuerySchema.properties as Record<string, unknown>
  if (!('limit' in props)) return null
  const query = new URLSearchParams({ limit: '50' })
  if ('view' in props) query.set('view', 'table')
  return query.toString()
}

/** The product's half of an engine's rows: set up the data, then every route under load. */
async function runProduct(engine: Engine, databaseUrl: string | undefined): Promise<Measured[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'apt-bench-api-'))
  const product = await startProduct(dataDir, databaseUrl)
  const measured: Measured[] = []
  try {
    const { base } = product
    const admin = await login(base, ADMIN.email, ADMIN.password)
    const add = async (key: Key, route: string, plan: string, path: string, cookie: string | null) => {
      if (ONLY_ROUTES && !ONLY_ROUTES.includes(key)) return
      const started = performance.now()
      const row = { key, route, plan, engine, ...(await measureProduct(base, path, cookie)) }
      measured.push(row)
      console.error(
        `  ${engine} ${plan} ${route}: ${row.product.rps.toFixed(0)} req/s, p99 ${row.product.p99} ms (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      )
    }
    await add('health', '`GET /api/health`', '—', '/api/health', null)

    const demo = JSON.parse(readFileSync(join(ROOT, 'api', 'demo', 'plan-2023-2024.json'), 'utf8')) as PlanDocument
    const plans: [string, PlanDocument][] = [
      ['demo (30)', demo],
      [`synthetic (${MEASURES.toLocaleString('en')} × ${TEXTS})`, syntheticPlan(MEASURES, TEXTS, 'BENCH-API')],
    ]
    let coordinator: Session | null = null
    let reporter: Session | null = null
    // The demo plan, then the large one beside it: my work covers every open round, so it is measured
    // with the demo round alone and then with both.
    for (const [label, doc] of plans) {
      const started = performance.now()
      const { id: planId } = await admin.post<{ id: number }>('/api/plans/import', doc)
      // The users belong to the demo plan's institutions, which its import brings.
      coordinator ??= await createUser(base, admin, COORDINATOR)
      reporter ??= await createUser(base, admin, REPORTER)
      const round = await coordinator.post<{ id: number }>(`/api/plans/${planId}/rounds`, {
        title: 'Slodzes mērījums',
        period: '2023-2024',
        dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      })
      type Work = { kind: string; round?: { id: number }; measure?: { id: number }; institution?: string }
      const owed = (await reporter.get<Work[]>('/api/my/work')).filter((w) => w.kind === 'round' && w.round!.id === round.id)
      for (const item of owed.slice(0, DRAFTS))
        await reporter.post(`/api/rounds/${round.id}/submissions`, {
          measureId: item.measure!.id,
          institution: item.institution,
          text: 'Slodzes mērījums: iesniegums melnrakstā.',
          proposedStatus: 'partial',
          reason: 'Mērījums',
        })
      const list = await coordinator.get<{ id: number }[] | { items: { id: number }[] }>(`/api/plans/${planId}/measures`)
      const items = Array.isArray(list) ? list : list.items
      const measureId = items[Math.floor(items.length / 2)]!.id
      console.error(
        `  ${engine} ${label}: imported, a round and ${DRAFTS} drafts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      )

      await add('summary', '`GET /api/plans/{id}/summary`', label, `/api/plans/${planId}/summary`, coordinator.cookie)
      await add('list', '`GET /api/plans/{id}/measures`', label, `/api/plans/${planId}/measures`, coordinator.cookie)
      const page = tablePageQuery()
      if (page)
        await add('page', `\`GET /api/plans/{id}/measures?${page}\``, label, `/api/plans/${planId}/measures?${page}`, coordinator.cookie)
      await add('detail', '`GET /api/measures/{id}`', label, `/api/measures/${measureId}`, coordinator.cookie)
      await add('work', '`GET /api/my/work` (reporter)', label, '/api/my/work', reporter.cookie)
      await add('completeness', '`GET /api/rounds/{id}/completeness`', label, `/api/rounds/${round.id}/completeness`, coordinator.cookie)
    }
  } finally {
    await product.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return measured
}

/** The product's rows, then (the product stopped) the bare server on the same bytes. */
async function runEngine(engine: Engine, databaseUrl: string | undefined, rows: Row[]) {
  const measured = await runProduct(engine, databaseUrl)
  const bare = await startBare(measured)
  try {
    for (const [i, { path: _path, body, contentType: _type, ...row }] of measured.entries())
      rows.push({ ...row, bytes: body.length, bare: await drive(bare.url(i), {}) })
  } finally {
    await bare.stop()
  }
}

const int = (x: number) => Math.round(x).toLocaleString('en')
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x} ms`)
const kb = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${bytes} B`)
const ratio = (row: Row) => row.product.rps / row.bare.rps

/** The issue's targets, each as pass or miss with the figure that decides it. */
function targets(rows: Row[]): string[] {
  const large = rows.filter((r) => r.plan.startsWith('synthetic'))
  const size = MEASURES.toLocaleString('en')
  const lines: string[] = []
  const check = (what: string, subset: Row[], ok: (r: Row) => boolean, figure: (r: Row) => string) => {
    for (const r of subset) lines.push(`| ${what} | ${r.engine} | ${figure(r)} | ${ok(r) ? 'pass' : '**miss**'} |`)
  }
  const pct = (r: Row) => `${(ratio(r) * 100).toFixed(1)} %`
  const on = (engine: Engine, ...keys: Key[]) => large.filter((r) => r.engine === engine && keys.includes(r.key))
  check(`summary, ${size} measures: ≥ 10 % of bare`, on('PostgreSQL', 'summary'), (r) => ratio(r) >= 0.1, pct)
  check(`summary, ${size} measures: ≥ 4 % of bare`, on('PGlite', 'summary'), (r) => ratio(r) >= 0.04, pct)
  check(
    `summary, ${size} measures: p99 ≤ 50 ms`,
    on('PostgreSQL', 'summary'),
    (r) => r.product.p99 <= 50,
    (r) => ms(r.product.p99),
  )
  check(
    `measure detail, my work (${size}): ≥ 8 % of bare`,
    on('PostgreSQL', 'detail', 'work'),
    (r) => ratio(r) >= 0.08,
    (r) => `${r.key === 'detail' ? 'detail' : 'my work'} ${pct(r)}`,
  )
  check(`measure list of ${size}: ≥ 50 % of bare`, [...on('PGlite', 'list'), ...on('PostgreSQL', 'list')], (r) => ratio(r) >= 0.5, pct)
  for (const engine of new Set(rows.map((r) => r.engine))) {
    const mine = rows.filter((r) => r.engine === engine)
    const slow = mine.filter((r) => r.product.p99 > 250).sort((a, b) => b.product.p99 - a.product.p99)
    const worst = slow[0]
    lines.push(
      `| no route's p99 above 250 ms | ${engine} | ${
        worst ? `${slow.length} of ${mine.length} above; worst ${worst.route}, ${worst.plan}: ${ms(worst.product.p99)}` : 'none above'
      } | ${worst ? '**miss**' : 'pass'} |`,
    )
  }
  return lines
}

export async function run() {
  if (!existsSync(join(ROOT, 'api', 'dist', 'server.js'))) throw new Error('run `pnpm build` first')
  const started = performance.now()
  const loadBefore = loadavg()[0]!
  const rows: Row[] = []
  const engineWanted = (engine: Engine) => !ONLY_ENGINES || ONLY_ENGINES.includes(engine)
  if (engineWanted('PGlite')) await runEngine('PGlite', undefined, rows)
  if (engineWanted('PostgreSQL') && (await postgresAnswers())) {
    const name = `apt_bench_${process.pid}_${Date.now()}`
    await onPostgres(`create database ${name}`)
    try {
      const url = new URL(POSTGRES_URL)
      url.pathname = `/${name}`
      await runEngine('PostgreSQL', url.toString(), rows)
    } finally {
      await onPostgres(`drop database if exists ${name} with (force)`)
    }
  } else if (engineWanted('PostgreSQL')) console.log(`\n(PostgreSQL at ${new URL(POSTGRES_URL).host} did not answer: PGlite only.)`)

  console.log(`\n## API under load: ${CONNECTIONS} connections, ${SECONDS} s per run, beside a bare Fastify route serving the same bytes`)
  console.log('| route | plan | engine | size | product req/s | p50 | p99 | bare req/s | bare p99 | ratio |')
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    const errors = r.product.errors ? ` (${r.product.errors} errors)` : ''
    console.log(
      `| ${r.route} | ${r.plan} | ${r.engine} | ${kb(r.bytes)} | ${int(r.product.rps)}${errors} | ${ms(r.product.p50)} | ${ms(r.product.p99)} | ${int(r.bare.rps)} | ${ms(r.bare.p99)} | ${ratio(r).toFixed(3)} |`,
    )
  }
  console.log('\n| target | engine | figure | |')
  console.log('|---|---|---|---|')
  for (const line of targets(rows)) console.log(line)
  console.log(
    `\n(${((performance.now() - started) / 1000).toFixed(0)} s in all; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores)`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
