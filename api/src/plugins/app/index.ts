// Our own services, each a named plugin decorating the instance.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import type { Database } from '../../db/client.js'
import access from './auth/access.js'
import audit from './audit.js'
import auditCheck from './audit/audit-check.js'
import database from './database.js'
import errorHandler from './error-handler.js'
import services from './services.js'
import notifications from './notifications/index.js'
import notifyLoop from './notifications/loop.js'

export async function registerAppPlugins(fastify: FastifyInstance, config: Config, db: Database) {
  await fastify.register(errorHandler)
  await fastify.register(database, { database: db })
  await fastify.register(audit)
  await fastify.register(access, { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS })
  await fastify.register(notifications, { publicUrl: config.PUBLIC_URL, smtpUrl: config.SMTP_URL, mailFrom: config.MAIL_FROM })
  await fastify.register(services, { oidc: { providers: config.OIDC_PROVIDERS, publicUrl: config.PUBLIC_URL } })
  await fastify.register(auditCheck, { minutes: config.AUDIT_VERIFY_MINUTES })
  await fastify.register(notifyLoop, { seconds: config.NOTIFY_INTERVAL_SECONDS })
}
