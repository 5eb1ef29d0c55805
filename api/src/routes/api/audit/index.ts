// The audit log: admins read everything, a plan's coordinator the changes within its plans; admins
// check its hash chain.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AuditEntrySchema, AuditQuerySchema, AuditVerificationSchema, RoleGroup } from '@apt/shared'
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

  fastify.get(
    '/verify',
    {
      config: { access: RoleGroup.admins },
      schema: {
        tags: ['audit'],
        summary: 'Checks the audit log’s hash chain and names the first row that does not fit',
        description:
          'Recomputes every row’s hash from its content and checks that each row’s `prevHash` is the hash of the row before it, in id order. ' +
          '`firstBroken.reason`: `content` when a row was changed, `link` when a row before it was removed, inserted or rewritten. ' +
          '`head` is the latest row and its hash: kept outside the database (the server logs it at every periodic check), it shows a rewrite of the whole chain.',
        response: { 200: AuditVerificationSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    () => fastify.auditLog.verify(),
  )
}
export default audit
