// Evidence on a submission (registered under /api/submissions): upload a file or add a link.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AppError,
  type CreateLinkEvidence,
  CreateLinkEvidenceSchema,
  ErrorCode,
  EvidenceSchema,
  IdParamsSchema,
  RoleGroup,
  UploadEvidenceSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { receiveUpload } from '../../../plugins/app/evidence/upload.js'
import { skipMultipart } from '../../../validation.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const submissionEvidence: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  fastify.post(
    '/:id/evidence',
    {
      config: { access: RoleGroup.writers },
      validatorCompiler: skipMultipart,
      schema: {
        tags: ['evidence'],
        summary: 'Attach a file (multipart field `file`) or a link (JSON `{url, title}`) to a draft or returned submission',
        description: `Files: PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG up to ${config.UPLOAD_MAX_MB} MB; the type is detected from the bytes and must match the name's extension (415 UNSUPPORTED_MEDIA_TYPE), an empty file is 400 EMPTY_FILE, a larger one 413 PAYLOAD_TOO_LARGE. The same file twice on one submission is stored once: 200 with the existing evidence instead of 201. Links: http or https only. 409 EVIDENCE_LOCKED once the submission is handed in.`,
        params: IdParamsSchema,
        body: {
          content: {
            'multipart/form-data': { schema: UploadEvidenceSchema },
            'application/json': { schema: CreateLinkEvidenceSchema },
          },
        },
        response: {
          200: { ...EvidenceSchema, description: 'Already attached: the existing evidence' },
          201: { ...EvidenceSchema, description: 'Attached' },
          ...errorResponses(...AUTHENTICATED, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      const submissionId = request.params.id
      let added
      if (request.isMultipart()) {
        // Refuse before reading up to UPLOAD_MAX_MB from someone who may not attach here.
        await fastify.evidence.assertCanAttach(actor, submissionId)
        // The file streams into the file store chunk by chunk; only then is the evidence row written.
        const staged = await receiveUpload(request, config.UPLOAD_MAX_MB, fastify.evidence.stageUpload, fastify.evidence.discardUpload)
        added = await fastify.evidence.addFile(actor, submissionId, staged)
      } else if (request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
        added = await fastify.evidence.addLink(actor, submissionId, request.body as CreateLinkEvidence)
      } else {
        throw new AppError(ErrorCode.unsupportedMediaType, 'Send multipart/form-data with a field "file", or JSON {url, title}')
      }
      return reply.status(added.created ? 201 : 200).send(added.evidence)
    },
  )
}
export default submissionEvidence
