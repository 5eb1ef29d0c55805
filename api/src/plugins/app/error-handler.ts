// The one error handler: logs the whole error with the request id and answers
// { statusCode, error, message, code, requestId } — never a stack, SQL or a 5xx message.
import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { describeFieldErrors, ErrorCode, isErrorCode, type FieldError } from '@apt/shared'
import { AppError, isUniqueViolation } from './errors.js'

/**
 * Ajv's errors as one entry per field. A union (anyOf) yields an error per branch plus its own;
 * those are merged into one message: "must be string or must be null".
 */
function validationErrors(error: FastifyError): FieldError[] {
  const byPath = new Map<string, { messages: string[]; union: boolean }>()
  for (const { path, message, keyword } of rawValidationErrors(error)) {
    const entry = byPath.get(path) ?? { messages: [], union: false }
    if (keyword === 'anyOf') entry.union = true
    else if (!entry.messages.includes(message)) entry.messages.push(message)
    byPath.set(path, entry)
  }
  return [...byPath].flatMap(([path, { messages, union }]) =>
    union ? [{ path, message: messages.join(' or ') || 'is invalid' }] : messages.map((message) => ({ path, message })),
  )
}

function rawValidationErrors(error: FastifyError) {
  return (error.validation ?? []).map((v) => {
    const missing = v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty)}` : ''
    const extra = v.keyword === 'additionalProperties' ? `/${String((v.params as { additionalProperty?: string }).additionalProperty)}` : ''
    const pointer = `${v.instancePath}${missing}${extra}`
    // Body errors are JSON pointers into the document; others name their part: "querystring/status".
    const where = error.validationContext ?? 'body'
    return { path: where === 'body' ? pointer || '/' : `${where}${pointer}`, message: v.message ?? 'is invalid', keyword: v.keyword }
  })
}

/** Fastify's own error codes for client mistakes, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.payloadTooLarge,
  FST_REQ_FILE_TOO_LARGE: ErrorCode.payloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.unsupportedMediaType,
}

export default fp(
  async (fastify: FastifyInstance) => {
    fastify.setErrorHandler((raw: FastifyError & { details?: unknown; headers?: Record<string, string> }, request, reply) => {
      // Two writers raced past a check-then-insert: the unique index kept the data right; say so as a conflict.
      const error = isUniqueViolation(raw)
        ? (new AppError(ErrorCode.alreadyExists, 'It already exists (created at the same time)') as typeof raw)
        : raw
      const statusCode = error.validation ? 400 : (error.statusCode ?? 500)
      const isServerError = statusCode >= 500
      if (isServerError) request.log.error({ err: error }, 'request failed')
      else request.log.info({ err: { message: error.message, code: error.code } }, 'request refused')

      const body: Record<string, unknown> = {
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Error',
        message: isServerError ? 'Something went wrong on our side; the error was logged' : error.message,
        code: isServerError
          ? ErrorCode.internal
          : error.validation
            ? ErrorCode.validationFailed
            : (FASTIFY_CODES[error.code] ??
              (isErrorCode(error.code) ? error.code : undefined) ??
              (statusCode === 429 ? ErrorCode.rateLimited : statusCode === 404 ? ErrorCode.notFound : ErrorCode.validationFailed)),
        requestId: request.id,
      }
      if (error.validation) {
        const errors = validationErrors(error)
        body.errors = errors
        body.message = describeFieldErrors(errors)
      }
      // `details.errors` is answered as `errors`; whatever else the details say stays in `details`
      // (an import's refusal lists both its field errors and its problems).
      const details = error.details as ({ errors?: FieldError[] } & Record<string, unknown>) | undefined
      if (!isServerError && details?.errors) {
        const { errors, ...rest } = details
        body.errors = errors
        if (Object.keys(rest).length) body.details = rest
      } else if (!isServerError && details !== undefined) body.details = details
      if (error.headers) reply.headers(error.headers)
      return reply.status(statusCode).send(body)
    })

    fastify.setNotFoundHandler((request, reply) =>
      reply.status(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
        code: ErrorCode.notFound,
        requestId: request.id,
      }),
    )
  },
  { name: 'error-handler' },
)
