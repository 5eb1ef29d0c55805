// Single sign-on with OpenID Connect providers, through openid-client (a certified relying party):
// discovery, the authorization code flow with PKCE, state and nonce, the ID token's issuer, audience,
// expiry and signature checked; then the user is matched (by stored subject, else by verified e-mail,
// else an automatic account where the provider allows one) and gets the very session a password login
// gives (users-service `signInBySso`). Every refusal is audited with its reason.
import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import { ErrorCode, type SsoProvider } from '@apt/shared'
import type { DbOrTx } from '../../../../db/client.js'
import type { User } from '../../../../db/schema/index.js'
import { AppError } from '../../errors.js'
import { insertUser, institutionIdByCode, userByEmail, userRow } from '../../users/users-data.js'
import { type Origin, systemActor } from '../actor.js'
import { digest, safeEqual } from '../secrets.js'
import { identityOf, insertIdentity, insertRequest, sweepRequests, takeRequest, touchIdentity, userByIdentity } from './oidc-data.js'
import type { OidcProviderConfig } from './providers-config.js'

/** How long a begun sign-on may take at the provider. */
export const SIGN_ON_MINUTES = 10
const SCOPE = 'openid email profile'

/** Why a sign-on was refused: the web app's `sso_error` and the audit row's reason. */
export const SsoRefusal = {
  /** The provider answered with an error (the user cancelled, the client is not allowed, …). */
  providerError: 'provider_error',
  /** The provider could not be reached or its discovery document read. */
  providerUnavailable: 'provider_unavailable',
  /** No sign-on of this browser has this state: forged, replayed, expired, or begun in another browser. */
  stateMismatch: 'state_mismatch',
  /** The provider refused the code (used already, expired, not ours). */
  codeRejected: 'code_rejected',
  /** The ID token failed a check: signature, issuer, audience, expiry, nonce. */
  tokenInvalid: 'token_invalid',
  emailUnverified: 'email_unverified',
  unknownAccount: 'unknown_account',
  /** The account is already linked to another identity at this provider. */
  identityConflict: 'identity_conflict',
  deactivated: 'deactivated',
  /** An automatic account's institution (from a claim or the configuration) is not in the registry. */
  unknownInstitution: 'unknown_institution',
} as const
export type SsoRefusal = (typeof SsoRefusal)[keyof typeof SsoRefusal]

/** A refusal on its way to the audit log and the login screen. */
class Refused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    /** What the log may say about it: claims that are not secrets, the library's error code. */
    readonly detail: Record<string, unknown> = {},
    readonly userId: number | null = null,
  ) {
    super(reason)
  }
}

type Claims = oidc.IDToken

const isLoopbackHttp = (issuer: string) => new URL(issuer).protocol === 'http:'

