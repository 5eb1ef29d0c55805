// Evidence (registered under /api): upload a file or add a link to a submission, download, remove.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifySchemaCompiler } from 'fastify'
import { Type } from '@sinclair/typebox'
import {
  type CreateLinkEvidence,
  CreateLinkEvidenceSchema,
  ErrorCode,
  type Evidence,
  EvidenceSchema,
  IdParamsSchema,
  Role,
  UploadEvidenceSchema,
} from '@apt/shared'
import { AppError } from '../../../plugins/app/errors.js'
import { attachmentDisposition, EVIDENCE_MEDIA_TYPES } from '../../../plugins/app/rounds/file-types.js'
import { readUpload } from '../../../plugins/app/rounds/upload.js'
import { validatorCompiler } from '../../../validation.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const writers = { access: [Role.admin, Role.planCoordinator, Role.ministryCoordinator, Role.reporter] } as const

// Buffers are sent as they are; the binary schemas only document the file types in OpenAPI.
const binary = { schema: { type: 'string', format: 'binary' } }

// The multipart body is streamed and checked by the handler (size, type from the bytes), so its
// schema only documents the form; JSON bodies are validated as usual.
const skipMultipart: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' && (route as { contentType?: string }).contentType === 'multipart/form-data'
    ? () => true
    : validatorCompiler(route)

const evidence: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  fastify.post(
    '/submissions/:id/evidence',
    {
      config: writers,
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
      const submissionId = request.params.id
      let added
      if (request.isMultipart()) {
        // Refuse before reading up to UPLOAD_MAX_MB from someone who may not attach here.
        await fastify.evidence.assertCanAttach(request, submissionId)
        added = await fastify.evidence.addFile(request, submissionId, await readUpload(request, config.UPLOAD_MAX_MB))
      } else if (request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
        added = await fastify.evidence.addLink(request, submissionId, request.body as CreateLinkEvidence)
      } else {
        throw new AppError(ErrorCode.unsupportedMediaType, 'Send multipart/form-data with a field "file", or JSON {url, title}')
      }
      return reply.status(added.created ? 201 : 200).send(added.evidence)
    },
  )

  fastify.get(
    '/evidence/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['evidence'],
        summary: 'Download a file as an attachment (a link answers with its JSON)',
        description:
          'For whoever may see the submission (403 otherwise). The original bytes with the type detected at upload, `Content-Disposition: attachment` with an ASCII name and the UTF-8 name (RFC 5987), and `X-Content-Type-Options: nosniff`.',
        params: IdParamsSchema,
        response: {
          200: Type.Unsafe<Buffer | Evidence>({
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
      const { meta, content } = await fastify.evidence.download(request, request.params.id)
      if (meta.kind === 'link' || !content) return reply.type('application/json').send(meta)
      return reply
        .header('content-type', meta.mediaType ?? 'application/octet-stream')
        .header('content-disposition', attachmentDisposition(meta.fileName))
        .header('content-length', content.length)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content)
    },
  )

  fastify.delete(
    '/evidence/:id',
    {
      config: writers,
      schema: {
        tags: ['evidence'],
        summary: 'Remove evidence from a draft or returned submission',
        description: '409 EVIDENCE_LOCKED once the submission is submitted, endorsed or accepted.',
        params: IdParamsSchema,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) => {
      await fastify.evidence.remove(request, request.params.id)
      return reply.status(204).send(null)
    },
  )
}
export default evidence
