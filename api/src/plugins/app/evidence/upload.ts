// Streams the one file of a multipart evidence upload to whoever takes it (the evidence service
// stages it in the file store chunk by chunk), never holding more of it in memory than that needs.
// Every way a client can get the multipart wrong ends as a 4xx here, never as a 500; whatever was
// taken from a request that fails is undone before the error goes on.
import { PassThrough, type Readable } from 'node:stream'
import type { FastifyRequest } from 'fastify'
import { ErrorCode } from '@apt/shared'
import { AppError } from '../errors.js'

/** The uploaded file as it arrives: the name as sent and its bytes, ending in a 413 past the size limit. */
export interface IncomingFile {
  fileName: string | undefined
  bytes: AsyncIterable<Buffer>
}

const OUR_CODES = new Set<string>(Object.values(ErrorCode))
const TOO_LARGE_CODES = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT'])

const tooLarge = (maxMb: number) => new AppError(ErrorCode.payloadTooLarge, `Send one file of at most ${maxMb} MB`)

function clientError(error: unknown, maxMb: number) {
  const e = error as { code?: string; message?: string }
  if (OUR_CODES.has(e.code ?? '')) return error
  if (e.code && TOO_LARGE_CODES.has(e.code)) return tooLarge(maxMb)
  // Malformed or cut-off multipart bodies surface as plain errors from busboy: the client's fault.
  return new AppError(ErrorCode.validationFailed, `Malformed multipart body: ${e.message ?? 'unreadable'}`, {
    errors: [{ path: '/file', message: 'could not be read from the multipart body' }],
  })
}

/**
 * The file's bytes through a pass-through, so that a consumer giving up early does not destroy the
 * multipart stream (the rest of the body is then drained, and the client gets its answer). Bytes
 * past the limit end the iteration with 413; a body cut off ends it with the parser's error.
 */
function bytesOf(file: Readable & { truncated?: boolean }, maxMb: number): { bytes: AsyncIterable<Buffer>; drain(): void } {
  const pass = new PassThrough()
  const cutOff = () => pass.destroy(file.errored ?? new Error('the upload ended early'))
  // A body that was already all there may have failed the part before it reached us.
  if (file.destroyed && !file.readableEnded) cutOff()
  else {
    file.on('error', (error) => pass.destroy(error))
    file.on('close', () => {
      if (!file.readableEnded) cutOff()
    })
    file.pipe(pass)
  }
  async function* bytes() {
    try {
      for await (const piece of pass as AsyncIterable<Buffer>) {
        if (file.truncated) throw tooLarge(maxMb)
        yield piece
      }
    } catch (error) {
      throw clientError(error, maxMb)
    }
    if (file.truncated) throw tooLarge(maxMb)
  }
  return {
    bytes: bytes(),
    drain() {
      file.unpipe(pass)
      if (!file.destroyed) file.resume()
    },
  }
}

/**
 * Hands the one file in the field "file" to `take` as it streams in; other form fields are ignored.
 * A second file is refused by the plugin's `files: 1` limit (413) once the first is taken: `undo`
 * then removes what `take` kept.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  maxMb: number,
  take: (file: IncomingFile) => Promise<T>,
  undo: (taken: T) => Promise<void>,
): Promise<T> {
  const missing = () =>
    new AppError(ErrorCode.validationFailed, 'Send the file in the multipart field "file"', {
      errors: [{ path: '/file', message: 'is required' }],
    })
  let taken: { value: T } | undefined
  let failed: { error: unknown } | undefined
  try {
    // preservePath keeps the name exactly as sent: busboy would cut a path down to its last
    // segment, hiding a crafted "../../x.pdf" that we want to refuse rather than quietly accept.
    for await (const part of request.parts({ preservePath: true })) {
      if (part.type !== 'file') continue
      if (part.fieldname !== 'file' || taken) {
        part.file.resume()
        throw taken ? tooLarge(maxMb) : missing()
      }
      const { bytes, drain } = bytesOf(part.file, maxMb)
      try {
        taken = { value: await take({ fileName: part.filename, bytes }) }
      } catch (error) {
        // The taker's refusal (or a database error) goes on as it is; the rest of the body is drained.
        drain()
        failed = { error }
        break
      }
    }
  } catch (error) {
    if (taken) await undo(taken.value)
    throw clientError(error, maxMb)
  }
  if (failed) throw failed.error
  if (!taken) throw missing()
  return taken.value
}
