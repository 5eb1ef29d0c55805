// Starts the API: config, then database, migrations and first-run data (start.ts), listen, graceful shutdown.
import { loadConfig } from './config.js'
import { startApp } from './start.js'

const config = (() => {
  try {
    return loadConfig()
  } catch (error) {
    console.error(`Configuration error: ${(error as Error).message.replaceAll('env/', '')}`)
    process.exit(1)
  }
})()
const { app, database } = await startApp(config).catch((error: Error) => {
  // E.g. a runtime role with more rights than it should have: one sentence, no stack.
  console.error(`Start failed: ${error.message}`)
  process.exit(1)
})

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down')
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.PORT, host: config.HOST })
