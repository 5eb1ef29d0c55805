// Exposes the database given to the app (so tests can hand in a fresh clone) as `fastify.db`.
import fp from 'fastify-plugin'
import type { Database, Db } from '../../db/client.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    dbKind: Database['kind']
  }
}

export default fp<{ database: Database }>(
  async (fastify, { database }) => {
    fastify.decorate('db', database.db)
    fastify.decorate('dbKind', database.kind)
  },
  { name: 'database' },
)
