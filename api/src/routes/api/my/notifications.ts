// The caller's notifications and preferences (registered under /api/my): the bell's list, read
// marks, and the language and e-mail kinds the caller chose.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { MarkReadSchema, MyNotificationsSchema, NotificationsQuerySchema, PreferencesSchema, UpdatePreferencesSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const myNotifications: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s notifications, newest first, with the unread count',
        description:
          'Titles are in the caller’s language (GET/PUT /api/my/preferences). `unread=true` lists only the unread; `unread` in the answer always counts all the unread.',
        querystring: NotificationsQuerySchema,
        response: { 200: MyNotificationsSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.notifications.list(actorOf(request), request.query),
  )

  fastify.post(
    '/notifications/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Marks the caller’s notifications read: those named, or all',
        description: 'Ids of other users’ notifications are ignored. No ids: every unread notification of the caller.',
        body: MarkReadSchema,
        response: { 204: Type.Null(), ...errorResponses(...AUTHENTICATED) },
      },
    },
    async (request, reply) => {
      await fastify.notifications.markRead(actorOf(request), request.body.ids)
      return reply.status(204).send(null)
    },
  )

  fastify.get(
    '/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'The caller’s language, the notification kinds it gets no e-mail of, and the plan it last opened',
        response: { 200: PreferencesSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.notifications.preferences(actorOf(request)),
  )

  fastify.put(
    '/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Stores the caller’s language, e-mail opt-outs and last plan',
        description:
          'The web app calls it when the user switches language; e-mails are then written in it. `emailOff` lists the kinds the user gets no e-mail of — they still show in the app. `lastPlanId`: the plan the user last opened, which the app opens next time (null: the active plan with the latest period); a plan the caller may not open is a 400. Audited when something changes.',
        body: UpdatePreferencesSchema,
        response: { 200: PreferencesSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.notifications.updatePreferences(actorOf(request), request.body),
  )
}
export default myNotifications
