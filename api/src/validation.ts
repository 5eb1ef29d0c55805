// Request validation: every bad field is reported at once. Query strings and path parameters
// arrive as text, so they are coerced to the schema's types; bodies are JSON and must already
// have the right types (an import with "46000" for a number is an error, not a guess).
import type { FastifySchemaCompiler } from 'fastify'
import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false }

function createAjv(options: Options) {
  const ajv = new Ajv({ ...common, ...options })
  addFormats.default(ajv)
  return ajv
}

const bodyAjv = createAjv({ coerceTypes: false })
const textAjv = createAjv({ coerceTypes: 'array' })

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>

/** Where the first NUL character is, as a field path, or null. PostgreSQL cannot store NUL in text. */
export function nulCharacterPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : null
  if (depth > 64 || value === null || typeof value !== 'object') return null
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${key.replaceAll('\u0000', '\\0')}`
    const found = nulCharacterPath(item, `${path}/${key}`, depth + 1)
    if (found) return found
  }
  return null
}
