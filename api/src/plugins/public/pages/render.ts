// The public pages' templates (./views, Eta: every `<%= %>` escaped) and their stylesheet, read and
// compiled once. In the bundle (dist/server.js) this module's folder is dist/, where the build copies
// the views as public-pages/ (api/tsup.config.ts).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Eta } from 'eta'

const here = dirname(fileURLToPath(import.meta.url))
const VIEWS = [join(here, 'views'), join(here, 'public-pages')].find((dir) => existsSync(join(dir, 'layout.eta')))
if (!VIEWS) throw new Error(`The public pages' templates are missing beside ${here}`)

const eta = new Eta({ views: VIEWS, cache: true, autoEscape: true })

export const STYLESHEET = readFileSync(join(VIEWS, 'pages.css'))

/**
 * A digest of every template and the stylesheet: part of each page's ETag (a new release answers
 * anew) and the stylesheet's address (`?v=`), so browsers may keep it for a year.
 */
export const VIEWS_VERSION = (() => {
  const hash = createHash('sha256')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]))
      .sort()
  for (const file of files(VIEWS)) hash.update(file.slice(VIEWS.length)).update(readFileSync(file))
  return hash.digest('base64url').slice(0, 16)
})()

export const STYLESHEET_PATH = `/p/assets/pages.css?v=${VIEWS_VERSION}`

export function renderView(name: 'overview' | 'line' | 'measure' | 'survey' | 'error', data: object): string {
  return eta.render(`./${name}`, data)
}
