// Starts the built product exactly as `pnpm start` does — `node dist/server.js` in api/, serving
// web/dist on the same port — on a fresh temporary database, a free port and demo data, and hands
// its URL to the browser tests. `pnpm test` builds first; run `pnpm build` before running e2e alone.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './support/accounts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    stateDir: string
  }
}

const ROOT = resolve(import.meta.dirname, '..', '..')

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.unref()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => done(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode} before it was healthy:\n${log()}`)
    try {
      const response = await fetch(`${url}/api/health`)
      if (response.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`The API did not become healthy within 90 s:\n${log()}`)
}

export default async function setup(project: TestProject) {
  for (const built of ['api/dist/server.js', 'web/dist/index.html'])
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`pnpm build\` first (\`pnpm test\` does).`)

  const dataDir = mkdtempSync(join(tmpdir(), 'apt-e2e-data-'))
  const stateDir = mkdtempSync(join(tmpdir(), 'apt-e2e-state-'))
  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  let output = ''
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: join(ROOT, 'api'),
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      ADMIN_PASSWORD,
      // Every test logs in through the same address; the per-minute guard is for the open internet.
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)

  try {
    await waitForHealth(baseURL, child, () => output)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  project.provide('baseURL', baseURL)
  project.provide('stateDir', stateDir)

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise<void>((done) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL')
          done()
        }, 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          done()
        })
      })
    }
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(stateDir, { recursive: true, force: true })
  }
}
