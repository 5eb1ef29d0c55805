// A real OpenID Connect provider in the test process (the `oidc-provider` package) on a random local
// port, with the app registered as its clients, and a tiny browser (fetch with a cookie jar, redirects
// followed by hand) to go through a sign-on. The provider's login step is answered by our own minimal
// interaction handler: it signs in whichever test account the test chose, as a person typing it would.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface TestAccount {
  sub: string
  email?: string
  email_verified?: boolean
  name?: string
  /** The institution's code, for automatic accounts that take it from a claim. */
  institution?: string
}

export interface TestClient {
  clientId: string
  clientSecret: string
  redirectUri: string
  postLogoutRedirectUri: string
}

export interface TestProvider {
  issuer: string
  /** The account the next login at the provider signs in as. */
  signInAs(account: TestAccount): void
  close(): Promise<void>
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))

export async function startTestProvider(clients: TestClient[], accounts: TestAccount[]): Promise<TestProvider> {
  const server = createServer()
  const port = await listen(server)
  const issuer = `http://127.0.0.1:${port}`
  const bySub = new Map(accounts.map((a) => [a.sub, a]))
  let next: TestAccount | null = null

  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      post_logout_redirect_uris: [c.postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    async findAccount(_ctx: unknown, sub: string) {
      const account = bySub.get(sub)
      if (!account) return undefined
      return { accountId: sub, claims: async () => ({ ...account }) }
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'institution'] },
    // The scopes' claims in the ID token itself (as Entra ID and most providers put them), not only at userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party client: no consent screen.
    async loadExistingGrant(ctx: {
      oidc: {
        provider: { Grant: new (o: object) => { addOIDCScope(s: string): void; save(): Promise<string> } }
        client: { clientId: string }
        session: { accountId: string }
      }
    }) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
    cookies: { keys: ['test-provider-cookie-key'] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
  })
  const handle = provider.callback()
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        const details = await provider.interactionDetails(req, res)
        if (details.prompt.name !== 'login' || !next) throw new Error(`unexpected interaction ${details.prompt.name}`)
        await provider.interactionFinished(req, res, { login: { accountId: next.sub } }, { mergeWithLastSubmission: false })
      })().catch((error: Error) => {
        res.statusCode = 500
        res.end(error.message)
      })
      return
    }
    handle(req, res)
  })

  return {
    issuer,
    signInAs(account) {
      if (!bySub.has(account.sub)) bySub.set(account.sub, account)
      next = account
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A browser's part in a sign-on: cookies per host (path-scoped), redirects followed one by one so the
 * test sees each hop. Only what these flows need: no domains, no expiry beyond Max-Age=0 deletions.
 */
export class Browser {
  private jar = new Map<string, Map<string, { value: string; path: string }>>()

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).host)?.get(name)?.value
  }

  setCookie(origin: string, name: string, value: string, path = '/') {
    const host = new URL(origin).host
    if (!this.jar.has(host)) this.jar.set(host, new Map())
    this.jar.get(host)!.set(name, { value, path })
  }

  private cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.host) ?? new Map()
    return [...cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ')
  }

  private store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim())
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/'
      const gone = attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=Thu, 01 Jan 1970/i.test(a)) || value === ''
      if (!this.jar.has(url.host)) this.jar.set(url.host, new Map())
      if (gone) this.jar.get(url.host)!.delete(name)
      else this.jar.get(url.host)!.set(name, { value, path })
    }
  }

  /** One request, no redirect followed. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url)
    const headers = new Headers(init.headers)
    const cookie = this.cookieHeader(target)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(target, { ...init, headers, redirect: 'manual' })
    this.store(target, response)
    return response
  }

  /**
   * Follows redirects from `url` until one leads to `stopAt` (an origin and path prefix) or an answer
   * is not a redirect; returns the URLs visited and the last response (not followed into `stopAt`).
   */
  async follow(url: string, stopAt: string): Promise<{ hops: string[]; last: string; response: Response }> {
    const hops: string[] = []
    let current = url
    for (let i = 0; i < 20; i++) {
      hops.push(current)
      const response = await this.fetch(current)
      const location = response.headers.get('location')
      if (response.status < 300 || response.status >= 400 || !location) return { hops, last: current, response }
      const next = new URL(location, current).href
      if (next.startsWith(stopAt)) return { hops: [...hops, next], last: next, response }
      current = next
    }
    throw new Error(`too many redirects from ${url}`)
  }
}
