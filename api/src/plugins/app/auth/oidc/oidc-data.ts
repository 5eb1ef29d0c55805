// Data access for single sign-on: sign-ons begun (state → nonce and PKCE verifier) and the users'
// identities at providers. No permissions here.
import { and, eq, lt } from 'drizzle-orm'
import type { DbOrTx } from '../../../../db/client.js'
import { institutions, oidcRequests, type User, userIdentities, users } from '../../../../db/schema/index.js'

export async function insertRequest(executor: DbOrTx, row: typeof oidcRequests.$inferInsert) {
  await executor.insert(oidcRequests).values(row)
}

/** Takes a begun sign-on by its state's digest: it is deleted, so a state serves one callback at most. */
export async function takeRequest(executor: DbOrTx, id: string) {
  const [row] = await executor.delete(oidcRequests).where(eq(oidcRequests.id, id)).returning()
  return row
}

export const sweepRequests = (executor: DbOrTx, now: Date) => executor.delete(oidcRequests).where(lt(oidcRequests.expiresAt, now))

/** The user an identity at a provider belongs to. */
export async function userByIdentity(executor: DbOrTx, provider: string, subject: string): Promise<User | undefined> {
  const [row] = await executor
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)))
  return row?.user
}

/** Whether the user already has an identity at the provider (then a different subject is someone else). */
export async function identityOf(executor: DbOrTx, userId: number, provider: string) {
  const [row] = await executor
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), eq(userIdentities.provider, provider)))
  return row
}

export async function insertIdentity(executor: DbOrTx, values: { provider: string; subject: string; userId: number }) {
  const [row] = await executor
    .insert(userIdentities)
    .values({ ...values, lastUsedAt: new Date() })
    .returning()
  return row!
}

export const touchIdentity = (executor: DbOrTx, provider: string, subject: string) =>
  executor
    .update(userIdentities)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)))

export async function ssoRequiredFor(executor: DbOrTx, institutionId: number): Promise<boolean> {
  const [row] = await executor
    .select({ ssoRequired: institutions.ssoRequired })
    .from(institutions)
    .where(eq(institutions.id, institutionId))
  return row?.ssoRequired ?? false
}
