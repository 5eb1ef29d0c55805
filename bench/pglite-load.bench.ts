// PGlite under load: read latency (GET /api/plans) while 40 clients write as fast as they can, and
// /api/health while a 20 MB file is uploaded — each beside the same requests with nothing else going
// on (the baseline), with the fair queue on (as shipped) and off (PGlite's own FIFO, as before it).
// Each configuration runs in a server process of its own on a fresh data directory
// (pglite-server.ts); this process only sends requests.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const WRITERS = 40
/** How long reads are measured, with and without the writers. */
const READ_WINDOW_MS = 8_000
const UPLOAD_MB = 20
const UPLOADS = 3
/** The other client's interval between health requests, as in issue #10. */
const HEALTH_EVERY_MS = 50
const PASSWORD = 'bench-password-123'
const REPORTER = 'zinotajs@vp.demo.lv'
const COORDINATOR = 'koordinators@iem.demo.lv'
const VP_MEASURES = ['1.1', '1.2', '1.3', '1.4', '3.1', '3.3', '3.4', '3.5']

type Queue = 'fair' | 'fifo'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const ms = (x: number) => (Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`)
const summary = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs), n: xs.length })

async function startServer(queue: Queue): Promise<{ base: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `apt-bench-pglite-${queue}-`))
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./pglite-server.ts', import.meta.url)), dataDir, queue],
    {
      env: { ...process.env, BENCH_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve((JSON.parse(line) as { port: number }).port)
    })
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)))
  })
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM')
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A logged-in client: cookie and CSRF token on every request. */
async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
  }
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown) => send('POST', path, body),
    async upload(path: string, name: string, bytes: Buffer) {
      const boundary = `----aptbench${randomBytes(8).toString('hex')}`
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ])
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      })
      await response.arrayBuffer()
      return response.status
    },
  }
}
type Session = Awaited<ReturnType<typeof login>>

/** Timed sequential requests until `until` says stop; the one in flight then is waited for. */
async function timedLoop(request: () => Promise<unknown>, until: () => boolean, pauseMs = 0): Promise<number[]> {
  const times: number[] = []
  while (!until()) {
    const start = performance.now()
    await request()
    times.push(performance.now() - start)
    if (pauseMs) await sleep(pauseMs)
  }
  return times
}

/** Drafts of the demo plan's VP measures in a new round: where the writers add their links and the uploads go. */
async function drafts(coordinator: Session, reporter: Session): Promise<number[]> {
  const plans = (await coordinator.get('/api/plans')).body as { id: number }[]
  const planId = plans[0]!.id
  const measures = (await coordinator.get(`/api/plans/${planId}/measures`)).body as { id: number; number: string }[]
  const ids = VP_MEASURES.map((n) => measures.find((m) => m.number === n)!.id)
  const round = await coordinator.post(`/api/plans/${planId}/rounds`, {
    title: 'Slodzes mērījums',
    period: '2023-2024',
    dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    measures: ids,
  })
  if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`)
  const roundId = (round.body as { id: number }).id
  const result: number[] = []
  for (const measureId of ids) {
    const res = await reporter.post(`/api/rounds/${roundId}/submissions`, {
      measureId,
      institution: 'VP',
      text: 'Slodzes mērījums.',
      proposedStatus: 'partial',
      reason: 'Mērījums',
    })
    if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`)
    result.push((res.body as { id: number }).id)
  }
  return result
}

interface Figures {
  readsIdle: number[]
  readsLoaded: number[]
  writesPerSecond: number
  healthIdle: number[]
  healthUpload: number[]
  uploads: number[]
}

async function measure(queue: Queue): Promise<Figures> {
  const { base, stop } = await startServer(queue)
  try {
    const coordinator = await login(base, COORDINATOR)
    const reporter = await login(base, REPORTER)
    const submissions = await drafts(coordinator, reporter)
    const read = () => coordinator.get('/api/plans')
    for (let i = 0; i < 10; i++) await read() // warm-up

    // Reads alone, then the same reads while 40 writers add links as fast as they are answered.
    let deadline = performance.now() + READ_WINDOW_MS
    const readsIdle = await timedLoop(read, () => performance.now() > deadline)
    let writing = true
    let writes = 0
    let link = 0
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      while (writing) {
        const res = await reporter.post(`/api/submissions/${submissions[w % submissions.length]}/evidence`, {
          url: `https://example.lv/slodze/${link++}`,
          title: 'Slodze',
        })
        if (res.status !== 201) throw new Error(`write: ${res.status} ${JSON.stringify(res.body)}`)
        writes++
      }
    })
    await sleep(1_000) // the writers' queue fills
    const writesBefore = writes
    const loadedFrom = performance.now()
    deadline = loadedFrom + READ_WINDOW_MS
    const readsLoaded = await timedLoop(read, () => performance.now() > deadline)
    const writesPerSecond = ((writes - writesBefore) * 1000) / (performance.now() - loadedFrom)
    writing = false
    await Promise.all(writers)

    // /api/health every 50 ms with nothing else going on, then while a 20 MB PDF is uploaded (3 times).
    deadline = performance.now() + 3_000
    const healthIdle = await timedLoop(
      () => fetch(`${base}/api/health`).then((r) => r.text()),
      () => performance.now() > deadline,
      HEALTH_EVERY_MS,
    )
    const healthUpload: number[] = []
    const uploads: number[] = []
    for (let i = 0; i < UPLOADS; i++) {
      const head = Buffer.from(`%PDF-1.4\n% slodze ${i} ${randomBytes(8).toString('hex')}\n`)
      const bytes = Buffer.concat([head, randomBytes(UPLOAD_MB * 1024 * 1024 - head.length)])
      let uploading = true
      const start = performance.now()
      const upload = reporter
        .upload(`/api/submissions/${submissions[i % submissions.length]}/evidence`, `slodze-${i}.pdf`, bytes)
        .then((status) => {
          uploading = false
          if (status !== 201) throw new Error(`upload: ${status}`)
          uploads.push(performance.now() - start)
        })
      healthUpload.push(
        ...(await timedLoop(
          () => fetch(`${base}/api/health`).then((r) => r.text()),
          () => !uploading,
          HEALTH_EVERY_MS,
        )),
      )
      await upload
    }
    return { readsIdle, readsLoaded, writesPerSecond, healthIdle, healthUpload, uploads }
  } finally {
    await stop()
  }
}

