// Signing in and out, the current user, one's own password and personal API tokens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import {
  ApiTokenSchema,
  ChangePasswordSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  CurrentSessionSchema,
  IdParamsSchema,
  NO_USER_ABILITIES,
  LoginSchema,
  LogoutSchema,
  SessionInfoSchema,
  UserSchema,
} from '@apt/shared'
import { resolveCaller, SESSION_COOKIE } from '../../../plugins/app/auth/access.js'
import { actorOf, originOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const auth: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  // A second, per-process guard in front of the database-backed throttle.
  const rateLimit = { max: config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' }
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const }
  /** The cookie session of a request; null for an API token. */
  const sessionOf = (request: FastifyRequest) => (request.credential?.kind === 'session' ? request.credential : null)

  fastify.post(
    '/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in: sets the session cookie and returns the CSRF token',
        security: [],
        body: LoginSchema,
        response: { 200: SessionInfoSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { session, info } = await fastify.users.login(originOf(request), request.body, request.cookies[SESSION_COOKIE])
      reply.setCookie(SESSION_COOKIE, session.secret, {
        ...cookieOptions,
        secure: config.COOKIE_SECURE || request.protocol === 'https',
        expires: session.expiresAt,
      })
      return info
    },
  )

  fastify.post(
    '/logout',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        description:
          'A session begun by single sign-on at a provider that offers logout answers 200 with `endSessionUrl`: the browser goes there to end the provider’s session too.',
        response: { 200: LogoutSchema, 204: Type.Null(), ...errorResponses(...AUTHENTICATED) },
      },
    },
    async (request, reply) => {
      const sso = await fastify.users.logout(actorOf(request), sessionOf(request)?.sessionId ?? null)
      reply.clearCookie(SESSION_COOKIE, cookieOptions)
      const endSessionUrl = sso ? await fastify.oidc.endSessionUrl(sso) : null
      if (endSessionUrl) return { endSessionUrl }
      return reply.status(204).send(null)
    },
  )

  fastify.get(
    '/me',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in, and the session’s CSRF token',
        response: { 200: SessionInfoSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.users.session(actorOf(request), sessionOf(request)?.csrfToken ?? null),
  )

  fastify.get(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in, if anyone: 200 with `user: null` when nobody is',
        description:
          'For a page load that does not know yet whether there is a session: unlike `/me` it never answers 401, so the browser logs no error. A session cookie that is no longer valid is cleared.',
        security: [],
        response: { 200: CurrentSessionSchema },
      },
    },
    async (request, reply) => {
      const caller = await resolveCaller(fastify.sessions, request)
      if (caller) return fastify.users.session(caller.actor, caller.credential.kind === 'session' ? caller.credential.csrfToken : null)
      if (request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, cookieOptions)
      return { user: null, csrfToken: null, abilities: NO_USER_ABILITIES }
    },
  )

  fastify.post(
    '/password',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password (required after a one-time password)',
        body: ChangePasswordSchema,
        response: { 200: UserSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) =>
      fastify.users.changePassword(
        actorOf(request),
        sessionOf(request)?.sessionId ?? null,
        request.body.currentPassword,
        request.body.newPassword,
      ),
  )

  fastify.get(
    '/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'My personal API tokens',
        response: { 200: Type.Array(ApiTokenSchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.apiTokens.list(actorOf(request)),
  )

  fastify.post(
    '/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (shown once)',
        body: CreateApiTokenSchema,
        response: { 201: CreatedApiTokenSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.apiTokens.create(actorOf(request), request.body.name)),
  )

  fastify.delete(
    '/tokens/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my tokens',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      await fastify.apiTokens.revoke(actorOf(request), request.params.id)
      return reply.status(204).send(null)
    },
  )
}
export default auth
