// The baseline of api-load.bench.ts: a bare Fastify server, in a process of its own, answering GET routes
// with bytes fetched once from the product (same content type) and nothing else: no session, no database,
// no logging. The manifest (a JSON file) lists `{path, file, contentType}`; each path is the product's
// path under a prefix of its own (`/0/api/my/work`), as one product path can have answered differently in
// two phases. Prints one JSON line with its port once it listens.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const manifest = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { path: string; file: string; contentType: string }[]
const app = Fastify({ logger: false })
for (const { path, file, contentType } of manifest) {
  const body = readFileSync(file)
  app.get(path, (_request, reply) => reply.type(contentType).send(body))
}
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))

process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
