// Third-party plugins with our settings, registered before our own services and routes.
import type { FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import sensible from '@fastify/sensible'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Config } from '../../config.js'
import securityHeaders from './security-headers.js'

export async function registerExternalPlugins(fastify: FastifyInstance, config: Config) {
  await fastify.register(sensible)
  await fastify.register(cookie)
  await fastify.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        // Swagger UI and the SPA load only their own scripts; images may be data: URLs (charts).
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'script-src': ["'self'"],
        'upgrade-insecure-requests': config.COOKIE_SECURE ? [] : null,
      },
    },
  })
  // Only routes that opt in (config.rateLimit) are limited: the auth routes.
  await fastify.register(rateLimit, { global: false })
  await fastify.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 5, parts: 6 },
  })
  await fastify.register(swagger, {
    openapi: {
      info: {
        title: 'Rīcības plāna izpildes uzraudzība — API',
        description: 'Action-plan implementation tracker: plans, measures, reporting rounds, evidence and the Cabinet report.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'apt_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  })
  await fastify.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
}
