// Stable machine-readable error codes. The API puts one in every error body's `code`;
// the web app translates them, so they never change meaning once published.
export const ErrorCode = {
  validationFailed: 'VALIDATION_FAILED',
  notAuthenticated: 'NOT_AUTHENTICATED',
  forbidden: 'FORBIDDEN',
  csrfMissing: 'CSRF_TOKEN_INVALID',
  passwordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  invalidCredentials: 'INVALID_CREDENTIALS',
  tooManyAttempts: 'TOO_MANY_ATTEMPTS',
  weakPassword: 'WEAK_PASSWORD',
  notFound: 'NOT_FOUND',
  versionConflict: 'VERSION_CONFLICT',
  alreadyExists: 'ALREADY_EXISTS',
  unknownInstitutions: 'UNKNOWN_INSTITUTIONS',
  invalidReference: 'INVALID_REFERENCE',
  invalidTransition: 'INVALID_TRANSITION',
  roundClosed: 'ROUND_CLOSED',
  reasonRequired: 'REASON_REQUIRED',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  emptyFile: 'EMPTY_FILE',
  evidenceLocked: 'EVIDENCE_LOCKED',
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL_ERROR',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]
