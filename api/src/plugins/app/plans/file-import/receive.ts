// Reads a multipart plan-file request into memory: the one file (a plan file is small; the reader
// needs all of it at once) and a few text fields. Every way a client can get the multipart wrong
// ends as a 4xx, and nothing of a refused upload is kept.
import type { FastifyRequest } from 'fastify'
import { ErrorCode } from '@apt/shared'
import { AppError } from '../../errors.js'

export interface PlanFileUpload {
  bytes: Uint8Array
  /** The name as sent ('' when none). */
  filename: string
  /** The text fields sent, by name (only the names the route accepts). */
  fields: Record<string, string>
}

const OUR_CODES = new Set<string>(Object.values(ErrorCode))
const TOO_LARGE_CODES = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT'])

const tooLarge = (maxMb: number) => new AppError(ErrorCode.payloadTooLarge, `Send one plan file of at most ${maxMb} MB`)

const invalid = (path: string, message: string, summary: string) =>
  new AppError(ErrorCode.validationFailed, summary, { errors: [{ path, message }] })

function clientError(error: unknown, maxMb: number) {
  const e = error as { code?: string; message?: string }
  if (OUR_CODES.has(e.code ?? '')) return error
  if (e.code && TOO_LARGE_CODES.has(e.code)) return tooLarge(maxMb)
  // Malformed or cut-off bodies surface as plain errors from busboy: the client's fault.
  return invalid('/file', 'could not be read from the multipart body', `Malformed multipart body: ${e.message ?? 'unreadable'}`)
}

/**
 * The field "file" (at most `maxMb`) and the text fields named in `fieldNames` (each at most
 * 1 MB). Not multipart → 415; no file, or an unknown field → 400; an empty file → 400 EMPTY_FILE;
 * a larger file → 413.
 */
export async function receivePlanFile(request: FastifyRequest, maxMb: number, fieldNames: readonly string[]): Promise<PlanFileUpload> {
  if (!request.isMultipart())
    throw new AppError(ErrorCode.unsupportedMediaType, 'Send multipart/form-data with the plan file in the field "file"')
  const allowed = new Set(fieldNames)
  const fields: Record<string, string> = {}
  let file: { bytes: Buffer; filename: string } | undefined
  try {
    const parts = request.parts({
      limits: {
        fileSize: maxMb * 1024 * 1024,
        files: 1,
        fields: fieldNames.length + 2,
        parts: fieldNames.length + 3,
        fieldSize: 1024 * 1024,
      },
    })
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume()
          throw invalid(
            `/${part.fieldname}`,
            'is not a field of this form',
            `Send the plan file in the field "file", not "${part.fieldname}"`,
          )
        }
        // toBuffer ends in FST_REQ_FILE_TOO_LARGE past the limit; what was read is dropped with it.
        file = { bytes: await part.toBuffer(), filename: part.filename ?? '' }
      } else {
        if (!allowed.has(part.fieldname))
          throw invalid(
            `/${part.fieldname}`,
            'is not a field of this form',
            `Unknown form field "${part.fieldname}"; send ${['file', ...fieldNames].join(', ')}`,
          )
        if (part.valueTruncated)
          throw invalid(`/${part.fieldname}`, 'is longer than 1 MB', `The field "${part.fieldname}" is longer than 1 MB`)
        fields[part.fieldname] = String(part.value)
      }
    }
  } catch (error) {
    throw clientError(error, maxMb)
  }
  if (!file) throw invalid('/file', 'is required', 'Send the plan file in the multipart field "file"')
  if (file.bytes.length === 0) throw new AppError(ErrorCode.emptyFile, 'The file is empty')
  return { bytes: new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), filename: file.filename, fields }
}

/** A JSON text field, parsed; not JSON → 400 naming the field. Schema checks are the caller's. */
export function jsonField(fields: Record<string, string>, name: string): unknown {
  const text = fields[name]
  if (text === undefined || text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw invalid(`/${name}`, 'is not valid JSON', `The field "${name}" must be JSON`)
  }
}
