// Data access for personal API tokens: only the digest of a token's secret is stored. No permissions here.
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.js'
import { type ApiToken, apiTokens } from '../../../db/schema/index.js'

export const tokensOf = (executor: DbOrTx, userId: number) =>
  executor.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id))

export async function insertToken(executor: DbOrTx, userId: number, name: string, tokenHash: string): Promise<ApiToken> {
  const [row] = await executor.insert(apiTokens).values({ userId, name, tokenHash }).returning()
  return row!
}

/** Revokes a user's live token; undefined when the user has no such token (or it is revoked already). */
export async function revokeToken(executor: DbOrTx, userId: number, id: number): Promise<ApiToken | undefined> {
  const [row] = await executor
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning()
  return row
}
