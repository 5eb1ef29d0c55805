// Personal API tokens for scripts: every user lists, creates and revokes its own. A token is shown
// once, at creation; another user's token "does not exist" (404).
import type { FastifyInstance } from 'fastify'
import type { ApiToken as ApiTokenView, CreatedApiToken } from '@apt/shared'
import type { ApiToken } from '../../../db/schema/index.js'
import { notFound } from '../errors.js'
import type { UserActor } from './actor.js'
import { insertToken, revokeToken, tokensOf } from './api-tokens-data.js'
import { digest, newSecret } from './secrets.js'

const toView = (t: ApiToken): ApiTokenView => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
})

export function createApiTokensService(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    list: async (actor: UserActor): Promise<ApiTokenView[]> => (await tokensOf(db, actor.id)).map(toView),

    async create(actor: UserActor, name: string): Promise<CreatedApiToken> {
      const token = newSecret('apt_')
      const row = await db.transaction(async (tx) => {
        const created = await insertToken(tx, actor.id, name, digest(token))
        await fastify.audit.record(tx, actor, { action: 'token.create', entityType: 'api_token', entityId: created.id, after: created })
        return created
      })
      return { ...toView(row), token }
    },

    async revoke(actor: UserActor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const revoked = await revokeToken(tx, actor.id, id)
        if (!revoked) throw notFound('Token')
        await fastify.audit.record(tx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: revoked.id })
      })
    },
  }
}
