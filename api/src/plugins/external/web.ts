// Serves the built SPA (web/dist) on the API's port, with index.html for client-side routes.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { Config } from '../../config.js'

function findWebDist(config: Config): string | null {
  if (config.WEB_DIST) return existsSync(config.WEB_DIST) ? resolve(config.WEB_DIST) : null
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'web', 'dist')
    if (existsSync(join(candidate, 'index.html'))) return candidate
    dir = dirname(dir)
  }
  return null
}

export async function registerWeb(fastify: FastifyInstance, config: Config) {
  const root = findWebDist(config)
  if (!root) {
    fastify.log.info('web/dist not found: serving the API only')
    return
  }
  await fastify.register(fastifyStatic, { root, wildcard: false, index: 'index.html' })
  // Unknown /api and /docs paths stay JSON 404s; any other GET gets the SPA, whose router shows its own not-found page.
  fastify.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/docs')) return reply.callNotFound()
    return reply.sendFile('index.html')
  })
}