export function createOidcService(fastify: FastifyInstance, options: { providers: OidcProviderConfig[]; publicUrl: string }) {
  const { db } = fastify
  const byId = new Map(options.providers.map((p) => [p.id, p]))
  const publicUrl = options.publicUrl.replace(/\/+$/, '')
  const discovered = new Map<string, Promise<oidc.Configuration>>()

  const redirectUri = (provider: OidcProviderConfig) => `${publicUrl}/api/auth/oidc/${provider.id}/callback`

  function providerOf(id: string): OidcProviderConfig {
    const provider = byId.get(id)
    if (!provider) throw new AppError(ErrorCode.notFound, 'No such sign-on provider')
    return provider
  }

  /** The provider's discovered configuration, fetched once per process; a failure is tried again next time. */
  function configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let pending = discovered.get(provider.id)
    if (!pending) {
      pending = oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        { client_secret: provider.clientSecret },
        oidc.ClientSecretBasic(provider.clientSecret),
        {
          // The ID token's signature is checked against the provider's keys (openid-client leaves it
          // to TLS by default); plain http only for a provider on this machine (config allows no other).
          execute: [oidc.enableNonRepudiationChecks, ...(isLoopbackHttp(provider.issuer) ? [oidc.allowInsecureRequests] : [])],
          timeout: 10,
        },
      )
      pending.catch((error: unknown) => {
        discovered.delete(provider.id)
        fastify.log.warn({ provider: provider.id, err: error }, 'single sign-on provider discovery failed')
      })
      discovered.set(provider.id, pending)
    }
    return pending
  }

  async function refuse(origin: Origin, provider: string, refusal: Refused, label: string | null) {
    await fastify.audit.record(
      db,
      { kind: 'anonymous', label: label ?? `sso:${provider}`, ...origin },
      {
        action: 'auth.sso_refused',
        entityType: 'user',
        entityId: refusal.userId,
        reason: refusal.reason,
        after: { provider, ...refusal.detail },
      },
    )
    return { ok: false as const, reason: refusal.reason }
  }

  /** Exchanges the code and checks the ID token; every failure is a refusal with the library's code. */
  async function tokens(provider: OidcProviderConfig, callbackUrl: URL, state: string, nonce: string, codeVerifier: string) {
    let config: oidc.Configuration
    try {
      config = await configuration(provider)
    } catch {
      throw new Refused(SsoRefusal.providerUnavailable)
    }
    try {
      const result = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      })
      return { claims: result.claims()!, idToken: result.id_token! }
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) throw new Refused(SsoRefusal.providerError, { error: error.error })
      if (error instanceof oidc.ResponseBodyError) throw new Refused(SsoRefusal.codeRejected, { error: error.error })
      // The library's code and message, and its cause's (an invalid response wraps the failed check).
      const codeOf = (e: unknown) => {
        const code = (e as { code?: unknown } | undefined)?.code
        return typeof code === 'string' ? code : null
      }
      let cause: unknown = error
      while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause
      throw new Refused(SsoRefusal.tokenInvalid, {
        error: codeOf(error) ?? 'unknown',
        message: (error as Error).message,
        ...(cause !== error && cause instanceof Error && { cause: `${codeOf(cause) ?? cause.name}: ${cause.message}` }),
      })
    }
  }

  const claimText = (claims: Claims, name: string) => {
    const value = claims[name]
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
  }

  /** A new account for a first sign-on where the provider allows it: no password, the configured role and institution. */
  async function autoAccount(tx: DbOrTx, provider: OidcProviderConfig, claims: Claims, email: string, origin: Origin): Promise<User> {
    const rule = provider.autoAccounts!
    const code = rule.institution ?? claimText(claims, rule.institutionClaim!)
    const institutionId = code === null ? undefined : await institutionIdByCode(tx, code)
    if (institutionId === undefined) throw new Refused(SsoRefusal.unknownInstitution, { institution: code })
    const given = [claimText(claims, 'given_name'), claimText(claims, 'family_name')].filter(Boolean).join(' ')
    const row = await insertUser(tx, {
      email,
      name: claimText(claims, 'name') ?? (given || email),
      role: rule.role,
      institutionId,
      passwordHash: null,
      mustChangePassword: false,
    })
    await fastify.audit.record(tx, systemActor(origin), {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: row,
      reason: `automatic account at the first single sign-on (${provider.id})`,
    })
    return row
  }

  /**
   * The account a validated ID token signs in to, linking the identity at the first sign-on; in the
   * sign-in's transaction, so a refusal leaves nothing behind.
   */
  async function match(tx: DbOrTx, provider: OidcProviderConfig, claims: Claims, origin: Origin): Promise<User> {
    const known = await userByIdentity(tx, provider.id, claims.sub)
    if (known) {
      await touchIdentity(tx, provider.id, claims.sub)
      return known
    }
    const email = claimText(claims, 'email')
    if (email === null) throw new Refused(SsoRefusal.unknownAccount, { sub: claims.sub, email: null })
    if (claims.email_verified !== true && !provider.trustEmail) throw new Refused(SsoRefusal.emailUnverified, { sub: claims.sub, email })
    let user = await userByEmail(tx, email)
    if (user && (await identityOf(tx, user.id, provider.id)))
      throw new Refused(SsoRefusal.identityConflict, { sub: claims.sub, email }, user.id)
    if (!user) {
      if (!provider.autoAccounts) throw new Refused(SsoRefusal.unknownAccount, { sub: claims.sub, email })
      user = await autoAccount(tx, provider, claims, email, origin)
    }
    if (!user.active) throw new Refused(SsoRefusal.deactivated, { sub: claims.sub, email }, user.id)
    const identity = await insertIdentity(tx, { provider: provider.id, subject: claims.sub, userId: user.id })
    await fastify.audit.record(tx, systemActor(origin), {
      action: 'user.sso_link',
      entityType: 'user',
      entityId: user.id,
      after: { provider: identity.provider, subject: identity.subject },
      reason: 'first single sign-on, matched by verified e-mail',
    })
    return userRow(tx, user.id)
  }

  return {
    /** The providers the login screen offers. */
    providers: (): SsoProvider[] => options.providers.map((p) => ({ id: p.id, label: p.label })),

    /**
     * Begins a sign-on: the provider's authorization URL, and the state the browser keeps (cookie) to
     * show at the callback. The nonce and the PKCE verifier stay in the database under the state's digest.
     */
    async begin(providerId: string, origin: Origin): Promise<{ ok: true; url: string; state: string } | { ok: false; reason: SsoRefusal }> {
      const provider = providerOf(providerId)
      let config: oidc.Configuration
      try {
        config = await configuration(provider)
      } catch {
        return refuse(origin, provider.id, new Refused(SsoRefusal.providerUnavailable), null)
      }
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      const codeVerifier = oidc.randomPKCECodeVerifier()
      const now = new Date()
      await sweepRequests(db, now)
      await insertRequest(db, {
        id: digest(state),
        provider: provider.id,
        nonce,
        codeVerifier,
        expiresAt: new Date(now.getTime() + SIGN_ON_MINUTES * 60_000),
      })
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(provider),
        scope: SCOPE,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      })
      return { ok: true, url: url.href, state }
    },

    /**
     * Finishes a sign-on at the callback: `query` as the provider sent it, `browserState` from the
     * cookie `begin` set. A session as a password login gives, or the refusal's reason (audited).
     */
    async finish(
      providerId: string,
      query: Record<string, string>,
      browserState: string | undefined,
      origin: Origin,
      previousSession: string | undefined,
    ) {
      const provider = providerOf(providerId)
      const state = query.state
      let label: string | null = null
      try {
        // The state must be the one this browser was given, and a sign-on begun and not yet finished.
        if (!state || !browserState || !safeEqual(state, browserState))
          throw new Refused(SsoRefusal.stateMismatch, { cookie: Boolean(browserState) })
        const begun = await takeRequest(db, digest(state))
        if (!begun || begun.provider !== provider.id || begun.expiresAt <= new Date())
          throw new Refused(SsoRefusal.stateMismatch, { begun: Boolean(begun) })
        const callbackUrl = new URL(redirectUri(provider))
        for (const [key, value] of Object.entries(query)) callbackUrl.searchParams.set(key, value)
        const { claims, idToken } = await tokens(provider, callbackUrl, state, begun.nonce, begun.codeVerifier)
        label = claimText(claims, 'email') ?? `sso:${provider.id}:${claims.sub}`
        const signedIn = await db.transaction(async (tx) => {
          const user = await match(tx, provider, claims, origin)
          if (!user.active) throw new Refused(SsoRefusal.deactivated, { sub: claims.sub }, user.id)
          return fastify.users.signInBySso(tx, user, origin, previousSession, { provider: provider.id, idToken })
        })
        return { ok: true as const, ...signedIn }
      } catch (error) {
        if (error instanceof Refused) return refuse(origin, provider.id, error, label)
        throw error
      }
    },

    /**
     * Where to send the browser to end the provider's session too, after our logout; null when the
     * provider offers no end_session_endpoint (or is no longer configured).
     */
    async endSessionUrl(sso: { provider: string; idToken: string }): Promise<string | null> {
      const provider = byId.get(sso.provider)
      if (!provider) return null
      try {
        const config = await configuration(provider)
        if (!config.serverMetadata().end_session_endpoint) return null
        return oidc.buildEndSessionUrl(config, { id_token_hint: sso.idToken, post_logout_redirect_uri: `${publicUrl}/login` }).href
      } catch {
        return null
      }
    },
  }
}

export type OidcService = ReturnType<typeof createOidcService>
