// Which evidence files we take and how their names travel: the type comes from the bytes (never
// from the client's Content-Type), and it must agree with the name's extension, so a renamed
// executable or a macro workbook called .xlsx is refused.
import { fileTypeFromBuffer } from 'file-type'
import { ErrorCode } from '@apt/shared'
import { AppError } from '../errors.js'

/** What file-type reports for each format we accept, and the extensions a name may carry for it. */
export const EVIDENCE_TYPES: readonly { ext: string; mime: string; extensions: readonly string[] }[] = [
  { ext: 'pdf', mime: 'application/pdf', extensions: ['pdf'] },
  { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  { ext: 'odt', mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  { ext: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  { ext: 'png', mime: 'image/png', extensions: ['png'] },
  { ext: 'jpg', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
]
export const EVIDENCE_MEDIA_TYPES = EVIDENCE_TYPES.map((t) => t.mime)
const ACCEPTED = 'PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG'

// Path separators, C0/C1 controls and the bidi overrides that make "fdp.exe" show as "exe.pdf".
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

const badName = (message: string) =>
  new AppError(ErrorCode.validationFailed, `file name ${message}`, { errors: [{ path: '/file', message: `file name ${message}` }] })

/**
 * The name as the client sent it, if it is a plain file name. Browsers send only the base name, so
 * path or control characters mean a crafted request: it is refused rather than silently repaired.
 */
export function checkFileName(raw: string | undefined): string {
  const name = (raw ?? '').normalize('NFC').trim()
  if (!name) throw badName('is missing')
  if (name.length > 255) throw badName('is longer than 255 characters')
  if (UNSAFE_NAME_CHARS.test(name)) throw badName('must not contain path or control characters')
  if (/^\.+$/.test(name)) throw badName('is not a file name')
  return name
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export interface EvidenceType {
  ext: string
  mime: string
}

/** The detected type of an evidence file; 415 when it is not one we accept or not what its name says. */
export async function detectEvidenceType(bytes: Uint8Array, fileName: string): Promise<EvidenceType> {
  const detected = await fileTypeFromBuffer(bytes)
  const type = detected && EVIDENCE_TYPES.find((t) => t.ext === detected.ext)
  if (!type)
    throw new AppError(
      ErrorCode.unsupportedMediaType,
      `Only ${ACCEPTED} files are accepted${detected ? `; this file is ${detected.ext.toUpperCase()}` : ''}`,
    )
  const extension = extensionOf(fileName)
  if (!type.extensions.includes(extension))
    throw new AppError(
      ErrorCode.unsupportedMediaType,
      `The file's content is ${type.ext.toUpperCase()} but its name ends in "${extension ? `.${extension}` : '(no extension)'}"`,
    )
  return { ext: type.ext, mime: type.mime }
}

/** A stored name made safe for a header even if it was stored before the checks above: no path or control characters. */
export function safeFileName(name: string | null): string {
  const cleaned = (name ?? '')
    .replace(new RegExp(UNSAFE_NAME_CHARS.source, 'g'), '')
    .replace(/^[.\s]+/, '')
    .trim()
  return cleaned || 'evidence'
}

/** RFC 5987 value: UTF-8 percent-encoded, with the few characters encodeURIComponent leaves but attr-char forbids. */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** Latvian letters without their marks (ā → a, š → s) and anything else outside printable ASCII as "_". */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\;%]/g, '_')
}

/** `attachment` with an ASCII name for old clients and the exact UTF-8 name for the rest. */
export function attachmentDisposition(storedName: string | null): string {
  const name = safeFileName(storedName)
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`
}
