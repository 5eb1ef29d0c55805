// Plans from files (registered under /api/plans): the Cabinet order's annex table (.docx) and the
// plan workbook (.xlsx), each read into a plan and then imported as a draft, or previewed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  ImportResultSchema,
  type InstitutionMapping,
  InstitutionMappingSchema,
  PlanFileDryRunSchema,
  PlanFileImportQuerySchema,
  type PlanFileMeta,
  PlanFileMetaSchema,
  PlanFileUploadSchema,
  RoleGroup,
  fieldErrors,
  ErrorCode,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { readDocxPlan } from '../../../plugins/app/plans/file-import/docx-plan.js'
import { readPlanWorkbook } from '../../../plugins/app/plans/plan-workbook.js'
import { assertPlanFileKind, type PlanFileKind } from '../../../plugins/app/plans/file-import/file-kind.js'
import type { ParsedPlan } from '../../../plugins/app/plans/file-import/parsed-plan.js'
import { jsonField, receivePlanFile } from '../../../plugins/app/plans/file-import/receive.js'
import { skipMultipart, validatorCompiler } from '../../../validation.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

/** A JSON form field checked against its schema: 400 naming each bad field under the field's name. */
function checkedField<T>(fields: Record<string, string>, name: string, schema: object): T | undefined {
  const value = jsonField(fields, name)
  if (value === undefined) return undefined
  const validate = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '' }) as ((v: unknown) => boolean) & {
    errors?: { instancePath: string; message?: string }[] | null
  }
  if (!validate(value))
    throw fieldErrors(
      ErrorCode.validationFailed,
      (validate.errors ?? []).map((e) => ({ path: `/${name}${e.instancePath}`, message: e.message ?? 'is invalid' })),
    )
  return value as T
}

const planFileImport: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  const maxMb = config.PLAN_FILE_MAX_MB

  /** Reads the form, checks the file's kind, reads the plan; then previews or imports it. */
  async function handle(request: FastifyRequest, dryRun: boolean, kind: PlanFileKind, read: (bytes: Uint8Array) => Promise<ParsedPlan>) {
    const actor = actorOf(request)
    const upload = await receivePlanFile(request, maxMb, ['mapping', 'plan'])
    const mapping = checkedField<InstitutionMapping>(upload.fields, 'mapping', InstitutionMappingSchema)
    const plan = checkedField<PlanFileMeta>(upload.fields, 'plan', PlanFileMetaSchema)
    await assertPlanFileKind(upload.bytes, upload.filename, kind)
    const parsed = await read(upload.bytes)
    const options = { mapping, plan, source: kind }
    return dryRun
      ? { status: 200 as const, body: await fastify.planFileImport.dryRun(actor, parsed, options) }
      : { status: 201 as const, body: await fastify.planFileImport.import(actor, parsed, options) }
  }

  const description = (kind: PlanFileKind, what: string) =>
    `${what} Multipart form: \`file\` (the .${kind}, at most ${maxMb} MB), optional \`mapping\` (JSON InstitutionMapping: each unknown institution's text as written → \`{code}\` of an existing institution, or \`{create}\` a new one — admins only) and optional \`plan\` (JSON PlanFileMeta: code, title, period, coordinator, approvedBy… over what the file gives). \`dryRun=true\` → 200 with the plan as it would be imported, every problem by row and column (in Latvian) and the unknown institutions with suggestions; writes nothing. Otherwise → 201, a **draft** plan created in one transaction, each mapping to an existing institution learned as an alias; 422 IMPORT_PROBLEMS (\`details.problems\`, \`details.unknownInstitutions\`) while anything is unresolved. 413 past the size limit or for an archive that unpacks too large (zip bomb); 415 for another kind of file, an old-format or password-protected one; 400 EMPTY_FILE for an empty one.`

  fastify.post(
    '/import/docx',
    {
      config: { access: RoleGroup.planManagers },
      bodyLimit: (maxMb + 2) * 1024 * 1024,
      validatorCompiler: skipMultipart,
      schema: {
        tags: ['plans'],
        summary: 'Import a plan from the Cabinet order’s annex table (.docx)',
        description: description(
          'docx',
          'Finds the plan table by its header wording (any column order), reads action-line rows, multi-paragraph and merged cells, deadlines (due date derived where the wording allows) and euro amounts in the budget wording; title, period and approving act come from the heading above the table unless given.',
        ),
        querystring: PlanFileImportQuerySchema,
        body: { content: { 'multipart/form-data': { schema: PlanFileUploadSchema } } },
        response: {
          200: { ...PlanFileDryRunSchema, description: 'Dry run: the plan as it would be imported and every problem' },
          201: { ...ImportResultSchema, description: 'Imported as a draft' },
          ...errorResponses(...AUTHENTICATED, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { status, body } = await handle(request, request.query.dryRun, 'docx', readDocxPlan)
      return reply.status(status).send(body)
    },
  )

  fastify.post(
    '/import/xlsx',
    {
      config: { access: RoleGroup.planManagers },
      bodyLimit: (maxMb + 2) * 1024 * 1024,
      validatorCompiler: skipMultipart,
      schema: {
        tags: ['plans'],
        summary: 'Import a new plan from its workbook (.xlsx, the format of GET /api/plans/{id}/plan.xlsx)',
        description: description(
          'xlsx',
          'Reads the sheets of the plan workbook by their header text: the plan, its measures one a row, budget lines, progress and the institutions sheet (new institutions there are added only for an administrator; for anyone else they are unknown institutions to map). To update an existing plan from its workbook use POST /api/plans/{id}/import/xlsx.',
        ),
        querystring: PlanFileImportQuerySchema,
        body: { content: { 'multipart/form-data': { schema: PlanFileUploadSchema } } },
        response: {
          200: { ...PlanFileDryRunSchema, description: 'Dry run: the plan as it would be imported and every problem' },
          201: { ...ImportResultSchema, description: 'Imported as a draft' },
          ...errorResponses(...AUTHENTICATED, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { status, body } = await handle(request, request.query.dryRun, 'xlsx', readPlanWorkbook)
      return reply.status(status).send(body)
    },
  )
}
export default planFileImport
