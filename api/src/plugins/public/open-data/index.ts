// The open-data routes, public without a session, GET (and HEAD) only, limited per address:
// /p/{planCode}/data.json, /p/{planCode}/measures.csv, a published survey's results.json, public
// evidence and published reports, and /open-data/catalog.jsonld. Data answers carry an ETag (the
// body's sha256) and Last-Modified (the latest public change), and a repeated request with either
// gets 304. Unknown and unpublished plans alike are 404.
import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { PlanDocumentSchema, PublishedSurveyResultsSchema } from '@apt/shared'
import type { RouteOptions } from '../../../routes/index.js'
import { errorResponses } from '../../../routes/responses.js'
import { attachmentDisposition } from '../../app/evidence/file-types.js'
import { CATALOG_PATH } from './catalog.js'
import { createOpenData, type PublicData, type PublicFile } from './open-data.js'

/** Harvesters and scripts read often; a person never comes near this (the login's limit is 30). */
export const OPEN_DATA_RATE_LIMIT = { max: 300, timeWindow: '1 minute' }
/** Short: a published change shows within five minutes; revalidation with the ETag is cheap. */
const CACHE_CONTROL = 'public, max-age=300'

const Code = (description: string) => Type.String({ minLength: 1, maxLength: 40, description })
const PlanParams = Type.Object({ planCode: Code('The plan’s code, e.g. BNN-2023-2024') })
const binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description })
const NotModified = Type.Null({ description: 'Not modified since the ETag (If-None-Match) or date (If-Modified-Since) sent' })
const notFoundOrThrottled = errorResponses(400, 404, 429)

const etagOf = (bytes: Buffer | string) => `"${createHash('sha256').update(bytes).digest('base64url')}"`

/** RFC 9110 § 13.1: If-None-Match wins over If-Modified-Since; both compare what the client holds. */
function notModified(request: FastifyRequest, etag: string, updatedAt: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')))
  const since = Date.parse(request.headers['if-modified-since'] ?? '')
  return Number.isFinite(since) && Math.floor(updatedAt.getTime() / 1000) * 1000 <= since
}

/** Sends a public answer with its validators, or 304 when the client holds it already. */
function sendData(request: FastifyRequest, reply: FastifyReply, mediaType: string, data: PublicData<unknown>) {
  const text = typeof data.body === 'string' ? data.body : JSON.stringify(data.body)
  const etag = etagOf(text)
  reply.header('etag', etag).header('last-modified', data.updatedAt.toUTCString()).header('cache-control', CACHE_CONTROL)
  // Harvesters run in browsers too (the portal's preview): the data is public, so any origin may read it.
  reply.header('access-control-allow-origin', '*')
  if (notModified(request, etag, data.updatedAt)) return reply.code(304).send()
  return reply.type(mediaType).send(text)
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: PublicFile, etag: string) {
  reply
    .header('etag', etag)
    .header('last-modified', file.updatedAt.toUTCString())
    .header('cache-control', CACHE_CONTROL)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
  if (notModified(request, etag, file.updatedAt)) return reply.code(304).send()
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('content-length', file.size)
    .send(file.body)
}

const openData: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, opts) => {
  const data = createOpenData(fastify.db)
  const baseUrl = opts.config.PUBLIC_URL.replace(/\/+$/, '')
  const config = { access: 'public' as const, rateLimit: OPEN_DATA_RATE_LIMIT }
  const tags = ['open data']

  fastify.get(
    '/p/:planCode/data.json',
    {
      config,
      schema: {
        tags,
        summary: 'A published plan as `action-plan/1` (docs/formats/plan.schema.json), with only what is public',
        description:
          'The plan, its action lines and measures with their institutions, deadlines, budgets, official status and assessment, and accepted progress texts only. 404 for an unknown or unpublished plan.',
        params: PlanParams,
        response: { 200: PlanDocumentSchema, 304: NotModified, ...notFoundOrThrottled },
      },
    },
    async (request, reply) => sendData(request, reply, 'application/json; charset=utf-8', await data.planDocument(request.params.planCode)),
  )

  fastify.get(
    '/p/:planCode/measures.csv',
    {
      config,
      schema: {
        tags,
        summary: 'A published plan’s measures, one row each (CSV, UTF-8 with BOM; columns in docs/formats/measures-csv.md)',
        params: PlanParams,
        response: { 200: binary('CSV'), 304: NotModified, ...notFoundOrThrottled },
      },
    },
    async (request, reply) => {
      const csv = await data.measuresCsv(request.params.planCode)
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(request.params.planCode)}-measures.csv"`)
      return sendData(request, reply, 'text/csv; charset=utf-8', csv)
    },
  )

  fastify.get(
    '/p/:planCode/surveys/:surveyCode/results.json',
    {
      config,
      schema: {
        tags,
        summary: 'A published survey’s aggregate results: counts and shares per question, free texts only where published',
        params: Type.Object({ ...PlanParams.properties, surveyCode: Code('The survey’s code') }),
        response: { 200: PublishedSurveyResultsSchema, 304: NotModified, ...notFoundOrThrottled },
      },
    },
    async (request, reply) =>
      sendData(
        request,
        reply,
        'application/json; charset=utf-8',
        await data.surveyResults(request.params.planCode, request.params.surveyCode),
      ),
  )

  const FileParams = Type.Object({ ...PlanParams.properties, id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })

  fastify.get(
    '/p/:planCode/evidence/:id',
    {
      config,
      schema: {
        tags,
        summary: 'An evidence file marked public, of an accepted submission of a published plan (404 otherwise)',
        params: FileParams,
        response: { 200: binary('The file as uploaded'), 304: NotModified, ...notFoundOrThrottled },
      },
    },
    async (request, reply) => {
      const file = await data.evidenceFile(request.params.planCode, request.params.id)
      // The bytes never change under an evidence id; its public mark does, and a private file is 404.
      return sendFile(request, reply, file, `"evidence-${request.params.id}-${file.updatedAt.getTime()}"`)
    },
  )

  fastify.get(
    '/p/:planCode/reports/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A report export published with the plan (DOCX; 404 otherwise)',
        params: FileParams,
        response: { 200: binary('DOCX document'), 304: NotModified, ...notFoundOrThrottled },
      },
    },
    async (request, reply) => {
      const file = await data.reportFile(request.params.planCode, request.params.id)
      return sendFile(request, reply, file, `"report-${request.params.id}-${file.updatedAt.getTime()}"`)
    },
  )

  fastify.get(
    CATALOG_PATH,
    {
      config,
      schema: {
        tags,
        summary: 'The DCAT-AP catalogue (JSON-LD) of every published plan and survey result, for the national open-data portal',
        response: {
          200: Type.Unsafe<object>({ type: 'object', description: 'A dcat:Catalog in JSON-LD' }),
          304: NotModified,
          429: errorResponses(429)[429],
        },
      },
    },
    async (request, reply) => sendData(request, reply, 'application/ld+json; charset=utf-8', await data.catalog(baseUrl)),
  )
}

export default openData
