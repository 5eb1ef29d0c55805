import { Type, type Static } from '@sinclair/typebox'
import { RoleSchema } from './enums.js'
import { CodeSchema } from './plan-document.js'
import { IdSchema, Nullable, TimestampSchema, VersionSchema } from './common.js'
import { UserAbilitiesSchema } from './abilities.js'

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 })

export const UserSchema = Type.Object({
  id: IdSchema,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  institution: Type.String({ description: 'Institution code' }),
  institutionName: Type.String(),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(TimestampSchema),
  /** Whether a password signs the user in: the account has one and its institution does not require single sign-on. */
  passwordSignIn: Type.Boolean(),
  /** The single sign-on providers (ids) the user has signed in with. */
  ssoProviders: Type.Array(Type.String()),
  version: Type.Integer(),
})
export type User = Static<typeof UserSchema>

/** A logout that should continue at the single sign-on provider, to end its session too. */
export const LogoutSchema = Type.Object({ endSessionUrl: Type.String() })
export type Logout = Static<typeof LogoutSchema>

/** A single sign-on provider the login screen offers (GET /api/auth/providers). */
export const SsoProviderSchema = Type.Object({ id: Type.String(), label: Type.String() })
export type SsoProvider = Static<typeof SsoProviderSchema>

export const LoginSchema = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
)
export type Login = Static<typeof LoginSchema>

export const SessionInfoSchema = Type.Object({
  user: UserSchema,
  /** Send as X-CSRF-Token on every unsafe cookie-authenticated request; null for API tokens. */
  csrfToken: Nullable(Type.String()),
  /** What the user's role opens in the app; per-record abilities come with each record. */
  abilities: UserAbilitiesSchema,
})
export type SessionInfo = Static<typeof SessionInfoSchema>

/** Who is logged in, asked without an error status: `user` null (and no abilities) when nobody is. */
export const CurrentSessionSchema = Type.Object({
  user: Nullable(UserSchema),
  csrfToken: Nullable(Type.String()),
  abilities: UserAbilitiesSchema,
})
export type CurrentSession = Static<typeof CurrentSessionSchema>

export const ChangePasswordSchema = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
)
export type ChangePassword = Static<typeof ChangePasswordSchema>

export const CreateUserSchema = Type.Object(
  { email: EmailSchema, name: Type.String({ minLength: 1, maxLength: 200 }), institution: CodeSchema, role: RoleSchema },
  { additionalProperties: false },
)
export type CreateUser = Static<typeof CreateUserSchema>

export const CreatedUserSchema = Type.Object({
  user: UserSchema,
  /** Shown once; the user must change it at first login. */
  oneTimePassword: Type.String(),
})
export type CreatedUser = Static<typeof CreatedUserSchema>

export const UpdateUserSchema = Type.Object(
  {
    version: VersionSchema,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    institution: Type.Optional(CodeSchema),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type UpdateUser = Static<typeof UpdateUserSchema>

export const ApiTokenSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  createdAt: TimestampSchema,
  lastUsedAt: Nullable(TimestampSchema),
  revokedAt: Nullable(TimestampSchema),
})
export type ApiToken = Static<typeof ApiTokenSchema>
export const CreateApiTokenSchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export type CreateApiToken = Static<typeof CreateApiTokenSchema>
export const CreatedApiTokenSchema = Type.Composite([ApiTokenSchema, Type.Object({ token: Type.String({ description: 'Shown once' }) })])
export type CreatedApiToken = Static<typeof CreatedApiTokenSchema>

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: TimestampSchema,
  actorId: Nullable(Type.Integer()),
  actorLabel: Nullable(Type.String()),
  /** The acting user's name; for a row without a user (a failed login) its `actorLabel`; null for the system. */
  actorName: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  /**
   * What the record is called, in Latvian: "2.3. pasākums", "2.3. pasākums — VPD" (a submission), a
   * round's title, a plan's code, an institution's code, a user's or token's name, a file's name.
   */
  entityLabel: Nullable(Type.String()),
  planId: Nullable(Type.Integer()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
})
export type AuditEntry = Static<typeof AuditEntrySchema>
/** A time filter: RFC 3339 with its offset, between 1970 and 9999 in UTC (the API's date-time format checks the range). */
const TimeFilterSchema = Type.String({ format: 'date-time', maxLength: 40, description: 'RFC 3339, 1970–9999 UTC' })
export const AuditQuerySchema = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 40, description: 'Entity type: plan, measure, user, …' })),
    entityId: Type.Optional(Type.String({ maxLength: 40 })),
    plan: Type.Optional(IdSchema),
    actor: Type.Optional(IdSchema),
    from: Type.Optional(TimeFilterSchema),
    to: Type.Optional(TimeFilterSchema),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
  },
  // `from` not after `to` (checked by the API's validator).
  { 'x-ordered': [['from', 'to']] },
)
export type AuditQuery = Static<typeof AuditQuerySchema>
/**
 * A check of the audit log's hash chain (GET /api/audit/verify): every row's hash recomputed from its
 * content and each row's `prevHash` compared with the row before it. `content`: the row's content no
 * longer gives its hash (it was changed); `link`: it does not follow the row before it (a row was
 * removed or put in between, or the row before was rewritten with a new hash).
 */
export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  rows: Type.Integer({ minimum: 0 }),
  /** The latest row: with its hash, an anchor to keep outside the database. */
  head: Nullable(Type.Object({ id: Type.Integer(), hash: Type.String() })),
  firstBroken: Nullable(Type.Object({ id: Type.Integer(), reason: Type.Union([Type.Literal('content'), Type.Literal('link')]) })),
})
export type AuditVerification = Static<typeof AuditVerificationSchema>
