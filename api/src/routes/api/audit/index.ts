import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AuditEntrySchema, AuditQuerySchema, Role } from '@apt/shared'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const audit: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { access: [Role.admin, Role.planCoordinator] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: AuditQuerySchema,
        response: { 200: Type.Array(AuditEntrySchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    async (request) => {
      const q = request.query
      const rows = await fastify.audit.list({
        entityType: q.entity,
        entityId: q.entityId,
        actorId: q.actor,
        from: q.from,
        to: q.to,
        limit: q.limit,
        offset: q.offset,
      })
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }))
    },
  )
}
export default audit
