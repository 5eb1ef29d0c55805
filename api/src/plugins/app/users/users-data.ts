// Data access for user accounts: the view responses show, look-ups, and the writes. Passwords are
// hashed by the caller; no permissions here.
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { User as UserView } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { apiTokens, institutions, type NewUser, sessions, type User, userIdentities, users } from '../../../db/schema/index.js'
import { notFound } from '../errors.js'

const viewColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institution: institutions.code,
  institutionName: institutions.name,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lastLoginAt: users.lastLoginAt,
  // How the user can sign in: a password (unless the institution requires single sign-on), the providers it used.
  passwordSignIn: sql<boolean>`(${users.passwordHash} is not null and not ${institutions.ssoRequired})`.mapWith(Boolean),
  ssoProviders: sql<string[]>`(
    select coalesce(json_agg(${userIdentities.provider} order by ${userIdentities.provider}), '[]'::json)
    from ${userIdentities} where ${userIdentities.userId} = ${users.id}
  )`,
  version: users.version,
}

type ViewRow = { lastLoginAt: Date | null } & Omit<UserView, 'lastLoginAt'>
const toView = (row: ViewRow): UserView => ({ ...row, lastLoginAt: row.lastLoginAt?.toISOString() ?? null })

export async function userView(executor: DbOrTx, id: number): Promise<UserView> {
  const [row] = await executor
    .select(viewColumns)
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, id))
  if (!row) throw notFound('User')
  return toView(row)
}

export async function userViews(executor: DbOrTx): Promise<UserView[]> {
  const rows = await executor
    .select(viewColumns)
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .orderBy(asc(users.name))
  return rows.map(toView)
}

export async function userRow(executor: DbOrTx, id: number): Promise<User> {
  const [row] = await executor.select().from(users).where(eq(users.id, id))
  if (!row) throw notFound('User')
  return row
}

/** E-mails match case-insensitively, as the unique index does. */
export async function userByEmail(executor: DbOrTx, email: string): Promise<User | undefined> {
  const [row] = await executor
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
  return row
}

export async function institutionIdByCode(executor: DbOrTx, code: string): Promise<number | undefined> {
  const [inst] = await executor.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code))
  return inst?.id
}

export async function insertUser(executor: DbOrTx, values: NewUser): Promise<User> {
  const [row] = await executor.insert(users).values(values).returning()
  return row!
}

/** Changes a user if it still has `version`; undefined when someone changed it meanwhile. */
export async function updateUserRow(executor: DbOrTx, id: number, version: number, changes: Partial<User>): Promise<User | undefined> {
  const [row] = await executor
    .update(users)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning()
  return row
}

export const touchLastLogin = (executor: DbOrTx, id: number) =>
  executor.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id))

export const revokeTokensOf = (executor: DbOrTx, userId: number) =>
  executor
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))

/** Ends every session of a user except `keep` (the one making a password change). */
export const endOtherSessions = (executor: DbOrTx, userId: number, keep: string | null) =>
  executor.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keep ?? ''}`))
