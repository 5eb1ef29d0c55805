import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { and, desc, eq, isNull } from 'drizzle-orm'
import {
  ApiTokenSchema,
  ChangePasswordSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  ErrorCode,
  IdParamsSchema,
  LoginSchema,
  SessionInfoSchema,
  UserSchema,
} from '@apt/shared'
import { apiTokens, users } from '../../../db/schema/index.js'
import { currentUser, SESSION_COOKIE } from '../../../plugins/app/auth/access.js'
import { createLoginThrottle } from '../../../plugins/app/auth/login-throttle.js'
import { dummyHash, verifyPassword } from '../../../plugins/app/auth/passwords.js'
import { digest, newSecret } from '../../../plugins/app/auth/secrets.js'
import { AppError, notFound } from '../../../plugins/app/errors.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const toTokenView = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
})

const auth: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  const throttle = createLoginThrottle(fastify)
  // A second, per-process guard in front of the database-backed throttle.
  const rateLimit = { max: config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' }
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const }

  fastify.post(
    '/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in: sets the session cookie and returns the CSRF token',
        security: [],
        body: LoginSchema,
        response: { 200: SessionInfoSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase()
      await throttle.before(email, request.ip)
      const user = await fastify.users.findByEmail(email)
      // Verify against a dummy hash for unknown e-mails so the answer takes as long either way.
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), request.body.password)
      if (!user || !ok || !user.active) {
        await throttle.failed(email, request.ip)
        await fastify.audit.record(fastify.db, request, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          actorId: null,
          actorLabel: email,
        })
        throw new AppError(ErrorCode.invalidCredentials, 'Wrong e-mail or password')
      }
      await throttle.succeeded(email)
      const session = await fastify.db.transaction(async (tx) => {
        // Rotate: whatever session the browser had ends; the new one gets a fresh id.
        const oldCookie = request.cookies[SESSION_COOKIE]
        if (oldCookie) await fastify.sessions.end(tx, digest(oldCookie))
        const created = await fastify.sessions.create(tx, user.id)
        await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id))
        await fastify.audit.record(tx, request, {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          actorId: user.id,
          actorLabel: user.email,
        })
        return created
      })
      reply.setCookie(SESSION_COOKIE, session.secret, {
        ...cookieOptions,
        secure: config.COOKIE_SECURE || request.protocol === 'https',
        expires: session.expiresAt,
      })
      return { user: await fastify.users.view(user.id), csrfToken: session.csrfToken }
    },
  )

  fastify.post(
    '/logout',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errorResponses(...AUTHENTICATED) } },
    },
    async (request, reply) => {
      const user = currentUser(request)
      await fastify.db.transaction(async (tx) => {
        if (request.credential?.kind === 'session') await fastify.sessions.end(tx, request.credential.sessionId)
        await fastify.audit.record(tx, request, { action: 'auth.logout', entityType: 'user', entityId: user.id })
      })
      reply.clearCookie(SESSION_COOKIE, cookieOptions)
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
    async (request) => ({
      user: await fastify.users.view(currentUser(request).id),
      csrfToken: request.credential?.kind === 'session' ? request.credential.csrfToken : null,
    }),
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
    (request) => fastify.users.changePassword(request, request.body.currentPassword, request.body.newPassword),
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
    async (request) => {
      const rows = await fastify.db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, currentUser(request).id))
        .orderBy(desc(apiTokens.id))
      return rows.map(toTokenView)
    },
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
    async (request, reply) => {
      const user = currentUser(request)
      const token = newSecret('apt_')
      const row = await fastify.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(apiTokens)
          .values({ userId: user.id, name: request.body.name, tokenHash: digest(token) })
          .returning()
        await fastify.audit.record(tx, request, { action: 'token.create', entityType: 'api_token', entityId: created!.id, after: created })
        return created!
      })
      return reply.status(201).send({ ...toTokenView(row), token })
    },
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
      const user = currentUser(request)
      await fastify.db.transaction(async (tx) => {
        const [revoked] = await tx
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(and(eq(apiTokens.id, request.params.id), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
          .returning()
        if (!revoked) throw notFound('Token')
        await fastify.audit.record(tx, request, { action: 'token.revoke', entityType: 'api_token', entityId: revoked.id })
      })
      return reply.status(204).send(null)
    },
  )
}
export default auth
