// The e-mail outbox (registered under /api/admin): what was sent, logged (no SMTP_URL), waits for a
// retry or failed, newest first. Admins only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { OutboxItemSchema, RoleGroup } from '@apt/shared'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const outbox: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/outbox',
    {
      config: { access: RoleGroup.admins },
      schema: {
        tags: ['notifications'],
        summary: 'The e-mail outbox, newest first',
        description:
          '`pending` waits for its (next) attempt, `sent` went through SMTP, `logged` was written to the log because no SMTP_URL is set, `failed` gave up after the last retry (see `lastError`).',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
        response: { 200: Type.Array(OutboxItemSchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.notifications.outbox(request.query.limit),
  )
}
export default outbox
