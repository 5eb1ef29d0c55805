// Evidence (registered under /api/evidence): download, remove. Adding it is under /api/submissions/:id/evidence.
import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { type Evidence, EvidenceSchema, IdParamsSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { attachmentDisposition, EVIDENCE_MEDIA_TYPES } from '../../../plugins/app/evidence/file-types.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

// Files are streamed as they are; the binary schemas only document the file types in OpenAPI.
const binary = { schema: { type: 'string', format: 'binary' } }

const evidence: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['evidence'],
        summary: 'Download a file as an attachment (a link answers with its JSON)',
        description:
          'For whoever may see the submission (403 otherwise). The original bytes with the type detected at upload, `Content-Disposition: attachment` with an ASCII name and the UTF-8 name (RFC 5987), and `X-Content-Type-Options: nosniff`.',
        params: IdParamsSchema,
        response: {
          200: Type.Unsafe<Buffer | Readable | Evidence>({
            description: 'The file, or the link evidence as JSON',
            content: {
              ...Object.fromEntries(EVIDENCE_MEDIA_TYPES.map((type) => [type, binary])),
              'application/json': { schema: EvidenceSchema },
            },
          }),
          ...errorResponses(...AUTHENTICATED, 404),
        },
      },
    },
    async (request, reply) => {
      const { meta, body } = await fastify.evidence.download(actorOf(request), request.params.id)
      if (meta.kind === 'link' || !body) return reply.type('application/json').send(meta)
      return reply
        .header('content-type', meta.mediaType ?? 'application/octet-stream')
        .header('content-disposition', attachmentDisposition(meta.fileName))
        .header('content-length', Buffer.isBuffer(body) ? body.length : (meta.size ?? 0))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(body)
    },
  )

  fastify.delete(
    '/:id',
    {
      config: { access: RoleGroup.writers },
      schema: {
        tags: ['evidence'],
        summary: 'Remove evidence from a draft or returned submission',
        description: '409 EVIDENCE_LOCKED once the submission is submitted, endorsed or accepted.',
        params: IdParamsSchema,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) => {
      await fastify.evidence.remove(actorOf(request), request.params.id)
      return reply.status(204).send(null)
    },
  )
}
export default evidence
