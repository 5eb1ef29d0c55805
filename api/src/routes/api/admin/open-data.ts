// The open data's settings (registered under /api/admin): the licence every dataset states.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { OpenDataSettingsSchema, RoleGroup, UpdateOpenDataSettingsSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const openDataSettings: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/open-data',
    {
      config: { access: RoleGroup.admins },
      schema: {
        tags: ['publishing'],
        summary: 'The open data’s licence (CC BY 4.0 until an administrator sets another)',
        response: { 200: OpenDataSettingsSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.publishing.openDataSettings(actorOf(request)),
  )

  fastify.put(
    '/open-data',
    {
      config: { access: RoleGroup.admins },
      schema: {
        tags: ['publishing'],
        summary: 'Set the open data’s licence: its name and URL, stated by data.json’s catalogue entry, every dataset and the public pages',
        description: 'Send the `version` read (0 while none is set); a stale one: 409 VERSION_CONFLICT.',
        body: UpdateOpenDataSettingsSchema,
        response: { 200: OpenDataSettingsSchema, ...errorResponses(...AUTHENTICATED, 409) },
      },
    },
    (request) => fastify.publishing.setOpenDataLicence(actorOf(request), request.body),
  )
}
export default openDataSettings
