// Authentication and default-deny authorization for every route.
// Each route states `config.access`; a route that states none refuses everyone, so a forgotten
// rule fails closed. Per-record rules (whose plan, whose submission) are the shared policy's
// (shared/src/policy), asked by the services.
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, ErrorCode, type Role } from '@apt/shared'
import type { UserActor } from './actor.js'
import { type Credential, createSessions } from './sessions.js'
import { safeEqual } from './secrets.js'
import { UNSAFE_METHODS } from '../unsafe-methods.js'

/**
 * `public`: anyone; `authenticated`: any logged-in user; a role group of the policy
 * (`RoleGroup.planManagers`): logged-in users with one of those roles. Per-record rules are the
 * services' business.
 */
export type AccessRule = 'public' | 'authenticated' | readonly Role[]

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule
    /** Reachable while the user still has to change a one-time password (me, logout, the change itself). */
    allowPendingPasswordChange?: boolean
  }
  interface FastifyRequest {
    credential: Credential | null
  }
  interface FastifyInstance {
    sessions: ReturnType<typeof createSessions>
    /** Every API route with its rule, as registered: the permission-matrix test checks it is complete. */
    accessRules: { method: string; url: string; access: AccessRule | undefined }[]
  }
}

export const SESSION_COOKIE = 'apt_session'
/**
 * The user a request comes from — by its bearer token, else its session cookie — as the actor
 * services take, with its credential; null when it carries neither or they are not valid (any more).
 */
export async function resolveCaller(
  sessions: ReturnType<typeof createSessions>,
  request: FastifyRequest,
): Promise<{ actor: UserActor; credential: Credential } | null> {
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  const cookie = request.cookies[SESSION_COOKIE]
  const resolved = bearer ? await sessions.resolveToken(bearer) : cookie ? await sessions.resolveSession(cookie) : null
  if (!resolved) return null
  return { actor: { kind: 'user', ...resolved.user, requestId: request.id, ip: request.ip }, credential: resolved.credential }
}

export interface AccessOptions {
  idleMinutes: number
  maxHours: number
}

export default fp<AccessOptions>(
  async (fastify, opts) => {
    const sessions = createSessions(fastify, { idleMinutes: opts.idleMinutes, maxHours: opts.maxHours })
    fastify.decorate('sessions', sessions)
    fastify.decorateRequest('actor', null)
    fastify.decorateRequest('credential', null)

    const accessRules: { method: string; url: string; access: AccessRule | undefined }[] = []
    fastify.decorate('accessRules', accessRules)
    fastify.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api')) return
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') accessRules.push({ method, url: route.url, access: route.config?.access })
      }
      if (route.config?.access === undefined) {
        fastify.log.warn({ url: route.url, method: route.method }, 'route has no access rule: it will refuse everyone')
      }
    })

    fastify.addHook('onRequest', async (request) => {
      // Unmatched URLs fall through to the 404 handler.
      if (request.routeOptions.url === undefined) return
      const rule = request.routeOptions.config.access
      if (rule === undefined) throw new AppError(ErrorCode.forbidden, 'This route has no access rule')
      if (rule === 'public') return

      const resolved = await resolveCaller(sessions, request)
      if (!resolved) throw new AppError(ErrorCode.notAuthenticated, 'Not logged in')
      request.actor = resolved.actor
      request.credential = resolved.credential

      if (resolved.credential.kind === 'session' && UNSAFE_METHODS.has(request.method)) {
        const header = request.headers['x-csrf-token']
        if (typeof header !== 'string' || !safeEqual(header, resolved.credential.csrfToken))
          throw new AppError(ErrorCode.csrfMissing, 'Missing or invalid X-CSRF-Token header')
      }
      if (resolved.actor.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange)
        throw new AppError(ErrorCode.passwordChangeRequired, 'The one-time password must be changed first')
      if (rule !== 'authenticated' && !rule.includes(resolved.actor.role))
        throw new AppError(ErrorCode.forbidden, 'Your role may not do this')
    })
  },
  { name: 'access', dependencies: ['database'] },
)
