// Expected failures: `AppError` from @apt/shared, whose status follows from its code, and the few
// shapes every service throws.
import { AppError, ErrorCode } from '@apt/shared'

export { AppError }

export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} not found`)
export const forbidden = (message: string) => new AppError(ErrorCode.forbidden, message)
export const versionConflict = (what: string) =>
  new AppError(ErrorCode.versionConflict, `${what} was changed by someone else; reload and try again`)

/** Throws 403 with `message` unless the policy allowed it. */
export function ensure(allowed: boolean, message: string): asserts allowed {
  if (!allowed) throw forbidden(message)
}

/** A unique index refused the row (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return true
  }
  return false
}
