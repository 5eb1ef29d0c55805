// From config to a ready app: the database opened, migrated and (on a first start) given its first admin,
// all under the start lock (db/startup.ts), so several processes may start at once. server.ts adds
// listen and shutdown; the tests start processes the same way.
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { bootstrap } from './bootstrap.js'
import type { Config } from './config.js'
import { type Database, openDatabase } from './db/client.js'
import { migrateDatabase, withStartLock } from './db/startup.js'

export async function startApp(config: Config, opts: { logger?: boolean } = {}): Promise<{ app: FastifyInstance; database: Database }> {
  const database = await openDatabase(config)
  try {
    const app = await withStartLock(
      config,
      database,
      async () => {
        await migrateDatabase(config, database)
        const app = await buildApp(config, database, opts)
        try {
          await bootstrap(app, config)
        } catch (error) {
          await app.close()
          throw error
        }
        return app
      },
      (message) => console.log(message),
    )
    return { app, database }
  } catch (error) {
    await database.close()
    throw error
  }
}
