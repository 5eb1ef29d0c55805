// The institution registry: everyone reads it, admins change it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CreateInstitutionSchema, IdParamsSchema, InstitutionSchema, RoleGroup, UpdateInstitutionSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const institutions: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['institutions'],
        summary: 'All institutions, with parent and sector',
        response: { 200: Type.Array(InstitutionSchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.institutions.list(actorOf(request)),
  )

  fastify.post(
    '/',
    {
      config: { access: RoleGroup.admins },
      schema: {
        tags: ['institutions'],
        summary: 'Create an institution',
        body: CreateInstitutionSchema,
        response: { 201: InstitutionSchema, ...errorResponses(...AUTHENTICATED, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.institutions.create(actorOf(request), request.body)),
  )

  fastify.patch(
    '/:id',
    {
      config: { access: RoleGroup.admins },
      schema: {
        tags: ['institutions'],
        summary: 'Rename, re-kind or move an institution (with the version last read)',
        params: IdParamsSchema,
        body: UpdateInstitutionSchema,
        response: { 200: InstitutionSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.institutions.update(actorOf(request), request.params.id, request.body),
  )
}
export default institutions
