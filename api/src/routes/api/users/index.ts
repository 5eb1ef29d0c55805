// User accounts: admins only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CreatedUserSchema, CreateUserSchema, IdParamsSchema, RoleGroup, UpdateUserSchema, UserSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const adminOnly = { access: RoleGroup.admins }

const users: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      config: adminOnly,
      schema: { tags: ['users'], summary: 'All users', response: { 200: Type.Array(UserSchema), ...errorResponses(...AUTHENTICATED) } },
    },
    (request) => fastify.users.list(actorOf(request)),
  )

  fastify.post(
    '/',
    {
      config: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Create a user with a one-time password',
        body: CreateUserSchema,
        response: { 201: CreatedUserSchema, ...errorResponses(...AUTHENTICATED, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.users.create(actorOf(request), request.body)),
  )

  fastify.patch(
    '/:id',
    {
      config: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Change name, role or institution, or deactivate (ends sessions and tokens at once)',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.users.update(actorOf(request), request.params.id, request.body),
  )

  fastify.post(
    '/:id/reset-password',
    {
      config: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Issue a new one-time password',
        params: IdParamsSchema,
        response: { 200: CreatedUserSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.users.resetPassword(actorOf(request), request.params.id),
  )
}
export default users
