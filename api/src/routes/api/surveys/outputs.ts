// A survey's outputs under /api/surveys/:id: its report (DOCX, Latvian, in the shape of seed 000)
// and its responses workbook (XLSX) — for those who read its results (its coordinators, and the
// report readers once it is open).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import { IdParamsSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { ReportFile } from '../../../plugins/app/report/report-service.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

// Buffers are sent as they are; the schema only documents the file in OpenAPI.
const binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description })

const download = (reply: FastifyReply, file: ReportFile) =>
  reply.type(file.mediaType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes)

const ReportQuerySchema = Type.Object(
  {
    nameUpTo: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1000,
        default: 10,
        description: 'Groups of at most this many institutions are named in parentheses; 0 names none.',
      }),
    ),
  },
  { additionalProperties: false },
)

const outputs: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify) => {
  fastify.get(
    '/:id/report.docx',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['surveys'],
        summary: 'The survey’s report (DOCX, Latvian)',
        description:
          'Per section and question: its heading, a table of the answers with counts and shares and a chart (choice and scale questions), generated Latvian sentences with the figures — small groups (at most `nameUpTo`) named in parentheses — coded answers as categories with counts and names, number sums, means and medians, number tables with totals, and the coordinator’s narrative. Counts are of submitted responses. An annex lists everyone asked and when they answered. A draft survey is its coordinators’ only (404 to others).',
        params: IdParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: binary('DOCX document'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) =>
      download(reply, await fastify.surveyReports.reportDocx(actorOf(request), request.params.id, { nameUpTo: request.query.nameUpTo })),
  )

  fastify.get(
    '/:id/responses.xlsx',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['surveys'],
        summary: 'The survey’s responses (XLSX): a row per institution asked, a column per answer item, and the tallies',
        description:
          'Sheet "Atbildes": code, name, state, submitted at (Riga time), late, then per question its items — a choice’s label, a multiple choice one 0/1 column per option, the "other" text, the coded categories, a number, a number table one column per cell, a text. Only submitted answers are filled in. Sheet "Kopsavilkums": the response rate and per question the counts, shares and institutions, sums, means and medians, table totals.',
        params: IdParamsSchema,
        response: { 200: binary('XLSX workbook'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => download(reply, await fastify.surveyReports.responsesXlsx(actorOf(request), request.params.id)),
  )
}
export default outputs
