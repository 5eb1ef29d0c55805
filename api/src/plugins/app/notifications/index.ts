// `fastify.notifications`, registered before the other services so they can raise events.
import fp from 'fastify-plugin'
import { createNotificationsService, type NotificationsOptions, type NotificationsService } from './notifications-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationsService
  }
}

export default fp<NotificationsOptions>(
  async (fastify, options) => {
    const service = createNotificationsService(fastify, options)
    fastify.decorate('notifications', service)
    fastify.addHook('onClose', async () => service.close())
  },
  { name: 'notifications', dependencies: ['database', 'audit'] },
)
