// Expected failures as errors carrying an HTTP status and a stable code from @apt/shared.
import { ErrorCode } from '@apt/shared'

export interface ApiError extends Error {
  statusCode: number
  code: string
  details?: unknown
}

export function apiError(statusCode: number, code: ErrorCode, message: string, details?: unknown): ApiError {
  const error = new Error(message) as ApiError
  error.statusCode = statusCode
  error.code = code
  if (details !== undefined) error.details = details
  return error
}

export const notFound = (what: string) => apiError(404, ErrorCode.notFound, `${what} not found`)
export const versionConflict = (what: string) =>
  apiError(409, ErrorCode.versionConflict, `${what} was changed by someone else; reload and try again`)

/** A unique index refused the row (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return true
  }
  return false
}
