// Reads the one file of a multipart evidence upload into memory (it is bounded by UPLOAD_MAX_MB and
// goes into the database anyway). Every way a client can get the multipart wrong ends as a 4xx
// here, never as a 500, and nothing is stored before the whole file has been read and checked.
import type { FastifyRequest } from 'fastify'
import { ErrorCode } from '@apt/shared'
import { AppError } from '../errors.js'

/** One uploaded file as read from the request: the name as sent and every byte. */
export interface Upload {
  fileName: string | undefined
  bytes: Buffer
}

const OUR_CODES = new Set<string>(Object.values(ErrorCode))
const TOO_LARGE_CODES = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT'])

function clientError(error: unknown, maxMb: number) {
  const e = error as { code?: string; statusCode?: number; message?: string }
  if (e.code && TOO_LARGE_CODES.has(e.code)) return new AppError(ErrorCode.payloadTooLarge, `Send one file of at most ${maxMb} MB`)
  // Malformed or cut-off multipart bodies surface as plain errors from busboy: the client's fault.
  return new AppError(ErrorCode.validationFailed, `Malformed multipart body: ${e.message ?? 'unreadable'}`, {
    errors: [{ path: '/file', message: 'could not be read from the multipart body' }],
  })
}

/**
 * The one file in the field "file". The whole body is read before anything is stored; a second
 * file is refused by the plugin's `files: 1` limit (413), other form fields are ignored.
 */
export async function readUpload(request: FastifyRequest, maxMb: number): Promise<Upload> {
  const missing = () =>
    new AppError(ErrorCode.validationFailed, 'Send the file in the multipart field "file"', {
      errors: [{ path: '/file', message: 'is required' }],
    })
  let upload: Upload | undefined
  try {
    // preservePath keeps the name exactly as sent: busboy would cut a path down to its last
    // segment, hiding a crafted "../../x.pdf" that we want to refuse rather than quietly accept.
    for await (const part of request.parts({ preservePath: true })) {
      if (part.type !== 'file') continue
      if (part.fieldname !== 'file') {
        part.file.resume()
        throw missing()
      }
      // With throwFileSizeLimit (the default) an oversize stream rejects here; the truncated
      // check covers a plugin configured not to throw.
      const bytes = await part.toBuffer()
      if (part.file.truncated) throw clientError({ code: 'FST_REQ_FILE_TOO_LARGE' }, maxMb)
      upload = { fileName: part.filename, bytes }
    }
  } catch (error) {
    if (OUR_CODES.has((error as { code?: string }).code ?? '')) throw error
    throw clientError(error, maxMb)
  }
  if (!upload) throw missing()
  return upload
}
