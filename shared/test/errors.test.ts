// One definition per error code, each with its one HTTP status: the API throws these and the web
// app branches on the same names.
import { describe, expect, it } from 'vitest'
import { AppError, ERROR_CODES, ErrorCode, fieldErrors, isErrorCode, statusOf } from '../src/index.js'

describe('error codes', () => {
  it('names every defined code exactly once', () => {
    const named = Object.values(ErrorCode)
    expect(new Set(named).size).toBe(named.length)
    expect([...named].sort()).toEqual([...ERROR_CODES].sort())
  })

  it('gives every code an error status', () => {
    for (const code of ERROR_CODES) expect(statusOf(code), code).toBeGreaterThanOrEqual(400)
    expect(ERROR_CODES.filter((code) => statusOf(code) >= 500)).toEqual([ErrorCode.internal])
  })

  it('keeps the statuses the first release published', () => {
    expect(statusOf(ErrorCode.validationFailed)).toBe(400)
    expect(statusOf(ErrorCode.invalidCredentials)).toBe(401)
    expect(statusOf(ErrorCode.unknownInstitutions)).toBe(422)
    expect(statusOf(ErrorCode.versionConflict)).toBe(409)
  })

  it('builds errors whose status follows from the code', () => {
    const error = fieldErrors(ErrorCode.submissionIncomplete, [{ path: '/text', message: 'is required before submitting' }])
    expect(error).toBeInstanceOf(AppError)
    expect(error.statusCode).toBe(422)
    expect(error.message).toBe('/text is required before submitting')
    expect(error.details).toEqual({ errors: [{ path: '/text', message: 'is required before submitting' }] })
  })

  it('recognises codes and nothing else', () => {
    expect(isErrorCode('ROUND_CLOSED')).toBe(true)
    expect(isErrorCode('round_closed')).toBe(false)
    expect(isErrorCode('toString')).toBe(false)
  })
})
