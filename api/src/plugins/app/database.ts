// Exposes the database given to the app (so tests can hand in a fresh clone) as `fastify.db`, and
// the feed of its changes that the read caches listen to (`fastify.changes`, db/change-feed.ts).
import fp from 'fastify-plugin'
import type { Database, Db } from '../../db/client.js'
import { ChangeFeed } from '../../db/change-feed.js'
import { UNSAFE_METHODS } from './unsafe-methods.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    dbKind: Database['kind']
    changes: ChangeFeed
  }
}

export default fp<{ database: Database }>(
  async (fastify, { database }) => {
    fastify.decorate('db', database.db)
    fastify.decorate('dbKind', database.kind)
    const changes = await ChangeFeed.start(database)
    fastify.decorate('changes', changes)
    fastify.addHook('onClose', () => changes.close())
    // A request that may have written: this process's caches forget before it is answered, so the
    // request that follows it never meets what it replaced (other processes hear the notification).
    fastify.addHook('onSend', (request, _reply, payload, done) => {
      if (UNSAFE_METHODS.has(request.method)) changes.changed()
      done(null, payload)
    })
  },
  { name: 'database' },
)
