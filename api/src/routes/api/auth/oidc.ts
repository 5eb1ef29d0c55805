// Single sign-on (OpenID Connect): the providers the login screen offers, the redirect to one, and
// its callback, which ends on the login screen with `sso_error` or in the app with a session.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { SsoProviderSchema } from '@apt/shared'
import { SESSION_COOKIE } from '../../../plugins/app/auth/access.js'
import { originOf } from '../../../plugins/app/auth/actor.js'
import { SIGN_ON_MINUTES } from '../../../plugins/app/auth/oidc/oidc-service.js'
import { PROVIDER_ID_PATTERN } from '../../../plugins/app/auth/oidc/providers-config.js'
import type { RouteOptions } from '../../index.js'
import { errorResponses } from '../../responses.js'

/** The state of a sign-on begun in this browser; only the callback's path sees it. */
const STATE_COOKIE = 'apt_sso_state'
const CALLBACK_PATH = '/api/auth/oidc'

const ProviderParamsSchema = Type.Object({ provider: Type.String({ pattern: PROVIDER_ID_PATTERN, maxLength: 40 }) })
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }))
/** What a provider's authorization response carries (RFC 6749 4.1.2, RFC 9207 `iss`); other parameters are ignored. */
const CallbackQuerySchema = Type.Object({
  code: text(4096),
  state: text(512),
  iss: text(1000),
  session_state: text(1000),
  error: text(200),
  error_description: text(2000),
  error_uri: text(2000),
})
const Redirect = (description: string) => Type.Null({ description })

const oidcRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  const rateLimit = { max: config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' }
  const secure = (protocol: string) => config.COOKIE_SECURE || protocol === 'https'
  const loginScreen = (reason: string) => `/login?sso_error=${encodeURIComponent(reason)}`

  fastify.get(
    '/providers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The single sign-on providers the login screen offers (empty when none is configured)',
        security: [],
        response: { 200: Type.Array(SsoProviderSchema) },
      },
    },
    () => fastify.oidc.providers(),
  )

  fastify.get(
    '/oidc/:provider/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Begin single sign-on: 302 to the provider (or back to /login?sso_error=provider_unavailable)',
        security: [],
        params: ProviderParamsSchema,
        response: { 302: Redirect('To the provider’s authorization endpoint'), ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const begun = await fastify.oidc.begin(request.params.provider, originOf(request))
      if (!begun.ok) return reply.redirect(loginScreen(begun.reason), 302)
      reply.setCookie(STATE_COOKIE, begun.state, {
        path: CALLBACK_PATH,
        httpOnly: true,
        // Lax: sent on the provider's top-level redirect back to the callback, not on cross-site subrequests.
        sameSite: 'lax',
        secure: secure(request.protocol),
        maxAge: SIGN_ON_MINUTES * 60,
      })
      return reply.redirect(begun.url, 302)
    },
  )

  fastify.get(
    '/oidc/:provider/callback',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'The provider’s redirect back: sets the session cookie and 302 to the app, or to /login?sso_error=<reason>',
        description:
          'Reasons: provider_error, provider_unavailable, state_mismatch, code_rejected, token_invalid, email_unverified, unknown_account, identity_conflict, deactivated, unknown_institution. Each refusal is audited (`auth.sso_refused`).',
        security: [],
        params: ProviderParamsSchema,
        querystring: CallbackQuerySchema,
        response: { 302: Redirect('To the app (signed in) or to the login screen with sso_error'), ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const query = Object.fromEntries(Object.entries(request.query).filter((entry): entry is [string, string] => entry[1] !== undefined))
      const result = await fastify.oidc.finish(
        request.params.provider,
        query,
        request.cookies[STATE_COOKIE],
        originOf(request),
        request.cookies[SESSION_COOKIE],
      )
      reply.clearCookie(STATE_COOKIE, { path: CALLBACK_PATH })
      if (!result.ok) return reply.redirect(loginScreen(result.reason), 302)
      reply.setCookie(SESSION_COOKIE, result.session.secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request.protocol),
        expires: result.session.expiresAt,
      })
      return reply.redirect('/', 302)
    },
  )
}
export default oidcRoutes
