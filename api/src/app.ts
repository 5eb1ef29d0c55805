// The application as a function of its config and database: third-party plugins, then our
// services, then routes. Tests build exactly this app; server.ts only adds listen and shutdown.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import type { Database } from './db/client.js'
import { registerExternalPlugins } from './plugins/external/index.js'
import { registerAppPlugins } from './plugins/app/index.js'
import { registerRoutes } from './routes/index.js'
import { registerWeb } from './plugins/external/web.js'
import publicPages from './plugins/public/pages/index.js'
import { nulCharacterPath, validatorCompiler } from './validation.js'
import { AppError } from './plugins/app/errors.js'
import { ErrorCode } from '@apt/shared'

/**
 * One log line per request, when it is answered (Fastify writes two, each serialising the request):
 * method, URL, status and milliseconds, no headers, no bodies. Errors add their own line (error-handler.ts).
 */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request')
  }
}

export async function buildApp(
  config: Config,
  database: Database,
  /** `logStream`: where the log lines go instead of stdout (a test reads them). */
  opts: { logger?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  // A hop count or the proxies' addresses, never "any": request.ip is then the address the nearest
  // trusted proxy saw, whatever a client writes into X-Forwarded-For (see parseTrustProxy). Fastify
  // trusts nothing for a bare number, so a hop count is given as proxy-addr's rule: the socket's
  // peer and the next n-1 addresses of X-Forwarded-For are proxies.
  const setting = config.TRUST_PROXY
  const trustProxy: FastifyServerOptions['trustProxy'] =
    typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting
  const fastify = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            ...(opts.logStream && { stream: opts.logStream }),
          },
    bodyLimit: config.BODY_LIMIT_KB * 1024,
    trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID()
    },
    requestIdHeader: false,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<TypeBoxTypeProvider>()
  fastify.setValidatorCompiler(validatorCompiler)

  // Text with a NUL character can never be stored; refuse it before it reaches a query.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const path =
      nulCharacterPath(request.params, 'params') ?? nulCharacterPath(request.query, 'querystring') ?? nulCharacterPath(request.body, '')
    if (!path) return done()
    done(
      new AppError(ErrorCode.validationFailed, `${path} must not contain NUL characters`, {
        errors: [{ path, message: 'must not contain NUL characters' }],
      }),
    )
  })

  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    done(null, payload)
  })

  // Data lives only under /api, where every route must state its rule. Everything else is public by
  // nature: the OpenAPI document and its UI, and the SPA's static files.
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') && route.config?.access === undefined) route.config = { ...route.config, access: 'public' }
  })

  await registerExternalPlugins(fastify, config)
  await registerAppPlugins(fastify, config, database)
  await fastify.register(registerRoutes, { config })
  // The public progress pages of published plans: HTML for anyone, beside the API (/p/{planCode}/…).
  await fastify.register(publicPages)
  await registerWeb(fastify, config)
  return fastify
}
