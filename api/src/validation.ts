// Request validation: every bad field is reported at once. Query strings and path parameters
// arrive as text, so they are coerced to the schema's types; bodies are JSON and must already
// have the right types (an import with "46000" for a number is an error, not a guess).
import type { FastifySchemaCompiler } from 'fastify'
import { Ajv, type FormatDefinition, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import { fullFormats } from 'ajv-formats/dist/formats.js'

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false }

/** The earliest and latest moment a date-time may name, in UTC (after its offset is applied). */
export const EARLIEST_TIME = Date.UTC(1970, 0, 1)
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

const baseDateTime = fullFormats['date-time'] as FormatDefinition<string>
const baseDate = fullFormats.date as FormatDefinition<string>

/**
 * RFC 3339 date-times within 1970–9999 UTC: year 0000 or `9999-12-31T23:59:59-14:00` (year 10000
 * in UTC) are well-formed but no database column or JavaScript ISO string holds them.
 */
const boundedDateTime: FormatDefinition<string> = {
  type: 'string',
  validate: (text) => {
    if (!(baseDateTime.validate as (s: string) => boolean)(text)) return false
    const time = Date.parse(text)
    return time >= EARLIEST_TIME && time <= LATEST_TIME
  },
  compare: baseDateTime.compare,
}

/** RFC 3339 full dates, but never year 0000 (there is none; PostgreSQL refuses it). */
const boundedDate: FormatDefinition<string> = {
  type: 'string',
  validate: (text) => (baseDate.validate as (s: string) => boolean)(text) && !text.startsWith('0000'),
  compare: baseDate.compare,
}

/**
 * `x-ordered: [['from', 'to']]` on an object: when both are given, the first is not after the
 * second (date-times by time, numbers by value). A filter from June to May is a mistake to name.
 */
const orderedKeyword = {
  keyword: 'x-ordered',
  type: 'object' as const,
  schemaType: 'array' as const,
  errors: true,
  validate: function ordered(pairs: [string, string][], data: Record<string, unknown>) {
    const value = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v : Number.NaN)
    const errors = pairs
      .filter(([a, b]) => data[a] !== undefined && data[b] !== undefined && value(data[a]) > value(data[b]))
      .map(([a, b]) => ({ keyword: 'x-ordered', instancePath: `/${b}`, params: { after: a }, message: `must not be before ${a}` }))
    ;(ordered as { errors?: unknown }).errors = errors
    return errors.length === 0
  },
}

function createAjv(options: Options) {
  const ajv = new Ajv({ ...common, ...options })
  addFormats.default(ajv)
  ajv.addFormat('date-time', boundedDateTime)
  ajv.addFormat('date', boundedDate)
  ajv.addKeyword(orderedKeyword)
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

/**
 * For routes that take multipart/form-data besides (or instead of) JSON: the multipart body is read
 * and checked by the handler (size, type from the bytes), so its schema only documents the form;
 * other bodies are validated as usual.
 */
export const skipMultipart: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' && (route as { contentType?: string }).contentType === 'multipart/form-data'
    ? () => true
    : validatorCompiler(route)

/**
 * For routes that take a whole document to import (action-plan/1, survey/1): the body's schema
 * documents it, and the import checks it itself, with the document's other rules, so every problem
 * is answered at once and not the shape's first. Querystring and params are validated as usual.
 */
export const documentBody: FastifySchemaCompiler<unknown> = (route) => (route.httpPart === 'body' ? () => true : validatorCompiler(route))
