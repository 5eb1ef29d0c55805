// Opening a DOCX or XLSX (both zip archives) without trusting it: the entries' declared sizes are
// checked from the central directory before anything is inflated, and the caps are enforced again
// while inflating, because declared sizes can lie (yauzl also refuses an entry that inflates past
// its declared size). A zip bomb ends in 413, a file that is no zip in 415 (an OLE file — what
// Office writes for a password-protected document, and the old .doc/.xls — says so), a damaged zip
// in 422 IMPORT_PROBLEMS with a problem a person can read.
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { ErrorCode } from '@apt/shared'
import { AppError } from '../../errors.js'
import { importProblem } from './parsed-plan.js'

export interface ZipLimits {
  /** Largest inflated size of one entry, bytes. */
  maxEntryBytes: number
  /** Largest inflated size of all entries read together, bytes. */
  maxTotalBytes: number
  /** Largest inflated/compressed ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number
  /** Entries smaller than this are not held to the ratio (tiny XML parts compress very well). */
  ratioFloorBytes: number
  maxEntries: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 5000,
}

/** The entries of an archive as inflated, by name. */
export type ZipEntries = Map<string, Uint8Array>

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

/** An OLE compound file: Office's password-protected files, and the old .doc/.xls. */
export const isOleFile = (bytes: Uint8Array) => OLE_SIGNATURE.every((b, i) => bytes[i] === b)
// A local file header, or the end record of an empty archive.
const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))

const MB = 1024 * 1024
const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`

/** 413: the archive would inflate past what we read. */
export const zipTooLarge = (why: string) =>
  new AppError(
    ErrorCode.payloadTooLarge,
    `The file's archive is too large when unpacked (${why}); a plan file is far smaller, so this looks like a zip bomb`,
  )

/** 415: an OLE compound file (password-protected Office file, or .doc/.xls). */
export const oleFile = () =>
  new AppError(
    ErrorCode.unsupportedMediaType,
    'Password-protected or old-format file: save it as an unprotected .docx/.xlsx and upload that',
  )

/** 422 IMPORT_PROBLEMS: the file cannot be read; one problem in Latvian. */
export const unreadableFile = (english: string, latvian: string) =>
  new AppError(ErrorCode.importProblems, english, {
    problems: [importProblem(null, null, null, latvian)],
    unknownInstitutions: [],
  })

const corrupt = (detail: string) =>
  unreadableFile(
    `The file is damaged and cannot be read as a zip archive (${detail})`,
    'Fails ir bojāts, to nevar nolasīt. Saglabājiet dokumentu vēlreiz un augšupielādējiet to.',
  )

/** Refuses bytes that are no zip archive at all, before any parsing. */
export function assertZipSignature(bytes: Uint8Array, expected: string): void {
  if (isOleFile(bytes)) throw oleFile()
  if (!isZip(bytes)) throw new AppError(ErrorCode.unsupportedMediaType, `The file is not ${expected}`)
}

const openBuffer = (buffer: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error ? reject(corrupt(error.message)) : resolve(zip),
    ),
  )

/** Every entry of the central directory, read without inflating anything. */
function listEntries(zip: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    let declaredTotal = 0
    const fail = (error: Error) => {
      zip.close()
      reject(error)
    }
    zip.on('error', (error: Error) => fail(error instanceof AppError ? error : corrupt(error.message)))
    zip.on('entry', (entry: Entry) => {
      if (entries.length >= limits.maxEntries) return fail(zipTooLarge(`more than ${limits.maxEntries} entries`))
      if (entry.isEncrypted())
        return fail(
          new AppError(ErrorCode.unsupportedMediaType, 'Password-protected file: save it as an unprotected .docx/.xlsx and upload that'),
        )
      const size = entry.uncompressedSize
      if (size > limits.maxEntryBytes)
        return fail(zipTooLarge(`“${entry.fileName}” would be ${mb(size)}, at most ${mb(limits.maxEntryBytes)}`))
      declaredTotal += size
      if (declaredTotal > limits.maxTotalBytes) return fail(zipTooLarge(`more than ${mb(limits.maxTotalBytes)} in all`))
      if (size > limits.ratioFloorBytes && size > limits.maxRatio * Math.max(entry.compressedSize, 1))
        return fail(zipTooLarge(`“${entry.fileName}” is compressed more than ${limits.maxRatio} to 1`))
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.readEntry()
  })
}

/** One entry's bytes, counted as they inflate: past the entry cap or what is left of the total, 413. */
function inflate(zip: ZipFile, entry: Entry, limits: ZipLimits, budget: { left: number }, keep: boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error instanceof AppError ? error : corrupt(error.message))
      const chunks: Buffer[] = []
      let size = 0
      let done = false
      const fail = (e: Error) => {
        if (done) return
        done = true
        stream.destroy()
        reject(e)
      }
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        budget.left -= chunk.length
        if (size > limits.maxEntryBytes) return fail(zipTooLarge(`“${entry.fileName}” inflates past ${mb(limits.maxEntryBytes)}`))
        if (budget.left < 0) return fail(zipTooLarge(`more than ${mb(limits.maxTotalBytes)} in all`))
        if (keep) chunks.push(chunk)
      })
      stream.on('error', (e: Error) =>
        // yauzl's "too many bytes in the stream": the entry inflates past its declared size.
        fail(/too many bytes/i.test(e.message) ? zipTooLarge(`“${entry.fileName}” inflates past its declared size`) : corrupt(e.message)),
      )
      stream.on('end', () => {
        if (done) return
        done = true
        resolve(keep ? new Uint8Array(Buffer.concat(chunks, size)) : new Uint8Array(0))
      })
    })
  })
}

/**
 * Opens a zip archive and inflates the entries `include` accepts (all by default), within
 * `limits`. `expected` names the format in the 415 message ("a .docx file"); `discard` inflates and
 * counts without keeping the bytes (the entries then map to empty arrays).
 */
export async function openZip(
  bytes: Uint8Array,
  options: { limits?: Partial<ZipLimits>; include?: (name: string) => boolean; expected?: string; discard?: boolean } = {},
): Promise<ZipEntries> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits }
  assertZipSignature(bytes, options.expected ?? 'a .docx or .xlsx file')
  const zip = await openBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  try {
    const entries = await listEntries(zip, limits)
    const budget = { left: limits.maxTotalBytes }
    const out: ZipEntries = new Map()
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue
      if (options.include && !options.include(entry.fileName)) continue
      out.set(entry.fileName, await inflate(zip, entry, limits, budget, !options.discard))
    }
    return out
  } finally {
    zip.close()
  }
}

/**
 * For a reader that unpacks the archive itself (exceljs): inflates every entry under the caps and
 * throws the 4xx of `openZip` when the archive is not safe to hand on. Nothing is kept.
 */
export async function assertSafeZip(bytes: Uint8Array, options: { limits?: Partial<ZipLimits>; expected?: string } = {}): Promise<void> {
  await openZip(bytes, { ...options, discard: true })
}
