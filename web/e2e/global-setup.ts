// Starts the built product exactly as `pnpm start` does — `node dist/server.js` in api/, serving
// web/dist on the same port — on a fresh temporary database, a free port and demo data, and hands
// its URL to the browser tests. `pnpm test` builds first; run `pnpm build` before running e2e alone.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { freePort, startOwnServer } from './support/own-server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    stateDir: string
  }
}

const ROOT = resolve(import.meta.dirname, '..', '..')

export default async function setup(project: TestProject) {
  for (const built of ['api/dist/server.js', 'web/dist/index.html'])
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`pnpm build\` first (\`pnpm test\` does).`)

  const stateDir = mkdtempSync(join(tmpdir(), 'apt-e2e-state-'))
  const server = await startOwnServer(await freePort(), {})
  project.provide('baseURL', server.url)
  project.provide('stateDir', stateDir)

  return async () => {
    await server.stop()
    rmSync(stateDir, { recursive: true, force: true })
  }
}
