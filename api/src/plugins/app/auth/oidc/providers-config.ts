// Which OpenID Connect providers people may sign in with: one from the OIDC_* variables and/or a
// list in OIDC_PROVIDERS_FILE (one per ministry), read and checked once at boot. A bad entry stops
// the start with a sentence naming the setting and the field — never a secret's value.
import { readFileSync } from 'node:fs'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { ROLES, Role } from '@apt/shared'

/** Ids appear in the routes (/api/auth/oidc/{id}/…) and in stored identities: short, lower-case, stable. */
export const PROVIDER_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,39}$'
export const DEFAULT_LABEL = 'Ienākt ar iestādes kontu'

const AutoAccountsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    /** The role a new account gets; never admin (an administrator is made by an administrator). */
    role: Type.Union(ROLES.filter((r) => r !== Role.admin).map((r) => Type.Literal(r))),
    /** The ID token claim that holds the institution's code (e.g. "institution", or an Entra ID extension claim)… */
    institutionClaim: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** …or one institution's code for everyone of this provider (a ministry's own provider). */
    institution: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
)

const ProviderEntrySchema = Type.Object(
  {
    id: Type.String({ pattern: PROVIDER_ID_PATTERN }),
    label: Type.String({ minLength: 1, maxLength: 100 }),
    issuer: Type.String({ minLength: 1, maxLength: 500 }),
    clientId: Type.String({ minLength: 1, maxLength: 500 }),
    /** The secret itself, or the name of the environment variable that holds it (so the file need hold none). */
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    clientSecretEnv: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 100 })),
    /**
     * Treat the provider's `email` claim as verified even without `email_verified: true`: for a provider
     * that only issues addresses of its own domain and does not send the claim (Microsoft Entra ID).
     */
    trustEmail: Type.Optional(Type.Boolean()),
    autoAccounts: Type.Optional(AutoAccountsSchema),
  },
  { additionalProperties: false },
)

export interface OidcProviderConfig {
  id: string
  label: string
  issuer: string
  clientId: string
  clientSecret: string
  trustEmail: boolean
  autoAccounts: Static<typeof AutoAccountsSchema> | null
}

export interface OidcEnv {
  OIDC_ISSUER?: string
  OIDC_CLIENT_ID?: string
  OIDC_CLIENT_SECRET?: string
  OIDC_LABEL?: string
  OIDC_ID?: string
  OIDC_TRUST_EMAIL?: boolean
  OIDC_PROVIDERS_FILE?: string
}

/** https, or plain http only to this machine (a provider in development or in the tests). */
function issuerProblem(issuer: string): string | null {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null
  return 'must be an https URL (plain http only for localhost)'
}

function checked(entry: Static<typeof ProviderEntrySchema>, where: string, env: Record<string, string | undefined>): OidcProviderConfig {
  const problem = issuerProblem(entry.issuer)
  if (problem) throw new Error(`${where}: issuer ${problem}`)
  if ((entry.clientSecret === undefined) === (entry.clientSecretEnv === undefined))
    throw new Error(`${where}: give exactly one of clientSecret and clientSecretEnv`)
  const clientSecret = entry.clientSecret ?? env[entry.clientSecretEnv!]
  if (!clientSecret) throw new Error(`${where}: the environment variable ${entry.clientSecretEnv} (its client secret) is not set`)
  const auto = entry.autoAccounts ?? null
  if (auto?.enabled && (auto.institutionClaim === undefined) === (auto.institution === undefined))
    throw new Error(
      `${where}: autoAccounts needs exactly one of institutionClaim (a claim holding the institution's code) and institution (a fixed code)`,
    )
  return {
    id: entry.id,
    label: entry.label,
    issuer: entry.issuer,
    clientId: entry.clientId,
    clientSecret,
    trustEmail: entry.trustEmail ?? false,
    autoAccounts: auto?.enabled ? auto : null,
  }
}

/** The first validation error of a value as "/path message", for a one-line start error. */
function firstError(schema: Parameters<typeof Value.Errors>[0], value: unknown): string {
  const error = Value.Errors(schema, value).First()
  return error ? `${error.path || '/'} ${error.message}` : 'is invalid'
}

/** The configured providers, in the order given: the OIDC_* one first, then the file's. Throws one clear sentence. */
export function loadOidcProviders(config: OidcEnv, env: Record<string, string | undefined>): OidcProviderConfig[] {
  const providers: OidcProviderConfig[] = []
  if (config.OIDC_ISSUER !== undefined || config.OIDC_CLIENT_ID !== undefined || config.OIDC_CLIENT_SECRET !== undefined) {
    const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((key) => !config[key])
    if (missing.length) throw new Error(`Single sign-on needs ${missing.join(' and ')} as well (set all three, or none)`)
    const id = config.OIDC_ID ?? 'oidc'
    if (!new RegExp(PROVIDER_ID_PATTERN).test(id)) throw new Error(`OIDC_ID must be lower-case letters, digits and dashes (at most 40)`)
    const problem = issuerProblem(config.OIDC_ISSUER!)
    if (problem) throw new Error(`OIDC_ISSUER ${problem}`)
    providers.push({
      id,
      label: config.OIDC_LABEL ?? DEFAULT_LABEL,
      issuer: config.OIDC_ISSUER!,
      clientId: config.OIDC_CLIENT_ID!,
      clientSecret: config.OIDC_CLIENT_SECRET!,
      trustEmail: config.OIDC_TRUST_EMAIL ?? false,
      autoAccounts: null,
    })
  }
  if (config.OIDC_PROVIDERS_FILE) {
    const file = config.OIDC_PROVIDERS_FILE
    let list: unknown
    try {
      list = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new Error(`OIDC_PROVIDERS_FILE ${file} cannot be read as JSON: ${(error as Error).message.split('\n')[0]}`)
    }
    if (!Array.isArray(list)) throw new Error(`OIDC_PROVIDERS_FILE ${file} must hold a JSON list of providers`)
    list.forEach((entry, index) => {
      const where = `OIDC_PROVIDERS_FILE ${file}, provider ${index + 1}`
      if (!Value.Check(ProviderEntrySchema, entry)) throw new Error(`${where}: ${firstError(ProviderEntrySchema, entry)}`)
      providers.push(checked(entry, where, env))
    })
  }
  const ids = providers.map((p) => p.id)
  const twice = ids.find((id, i) => ids.indexOf(id) !== i)
  if (twice) throw new Error(`Single sign-on provider id "${twice}" is configured twice`)
  return providers
}