export async function run() {
  const results = new Map<Queue, Figures>()
  for (const queue of ['fair', 'fifo'] as const) results.set(queue, await measure(queue))
  const label = { fair: 'fair queue (as shipped)', fifo: 'PGlite FIFO (fair queue off, as before)' }

  console.log(`\n## PGlite under load: GET /api/plans while ${WRITERS} clients add links (${READ_WINDOW_MS / 1000} s each)`)
  console.log('| queue | reads alone p50 / p95 (baseline) | under writers p50 / p95 / max | reads done | × baseline (p50) | writes/s |')
  console.log('|---|---|---|---|---|---|')
  for (const [queue, f] of results) {
    const idle = summary(f.readsIdle)
    const loaded = summary(f.readsLoaded)
    console.log(
      `| ${label[queue]} | ${ms(idle.p50)} / ${ms(idle.p95)} | ${ms(loaded.p50)} / ${ms(loaded.p95)} / ${ms(loaded.max)} | ${loaded.n} | ${(loaded.p50 / idle.p50).toFixed(1)} | ${f.writesPerSecond.toFixed(0)} |`,
    )
  }

  console.log(`\n## PGlite: /api/health every ${HEALTH_EVERY_MS} ms during a ${UPLOAD_MB} MB upload (${UPLOADS} uploads)`)
  console.log(
    '| queue | idle p50 / p95 (baseline) | during upload p50 / p95 / max | answers during uploads | × baseline (p95) | upload time (median) |',
  )
  console.log('|---|---|---|---|---|---|')
  for (const [queue, f] of results) {
    const idle = summary(f.healthIdle)
    const during = summary(f.healthUpload)
    console.log(
      `| ${label[queue]} | ${ms(idle.p50)} / ${ms(idle.p95)} | ${ms(during.p50)} / ${ms(during.p95)} / ${ms(during.max)} | ${during.n} | ${(during.p95 / idle.p95).toFixed(1)} | ${ms(percentile(f.uploads, 50))} |`,
    )
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
