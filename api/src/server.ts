// Starts the API: config, database, migrations, first-run data, listen, graceful shutdown.
import { loadConfig } from './config.js'
import { buildApp } from './app.js'
import { openDatabase } from './db/client.js'
import { bootstrap } from './bootstrap.js'

const config = (() => {
  try {
    return loadConfig()
  } catch (error) {
    console.error(`Configuration error: ${(error as Error).message.replaceAll('env/', '')}`)
    process.exit(1)
  }
})()
const database = await openDatabase(config)
await database.migrate()
const app = await buildApp(config, database)
await bootstrap(app, config)

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down')
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.PORT, host: config.HOST })
