// Which plan file this is, from its bytes and its name: a .docx sent to the .xlsx import (or the
// other way round), a password-protected or old-format Office file, or no Office file at all is
// refused with 415 before any reader opens it.
import { fileTypeFromBuffer } from 'file-type'
import { ErrorCode } from '@apt/shared'
import { AppError } from '../../errors.js'
import { assertZipSignature, isOleFile, oleFile } from './zip.js'

export type PlanFileKind = 'docx' | 'xlsx'

const other = (kind: PlanFileKind): PlanFileKind => (kind === 'docx' ? 'xlsx' : 'docx')

/** 415 unless the bytes (and the name's extension, when it has one) are a `kind` file. */
export async function assertPlanFileKind(bytes: Uint8Array, fileName: string, kind: PlanFileKind): Promise<void> {
  const dot = fileName.lastIndexOf('.')
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : ''
  const wrongPlace = (found: string) =>
    new AppError(
      ErrorCode.unsupportedMediaType,
      found === other(kind)
        ? `This is a .${found} file; send it to /api/plans/import/${found} (this address takes .${kind} files)`
        : `Send a .${kind} file; this one is .${found}`,
    )
  // An OLE file (password-protected, or .doc/.xls) says so whatever its name.
  if (isOleFile(bytes)) throw oleFile()
  if (extension && extension !== kind) throw wrongPlace(extension)
  const detected = await fileTypeFromBuffer(bytes)
  if (detected && detected.ext !== kind && detected.ext !== 'zip') throw wrongPlace(detected.ext)
  assertZipSignature(bytes, `a .${kind} file`)
}
