// Authentication and default-deny authorization for every route.
// Each route states `config.access`; a route that states none refuses everyone, so a forgotten
// rule fails closed. Institution-level checks (whose measure, whose submission) live in ./scope.ts.
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ErrorCode, type Role } from '@apt/shared'
import { apiError } from '../errors.js'
import { type Credential, type CurrentUser, createSessions } from './sessions.js'
import { safeEqual } from './secrets.js'

/** `public`: anyone; `authenticated`: any logged-in user; a role list: logged-in users with one of those roles. */
export type AccessRule = 'public' | 'authenticated' | readonly Role[]

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule
    /** Reachable while the user still has to change a one-time password (me, logout, the change itself). */
    allowPendingPasswordChange?: boolean
  }
  interface FastifyRequest {
    user: CurrentUser | null
    credential: Credential | null
  }
  interface FastifyInstance {
    sessions: ReturnType<typeof createSessions>
    /** Every API route with its rule, as registered: the permission-matrix test checks it is complete. */
    accessRules: { method: string; url: string; access: AccessRule | undefined }[]
  }
}

export const SESSION_COOKIE = 'apt_session'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface AccessOptions {
  idleMinutes: number
  maxHours: number
}

/** The user of a request whose route requires authentication; routes with a rule never see null here. */
export function currentUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw apiError(401, ErrorCode.notAuthenticated, 'Not logged in')
  return request.user
}

export default fp<AccessOptions>(
  async (fastify, opts) => {
    const sessions = createSessions(fastify, { idleMinutes: opts.idleMinutes, maxHours: opts.maxHours })
    fastify.decorate('sessions', sessions)
    fastify.decorateRequest('user', null)
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
      if (rule === undefined) throw apiError(403, ErrorCode.forbidden, 'This route has no access rule')
      if (rule === 'public') return

      const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
      const cookie = request.cookies[SESSION_COOKIE]
      const resolved = bearer ? await sessions.resolveToken(bearer) : cookie ? await sessions.resolveSession(cookie) : null
      if (!resolved) throw apiError(401, ErrorCode.notAuthenticated, 'Not logged in')
      request.user = resolved.user
      request.credential = resolved.credential

      if (resolved.credential.kind === 'session' && UNSAFE.has(request.method)) {
        const header = request.headers['x-csrf-token']
        if (typeof header !== 'string' || !safeEqual(header, resolved.credential.csrfToken))
          throw apiError(403, ErrorCode.csrfMissing, 'Missing or invalid X-CSRF-Token header')
      }
      if (resolved.user.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange)
        throw apiError(403, ErrorCode.passwordChangeRequired, 'The one-time password must be changed first')
      if (rule !== 'authenticated' && !rule.includes(resolved.user.role))
        throw apiError(403, ErrorCode.forbidden, 'Your role may not do this')
    })
  },
  { name: 'access', dependencies: ['database'] },
)
