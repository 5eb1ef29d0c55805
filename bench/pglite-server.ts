// One API process on PGlite for pglite-load.bench.ts: the app as the server builds it (migrations,
// demo data) on a fresh data directory, with the fair queue on ("fair", as shipped) or off ("fifo":
// PGlite's own FIFO, as before it). Prints one JSON line with its port once it listens.
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { buildApp } from '../api/src/app.js'
import { bootstrap } from '../api/src/bootstrap.js'
import { loadConfig } from '../api/src/config.js'
import { connectPglite } from '../api/src/db/client.js'

const [dataDir, queue] = process.argv.slice(2) as [string, 'fair' | 'fifo']
const config = loadConfig({
  DATA_DIR: dataDir,
  DEMO_DATA: 'true',
  DEMO_PASSWORD: process.env.BENCH_PASSWORD,
  ADMIN_PASSWORD: process.env.BENCH_PASSWORD,
  LOG_LEVEL: 'warn',
  AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  // The audit chain's periodic check reads the whole log: not what is measured here.
  AUDIT_VERIFY_MINUTES: '0',
})
const database = connectPglite(await PGlite.create({ dataDir: join(dataDir, 'pglite') }), { fairQueue: queue === 'fair' })
await database.migrate()
const app = await buildApp(config, database, { logger: false })
const log = console.log
console.log = () => {}
await bootstrap(app, config)
console.log = log
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))

process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0))
})
