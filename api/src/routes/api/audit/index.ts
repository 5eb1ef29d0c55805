// The audit log: admins read everything, a plan's coordinator the changes within its plans.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AuditEntrySchema, AuditQuerySchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const audit: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, with who acted by name and what each record is called',
        description:
          'Admins read everything; plan coordinators read the changes within the plans their institution coordinates. `plan` narrows to one plan (403 when the caller may not read its log).',
        querystring: AuditQuerySchema,
        response: { 200: Type.Array(AuditEntrySchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.auditLog.list(actorOf(request), request.query),
  )
}
export default audit
