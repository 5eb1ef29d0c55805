// Every route of the API, one folder per resource.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import audit from './api/audit/index.js'
import auth from './api/auth/index.js'
import health from './api/health/index.js'
import institutions from './api/institutions/index.js'
import measures from './api/measures/index.js'
import plans from './api/plans/index.js'
import users from './api/users/index.js'

export interface RouteOptions {
  config: Config
}

export async function registerRoutes(fastify: FastifyInstance, opts: RouteOptions) {
  await fastify.register(health, { prefix: '/api/health' })
  await fastify.register(auth, { prefix: '/api/auth', ...opts })
  await fastify.register(users, { prefix: '/api/users' })
  await fastify.register(audit, { prefix: '/api/audit' })
  await fastify.register(institutions, { prefix: '/api/institutions' })
  await fastify.register(plans, { prefix: '/api/plans', ...opts })
  await fastify.register(measures, { prefix: '/api/measures' })
}
