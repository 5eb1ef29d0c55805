// The environment, validated once at boot into a typed object; a bad value stops the start with a clear message.
import { Type, type Static } from '@sinclair/typebox'
import envSchema from 'env-schema'
import { isIP } from 'node:net'
import { loadOidcProviders, type OidcProviderConfig } from './plugins/app/auth/oidc/providers-config.js'

const ConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** The tables' owner, which runs the migrations; DATABASE_URL is then the runtime role, granted only what it needs. */
  MIGRATION_DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ default: './data' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  /**
   * Load the demo plan, survey and users on a first start. Unset: only on an empty embedded database;
   * `true` set explicitly: on PostgreSQL too; `false`: never. See `wantsDemoData`.
   */
  DEMO_DATA: Type.Optional(Type.Boolean()),
  ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  /**
   * Reverse proxies in front: how many (`1`, `2`) or their addresses and CIDR ranges, comma-separated
   * (`10.0.0.5,10.0.1.0/24`); `false` (the default) for none. Never "any" (`true`, `*`): any client
   * could then name its own address. Parsed by `parseTrustProxy`.
   */
  TRUST_PROXY: Type.String({ default: 'false', maxLength: 2000 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Largest JSON body in KiB (plan imports have their own, larger limit). */
  BODY_LIMIT_KB: Type.Integer({ default: 1024, minimum: 1 }),
  IMPORT_MAX_MB: Type.Integer({ default: 20, minimum: 1 }),
  UPLOAD_MAX_MB: Type.Integer({ default: 20, minimum: 1 }),
  /** Largest plan file (DOCX, XLSX) to import, in MB; the file is read into memory whole. */
  PLAN_FILE_MAX_MB: Type.Integer({ default: 10, minimum: 1 }),
  /** Per-process cap on auth requests per client address, in front of the database-backed login throttle. */
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 30, minimum: 1 }),
  /** Password of the demo users (random and printed once when unset). */
  DEMO_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  SESSION_IDLE_MINUTES: Type.Integer({ default: 120, minimum: 1 }),
  SESSION_MAX_HOURS: Type.Integer({ default: 12, minimum: 1 }),
  /** Minutes between checks of the audit log's hash chain (the first at start); 0 turns them off. */
  AUDIT_VERIFY_MINUTES: Type.Integer({ default: 60, minimum: 0, maximum: 10_080 }),
  /** Where people reach the web app: the links in e-mails start with it. */
  PUBLIC_URL: Type.String({ default: 'http://127.0.0.1:3000', pattern: '^https?://' }),
  /** smtp://user:pass@host:587 or smtps://…; without it e-mails are written to the log and kept in the outbox. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Rīcības plāna uzraudzība <noreply@localhost>', minLength: 3 }),
  /** Seconds between the notification worker's rounds (sending the outbox, time-driven reminders); 0 turns it off. */
  NOTIFY_INTERVAL_SECONDS: Type.Integer({ default: 30, minimum: 0, maximum: 3600 }),
  /** Serve the built SPA from this folder when it exists. */
  WEB_DIST: Type.Optional(Type.String()),
  /**
   * Single sign-on with one OpenID Connect provider (all three or none); its redirect URI is
   * {PUBLIC_URL}/api/auth/oidc/{OIDC_ID}/callback. More providers: OIDC_PROVIDERS_FILE. See docs/deployment.md.
   */
  OIDC_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  /** The login button's text. */
  OIDC_LABEL: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** The provider's id in the routes and in stored identities. */
  OIDC_ID: Type.Optional(Type.String({ minLength: 1 })),
  /** Take the provider's e-mail as verified without `email_verified` (Microsoft Entra ID sends none). */
  OIDC_TRUST_EMAIL: Type.Optional(Type.Boolean()),
  /** A JSON list of providers, e.g. one per ministry, each with its own automatic-account rule. */
  OIDC_PROVIDERS_FILE: Type.Optional(Type.String({ minLength: 1 })),
})

/** Fastify's `trustProxy`: no proxy, a hop count, or the proxies' addresses and ranges. */
export type TrustProxy = false | number | string[]

export type Config = Omit<Static<typeof ConfigSchema>, 'TRUST_PROXY'> & {
  TRUST_PROXY: TrustProxy
  /** The single sign-on providers (OIDC_* and OIDC_PROVIDERS_FILE), checked; empty when none is configured. */
  OIDC_PROVIDERS: OidcProviderConfig[]
}

/** proxy-addr's names for well-known ranges, allowed in the list beside addresses and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const version = isIP(address)
  if (!version || rest.length > 0) return false
  if (prefix === undefined) return true
  // A prefix length, or (IPv4) a netmask such as 255.255.255.0.
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (version === 4 ? 32 : 128)
  return version === 4 && isIP(prefix) === 4
}

/** TRUST_PROXY's text as Fastify's setting; throws one clear sentence for "any" and for anything unreadable. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase()
  if (text === '' || text === 'false' || text === '0') return false
  if (text === 'true' || text === '*')
    throw new Error(
      `TRUST_PROXY=${value.trim()} would trust any X-Forwarded-For, so every client could choose its own address; ` +
        'set the number of proxies in front (e.g. TRUST_PROXY=1) or their addresses (e.g. TRUST_PROXY=10.0.0.5,10.0.1.0/24)',
    )
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    if (hops > 10) throw new Error(`TRUST_PROXY=${value.trim()} hops is implausible; give the number of proxies in front (1 to 10)`)
    return hops
  }
  const entries = value.split(',').map((e) => e.trim())
  const bad = entries.filter((e) => !isAddressOrRange(e))
  if (bad.length > 0)
    throw new Error(
      `TRUST_PROXY must be a number of proxies (e.g. 1) or a comma-separated list of proxy addresses or CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
    )
  return entries
}

/** Whether a first start loads the demo data: as DEMO_DATA says, and when it is unset only on the embedded database. */
export const wantsDemoData = (config: Pick<Config, 'DEMO_DATA' | 'DATABASE_URL'>): boolean => config.DEMO_DATA ?? !config.DATABASE_URL

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = envSchema<Static<typeof ConfigSchema>>({ schema: ConfigSchema, data: env, dotenv: false })
  return { ...raw, TRUST_PROXY: parseTrustProxy(raw.TRUST_PROXY), OIDC_PROVIDERS: loadOidcProviders(raw, env) }
}
