// Every error the API answers with: one definition per stable code, with its one HTTP status.
// The API throws `AppError`s built from these; the web app imports the same codes to branch on and
// translate them (i18n `errors.<CODE>`). A published code never changes meaning or status.

const definitions = {
  /** A body, query or parameter broke its schema; `errors` lists every bad field. */
  VALIDATION_FAILED: 400,
  /** Changing a measure's status without saying why. */
  REASON_REQUIRED: 400,
  /** A new password that fails the policy (length, the e-mail, a common password). */
  WEAK_PASSWORD: 400,
  /** The current password given with a password change is not the user's. */
  WRONG_CURRENT_PASSWORD: 400,
  /** An uploaded file with no bytes. */
  EMPTY_FILE: 400,
  /** Wrong e-mail or password at login. */
  INVALID_CREDENTIALS: 401,
  NOT_AUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The right password, but the user's institution signs in only through single sign-on. */
  SSO_REQUIRED: 403,
  NOT_FOUND: 404,
  /** The record moved on since the caller read it: reload and try again. */
  VERSION_CONFLICT: 409,
  /** A unique value is taken; `details` (AlreadyExistsDetails) names the record, the field and the value. */
  ALREADY_EXISTS: 409,
  /**
   * A measure's status changed while its assessment stayed as written for the old status: send a
   * reviewed `assessment`, or `keepAssessment: true` to keep it knowingly.
   */
  ASSESSMENT_REVIEW_REQUIRED: 409,
  /** The step does not fit the record's state now (e.g. accepting a draft). */
  INVALID_TRANSITION: 409,
  ROUND_CLOSED: 409,
  /** A closed plan is read-only (an admin may reopen it). */
  PLAN_CLOSED: 409,
  /** A measure with submissions or progress cannot be deleted; exclude it by an amendment instead. */
  MEASURE_HAS_WORK: 409,
  /** Evidence of a handed-in submission cannot change. */
  EVIDENCE_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Institution codes that are not in the registry (nor in the document being imported). */
  UNKNOWN_INSTITUTIONS: 422,
  /** An id or a placement that refers to something that does not exist or does not fit. */
  INVALID_REFERENCE: 422,
  /** A plan file (DOCX, XLSX) that cannot become a plan as it stands; `details.problems` lists each by row and column. */
  IMPORT_PROBLEMS: 422,
  /** A submission handed in before it has text, a proposed status and a reason; `errors` lists the gaps. */
  SUBMISSION_INCOMPLETE: 422,
  /** Too many failed logins for the account; `Retry-After` says when to try again. */
  TOO_MANY_ATTEMPTS: 429,
  /** Too many requests from one address. */
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const

export type ErrorCode = keyof typeof definitions

/** The codes by name, for code that branches on them: `ErrorCode.versionConflict`. */
export const ErrorCode = {
  validationFailed: 'VALIDATION_FAILED',
  reasonRequired: 'REASON_REQUIRED',
  weakPassword: 'WEAK_PASSWORD',
  wrongCurrentPassword: 'WRONG_CURRENT_PASSWORD',
  emptyFile: 'EMPTY_FILE',
  invalidCredentials: 'INVALID_CREDENTIALS',
  ssoRequired: 'SSO_REQUIRED',
  notAuthenticated: 'NOT_AUTHENTICATED',
  forbidden: 'FORBIDDEN',
  csrfMissing: 'CSRF_TOKEN_INVALID',
  passwordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  notFound: 'NOT_FOUND',
  versionConflict: 'VERSION_CONFLICT',
  alreadyExists: 'ALREADY_EXISTS',
  assessmentReviewRequired: 'ASSESSMENT_REVIEW_REQUIRED',
  invalidTransition: 'INVALID_TRANSITION',
  roundClosed: 'ROUND_CLOSED',
  planClosed: 'PLAN_CLOSED',
  measureHasWork: 'MEASURE_HAS_WORK',
  importProblems: 'IMPORT_PROBLEMS',
  evidenceLocked: 'EVIDENCE_LOCKED',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  unknownInstitutions: 'UNKNOWN_INSTITUTIONS',
  invalidReference: 'INVALID_REFERENCE',
  submissionIncomplete: 'SUBMISSION_INCOMPLETE',
  tooManyAttempts: 'TOO_MANY_ATTEMPTS',
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL_ERROR',
} as const satisfies Record<string, ErrorCode>

export const ERROR_CODES = Object.keys(definitions) as ErrorCode[]

/**
 * Failures the web app meets before any answer of the API's error handler: the request never got
 * through, was cancelled, or the answer could not be read. They have no HTTP status of their own.
 */
export const ClientErrorCode = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
  aborted: 'ABORTED',
} as const
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode]

/** The one HTTP status of a code. */
export const statusOf = (code: ErrorCode): number => definitions[code]

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(definitions, value)

/** One bad field of a request, by JSON pointer into the body or `querystring/<name>`. */
export interface FieldError {
  path: string
  message: string
}

/** An expected failure: its status always follows from its code. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly statusCode: number
  readonly details: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.statusCode = statusOf(code)
    this.details = details
  }
}

/** The kinds of record whose unique values a 409 ALREADY_EXISTS can name. */
export type UniqueEntity = 'user' | 'institution' | 'plan' | 'actionLine' | 'measure' | 'survey'

/**
 * The `details` of a 409 ALREADY_EXISTS for a taken unique value: which record, which field (a
 * JSON pointer into the body, as field errors name them) and the value as stored, so a message
 * can say what exists: "Lietotājs ar e-pastu x@y jau ir".
 */
export interface AlreadyExistsDetails {
  entity: UniqueEntity
  field: string
  value: string
}

/** A 409 ALREADY_EXISTS naming what exists. */
export const alreadyExists = (details: AlreadyExistsDetails, message: string) => new AppError(ErrorCode.alreadyExists, message, details)

/** Field errors as one message: "/text is required; /reason is required". */
export const describeFieldErrors = (errors: readonly FieldError[]) => errors.map((e) => `${e.path} ${e.message}`).join('; ')

/** A request that broke a rule about its fields, listing each. */
export const fieldErrors = (code: ErrorCode, errors: FieldError[]) => new AppError(code, describeFieldErrors(errors), { errors })
