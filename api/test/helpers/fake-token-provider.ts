// A tiny OpenID Connect provider whose ID tokens can carry one chosen defect — expired, signed with a
// key that is not in its published key set, or for another audience — to prove the app refuses each.
// Everything else is as a real provider does it (discovery, JWKS, PKCE checked, client authenticated),
// so that a token without the defect signs in: the refusals come from the defect alone.
import { createHash, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import type { TestAccount } from './oidc-provider.js'

export type TokenDefect = 'none' | 'expired' | 'wrong_key' | 'wrong_audience'

export async function startFakeTokenProvider(
  client: { clientId: string; clientSecret: string; redirectUri: string },
  account: TestAccount,
) {
  const good = await generateKeyPair('RS256')
  const other = await generateKeyPair('RS256')
  const publicJwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  const codes = new Map<string, { nonce: string; challenge: string; defect: TokenDefect }>()
  let defect: TokenDefect = 'none'

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      })
    if (url.pathname === '/jwks') return json(200, { keys: [publicJwk] })
    if (url.pathname === '/authorize') {
      const p = url.searchParams
      if (
        p.get('client_id') !== client.clientId ||
        p.get('redirect_uri') !== client.redirectUri ||
        p.get('code_challenge_method') !== 'S256'
      )
        return json(400, { error: 'invalid_request' })
      const code = randomBytes(16).toString('hex')
      codes.set(code, { nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', defect })
      const back = new URL(client.redirectUri)
      back.searchParams.set('code', code)
      back.searchParams.set('state', p.get('state') ?? '')
      res.writeHead(302, { location: back.href })
      return res.end()
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body)
          // Basic with each part form-urlencoded first (RFC 6749 2.3.1), as openid-client sends it.
          const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
            .toString()
            .split(':')
            .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
          if (id !== client.clientId || secret !== client.clientSecret) return json(401, { error: 'invalid_client' })
          const issued = codes.get(form.get('code') ?? '')
          codes.delete(form.get('code') ?? '')
          const verifier = form.get('code_verifier') ?? ''
          if (!issued || createHash('sha256').update(verifier).digest('base64url') !== issued.challenge)
            return json(400, { error: 'invalid_grant' })
          const now = Math.floor(Date.now() / 1000)
          const times = issued.defect === 'expired' ? { iat: now - 7200, exp: now - 3600 } : { iat: now, exp: now + 300 }
          const idToken = await new SignJWT({
            nonce: issued.nonce,
            email: account.email,
            email_verified: account.email_verified,
            name: account.name,
          })
            .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
            .setIssuer(issuer)
            .setSubject(account.sub)
            .setAudience(issued.defect === 'wrong_audience' ? 'someone-else' : client.clientId)
            .setIssuedAt(times.iat)
            .setExpirationTime(times.exp)
            .sign(issued.defect === 'wrong_key' ? other.privateKey : good.privateKey)
          json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken })
        })()
      })
      return
    }
    json(404, { error: 'not_found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    issuer,
    /** The defect the next ID token carries. */
    setDefect(next: TokenDefect) {
      defect = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
