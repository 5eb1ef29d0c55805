// The environment, validated once at boot into a typed object; a bad value stops the start with a clear message.
import { Type, type Static } from '@sinclair/typebox'
import envSchema from 'env-schema'

const ConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** The tables' owner, which runs the migrations; DATABASE_URL is then the runtime role, granted only what it needs. */
  MIGRATION_DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ default: './data' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DEMO_DATA: Type.Boolean({ default: true }),
  ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Largest JSON body in KiB (plan imports have their own, larger limit). */
  BODY_LIMIT_KB: Type.Integer({ default: 1024, minimum: 1 }),
  IMPORT_MAX_MB: Type.Integer({ default: 20, minimum: 1 }),
  UPLOAD_MAX_MB: Type.Integer({ default: 20, minimum: 1 }),
  /** Per-process cap on auth requests per client address, in front of the database-backed login throttle. */
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 30, minimum: 1 }),
  /** Password of the demo users (random and printed once when unset). */
  DEMO_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  SESSION_IDLE_MINUTES: Type.Integer({ default: 120, minimum: 1 }),
  SESSION_MAX_HOURS: Type.Integer({ default: 12, minimum: 1 }),
  /** Minutes between checks of the audit log's hash chain (the first at start); 0 turns them off. */
  AUDIT_VERIFY_MINUTES: Type.Integer({ default: 60, minimum: 0, maximum: 10_080 }),
  /** Serve the built SPA from this folder when it exists. */
  WEB_DIST: Type.Optional(Type.String()),
})

export type Config = Static<typeof ConfigSchema>

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return envSchema<Config>({ schema: ConfigSchema, data: env, dotenv: false })
}
