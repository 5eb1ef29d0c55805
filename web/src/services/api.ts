// The one way the web app talks to the API: a typed fetch wrapper that sends the session's CSRF
// token on every unsafe request and turns every failure into an ApiError carrying the API's stable
// error code (shared/src/errors.ts), so views can translate it (i18n `errors.<CODE>`) instead of
// showing raw messages. Uploads go through XMLHttpRequest because fetch cannot report upload progress.
import { ClientErrorCode, ErrorCode, statusOf, type ErrorBody, type FieldError } from '@apt/shared'

export class ApiError extends Error {
  readonly status: number
  /** An `ErrorCode` of the API or a `ClientErrorCode`; a newer API may send a code this build does not know. */
  readonly code: ErrorCode | ClientErrorCode | (string & {})
  readonly errors: FieldError[]
  readonly details: unknown
  readonly requestId: string | undefined

  constructor(status: number, code: string, message: string, extra: { errors?: FieldError[]; details?: unknown; requestId?: string } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.errors = extra.errors ?? []
    this.details = extra.details
    this.requestId = extra.requestId
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

let csrfToken: string | null = null
/** Called by the session store after login and /me. */
export function setCsrfToken(token: string | null) {
  csrfToken = token
}

type AuthFailureHandler = (error: ApiError) => void
let onAuthFailure: AuthFailureHandler | null = null
/** The router registers this: a 401 sends the user to log in, PASSWORD_CHANGE_REQUIRED to the change screen. */
export function setAuthFailureHandler(handler: AuthFailureHandler | null) {
  onAuthFailure = handler
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/** What a status means when the answer carries no code (a proxy's page, an empty body). */
const STATUS_MEANS: readonly ErrorCode[] = [
  ErrorCode.notAuthenticated,
  ErrorCode.forbidden,
  ErrorCode.notFound,
  ErrorCode.versionConflict,
  ErrorCode.payloadTooLarge,
  ErrorCode.unsupportedMediaType,
  ErrorCode.rateLimited,
]

function statusCode(status: number): string {
  if (status >= 500) return ErrorCode.internal
  return STATUS_MEANS.find((code) => statusOf(code) === status) ?? ClientErrorCode.badResponse
}

/** Builds the ApiError for a non-2xx answer from its (maybe JSON) body. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'message' in body) {
    const b = body as Partial<ErrorBody>
    return new ApiError(status, b.code ?? statusCode(status), b.message ?? '', {
      errors: Array.isArray(b.errors) ? b.errors : [],
      details: b.details,
      requestId: b.requestId,
    })
  }
  return new ApiError(status, statusCode(status), `HTTP ${status}`)
}

function reportAuthFailure(error: ApiError) {
  if (error.status === 401 || error.code === ErrorCode.passwordChangeRequired) onAuthFailure?.(error)
}

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('application/json')) {
    try {
      return await response.json()
    } catch {
      throw new ApiError(response.status, ClientErrorCode.badResponse, 'Invalid JSON')
    }
  }
  return response.text()
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  /** Do not redirect on 401 (the login form and the session probe handle it themselves). */
  quietAuth?: boolean
}

/** Sends a request and answers the parsed body with the response's headers; a non-2xx answer throws its ApiError. */
async function exchange<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ body: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (options.body instanceof FormData) body = options.body
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw new ApiError(0, ClientErrorCode.aborted, 'Aborted')
    throw new ApiError(0, ClientErrorCode.network, 'Network error')
  }
  const parsed = await parseBody(response)
  if (!response.ok) {
    const error = errorFromBody(response.status, parsed)
    if (!options.quietAuth) reportAuthFailure(error)
    throw error
  }
  return { body: parsed as T, headers: response.headers }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await exchange<T>(method, path, options)).body
}

/** A page of a list and the number of all its matches (the API's `X-Total-Count` header). */
export interface Page<T> {
  items: T[]
  total: number
}

/** GETs a page of a list; an answer without a readable `X-Total-Count` is a bad response. */
async function getPage<T>(path: string, query?: Query, signal?: AbortSignal): Promise<Page<T>> {
  const { body, headers } = await exchange<T[]>('GET', path, { query, signal })
  const total = Number.parseInt(headers.get('x-total-count') ?? '', 10)
  if (!Array.isArray(body) || !Number.isSafeInteger(total) || total < 0)
    throw new ApiError(200, ClientErrorCode.badResponse, 'A page without its X-Total-Count')
  return { items: body, total }
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  getPage,
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
}

export interface UploadHandle<T> {
  promise: Promise<T>
  abort: () => void
  /** The answer's HTTP status once it came (0 before): a 200 may mean "already there" where a new record is 201. */
  status: () => number
}

/** POSTs multipart form data, reporting progress as a fraction 0…1 while the bytes go up. */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest()
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', path)
    xhr.setRequestHeader('accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total)
    }
    xhr.onload = () => {
      let parsed: unknown = undefined
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        parsed = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(parsed as T)
      } else {
        const error = errorFromBody(xhr.status, parsed)
        reportAuthFailure(error)
        reject(error)
      }
    }
    xhr.onerror = () => reject(new ApiError(0, ClientErrorCode.network, 'Network error'))
    xhr.onabort = () => reject(new ApiError(0, ClientErrorCode.aborted, 'Aborted'))
    xhr.send(form)
  })
  return { promise, abort: () => xhr.abort(), status: () => xhr.status }
}

function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain?.[1] ?? fallback
}

/**
 * Downloads a file through fetch (so a refusal shows as a translated message, not as a JSON page)
 * and hands it to the browser as a normal download.
 */
export async function download(path: string, fallbackName: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, ClientErrorCode.network, 'Network error')
  }
  if (!response.ok) {
    const error = errorFromBody(response.status, await parseBody(response).catch(() => undefined))
    reportAuthFailure(error)
    throw error
  }
  const blob = await response.blob()
  const name = fileNameFrom(response.headers.get('content-disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
