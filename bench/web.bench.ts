// The web app's weight and speed: the production bundle's initial JS and CSS (gzipped), and the
// time until a 1,000-measure plan's measures table is usable in headless Chromium, beside a static
// HTML page of the same table (same rows, same stylesheet) served by the same server in the same
// run. The app shows the table a page at a time (APP_PAGE rows, every match counted above it):
// usable is when that page's rows are there and the count says all 1,000; the static page, when
// all its rows are. Needs `pnpm build` first (`pnpm bench` does) and Debian's Chromium at /usr/bin/chromium.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import type { PlanDocument } from '@apt/shared'
import { syntheticPlan } from './synthetic-plan.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'web', 'dist')
const MEASURES = 1000
const RUNS = 5
/** Rows on the measures screen's first page (MEASURES_PAGE_SIZE in web/src/utils/measures-url.ts). */
const APP_PAGE = 100
const PASSWORD = 'bench-password-123'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** What index.html loads before any route: the entry script, its modulepreloads and stylesheets. */
function initialAssets() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => join(DIST, m[1]!))
  const js = [...refs(/<script[^>]+src="([^"]+\.js)"/g), ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)]
  const css = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)
  return { js, css }
}

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

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** The same table the measures screen shows, as plain HTML with the app's own stylesheet. */
function staticTablePage(doc: PlanDocument, css: string[]): string {
  const labels = { done: 'Izpildīts', partial: 'Daļēji izpildīts', not_done: 'Nav izpildīts', pending: 'Nav novērtēts' } as const
  const rows = doc.plan.actionLines
    .flatMap((line) => line.measures)
    .map(
      (m) =>
        `<tr><td>${escape(m.number)}</td><td><a href="#">${escape(m.title)}</a></td><td>${escape(m.responsible.join(', '))}</td>` +
        `<td>${escape(m.deadline?.due ?? '')}</td><td><span class="badge badge-${m.status}">${labels[m.status ?? 'pending']}</span></td></tr>`,
    )
    .join('\n')
  const links = css.map((file) => `<link rel="stylesheet" href="/assets/${file.split('/').pop()}">`).join('')
  return `<!doctype html><html lang="lv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pasākumi</title>${links}</head>
<body><main class="container"><h1>Pasākumi</h1><div class="table-wrap"><table class="data" data-testid="measures-table">
<thead><tr><th>Nr.</th><th>Pasākums</th><th>Atbildīgās iestādes</th><th>Termiņš</th><th>Statuss</th></tr></thead><tbody>
${rows}
</tbody></table></div></main></body></html>`
}

async function startServer(webDist: string, dataDir: string) {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: join(ROOT, 'api'),
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: PASSWORD,
      ADMIN_PASSWORD: PASSWORD,
      WEB_DIST: webDist,
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`)
    if (
      await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return { base, child }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error('the API did not start')
}

async function login(base: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'koordinators@iem.demo.lv', password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`login failed: ${response.status}`)
  const [name, value] = (response.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie: { name: name!, value: value! }, csrfToken }
}

/**
 * Milliseconds from navigation start until the table shows `rows` rows and, when `count` is given,
 * the result count above it shows that number, in a fresh (cold-cache) context.
 */
async function timeToTable(
  browser: Browser,
  base: string,
  path: string,
  rows: number,
  count?: string,
  cookie?: { name: string; value: string },
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  if (cookie) await context.addCookies([{ ...cookie, url: base }])
  const page = await context.newPage()
  await page.goto(`${base}${path}`, { waitUntil: 'commit' })
  const handle = await page.waitForFunction(
    // Runs in the page; typed loosely because this package compiles without the DOM library.
    ({ n, count }) => {
      const doc = (
        globalThis as unknown as {
          document: { querySelectorAll(s: string): { length: number }; querySelector(s: string): { textContent: string | null } | null }
        }
      ).document
      if (doc.querySelectorAll('[data-testid=measures-table] tbody tr').length < n) return false
      if (count && !(doc.querySelector('.result-count')?.textContent ?? '').includes(count)) return false
      return performance.now()
    },
    { n: rows, count },
    { timeout: 60_000, polling: 'raf' },
  )
  const ms = (await handle.jsonValue()) as number
  await context.close()
  return ms
}

export async function run() {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(ROOT, 'api', 'dist', 'server.js')))
    throw new Error('run `pnpm build` first')
  const { js, css } = initialAssets()
  const chunks = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'))
  /** A lazily loaded chunk by its file name (Vite names it after its module); none found is an error, not 0 KiB. */
  const lazy = (prefix: string) => {
    const files = chunks.filter((f) => f.startsWith(prefix))
    if (files.length === 0) throw new Error(`no chunk ${prefix}*.js in web/dist/assets`)
    return files.reduce((n, f) => n + gz(join(DIST, 'assets', f)), 0)
  }
  console.log('\n## Web app: bundle (gzip -9) and time to a usable 1,000-measure table')
  console.log('| asset | gzipped |')
  console.log('|---|---|')
  console.log(`| initial JS (${js.length} file${js.length === 1 ? '' : 's'}) | ${kib(js.reduce((n, f) => n + gz(f), 0))} |`)
  console.log(`| initial CSS (${css.length} file${css.length === 1 ? '' : 's'}) | ${kib(css.reduce((n, f) => n + gz(f), 0))} |`)
  console.log(`| measures view chunk (lazy) | ${kib(lazy('MeasuresView-'))} |`)
  console.log(`| dashboard view chunk (lazy) | ${kib(lazy('DashboardView-'))} |`)
  console.log(`| chart chunk, ECharts (lazy: the dashboard's chart) | ${kib(lazy('StatusChart-'))} |`)

  const work = mkdtempSync(join(tmpdir(), 'apt-bench-web-'))
  const webDist = join(work, 'dist')
  cpSync(DIST, webDist, { recursive: true })
  const doc = syntheticPlan(MEASURES, 1, 'BENCH-WEB')
  writeFileSync(join(webDist, 'bench-measures.html'), staticTablePage(doc, css))
  const { base, child } = await startServer(webDist, join(work, 'data'))
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
  try {
    const { cookie, csrfToken } = await login(base)
    const imported = await fetch(`${base}/api/plans/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': csrfToken },
      body: JSON.stringify(doc),
    })
    if (imported.status !== 201) throw new Error(`import failed: ${imported.status} ${await imported.text()}`)
    const { id } = (await imported.json()) as { id: number }

    // One warm-up each (JIT, PGlite caches), then the measured runs, alternating.
    const staticPage = () => timeToTable(browser, base, '/bench-measures.html', MEASURES)
    const appScreen = () => timeToTable(browser, base, `/plans/${id}/measures`, APP_PAGE, String(MEASURES), cookie)
    await staticPage()
    await appScreen()
    const app: number[] = []
    const plain: number[] = []
    for (let i = 0; i < RUNS; i++) {
      plain.push(await staticPage())
      app.push(await appScreen())
    }
    const baseline = median(plain)
    console.log(`\n| page (${MEASURES} measures, cold cache, median of ${RUNS}) | time to a usable table | × static |`)
    console.log('|---|---|---|')
    console.log(`| static HTML of the same table, all ${MEASURES} rows (baseline) | ${baseline.toFixed(0)} ms | 1.00 |`)
    console.log(
      `| the app's measures screen, first page of ${APP_PAGE} rows, ${MEASURES} counted (login already done) | ${median(app).toFixed(0)} ms | ${(median(app) / baseline).toFixed(2)} |`,
    )
  } finally {
    await browser.close()
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(work, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
