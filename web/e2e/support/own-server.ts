// The built product for browser tests — `node dist/server.js` on a fresh temporary database with demo
// data: the shared one global-setup.ts starts, and a second instance for a test that needs its own
// configuration (single sign-on's provider), so the shared server, and every other test, is unaffected.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './accounts'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')

export function freePort(): Promise<number> {
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

/** Starts the built server on `port` with `env` added; resolves once /api/health answers. */
export async function startOwnServer(port: number, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'apt-e2e-own-'))
  const url = `http://127.0.0.1:${port}`
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
      PUBLIC_URL: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const stop = async () => {
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
  }
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output}`)
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (healthy) return { url, stop }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`The server did not become healthy within 90 s:\n${output}`)
}
