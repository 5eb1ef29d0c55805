import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AuditEntrySchema, AuditQuerySchema, ErrorCode, Role } from '@apt/shared'
import { eq } from 'drizzle-orm'
import { plans } from '../../../db/schema/index.js'
import { currentUser } from '../../../plugins/app/auth/access.js'
import { AppError } from '../../../plugins/app/errors.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const audit: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { access: [Role.admin, Role.planCoordinator] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        description: 'Admins read everything; plan coordinators read the changes within the plans their institution coordinates.',
        querystring: AuditQuerySchema,
        response: { 200: Type.Array(AuditEntrySchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    async (request) => {
      const q = request.query
      const user = currentUser(request)
      for (const [field, value] of [
        ['from', q.from],
        ['to', q.to],
      ] as const)
        if (value !== undefined && Number.isNaN(Date.parse(value)))
          throw new AppError(ErrorCode.validationFailed, `querystring/${field} is not a valid time`, {
            errors: [{ path: `querystring/${field}`, message: 'must be a valid date-time' }],
          })
      const planIds =
        user.role === Role.admin
          ? undefined
          : (await fastify.db.select({ id: plans.id }).from(plans).where(eq(plans.coordinatorId, user.institutionId))).map((p) => p.id)
      const rows = await fastify.audit.list({
        planIds,
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
