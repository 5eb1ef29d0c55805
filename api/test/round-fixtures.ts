// Shared by the round, submission and evidence tests: tiny but real evidence files built in the
// test itself, a hand-made multipart body (so file names reach the server exactly as written),
// and short-hands for the steps of a round.
import { randomBytes } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'
import { expect } from 'vitest'
import type { Client } from './helpers/app.js'

// ---- files ----

export const tinyPdf = (note = 'Pielikums') =>
  Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      `% ${note}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  )

/** A 1×1 PNG. */
export const tinyPng = () =>
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A JFIF header and end-of-image marker: enough for the type to be known from the bytes. */
export const tinyJpeg = () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`

/** The two parts file-type needs to tell a Word document from any other zip. */
export const tinyDocx = (text = 'Sveiki') =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')),
      'word/document.xml': strToU8(
        `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  )

/** An OpenDocument spreadsheet: the stored "mimetype" entry first. */
export const tinyOds = () =>
  Buffer.from(
    zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') }),
  )

export const plainZip = () => Buffer.from(zipSync({ 'a.txt': strToU8('hello') }))

/** The start of a Linux executable. */
export const elfBinary = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)])

/** The start of a Windows executable. */
export const mzBinary = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])

// ---- multipart ----

export interface Part {
  name: string
  filename?: string
  contentType?: string
  data: Buffer | string
}

export function multipart(parts: Part[]) {
  const boundary = `----apt${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const part of parts) {
    // A quoted-string: backslash and double quote escaped, everything else (UTF-8 included) as is.
    const filename = part.filename === undefined ? '' : `; filename="${part.filename.replace(/[\\"]/g, (c) => `\\${c}`)}"`
    const type = part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n${type}\r\n`, 'utf8'))
    chunks.push(Buffer.from(part.data))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Uploads one file in the field "file", the name sent exactly as given. */
export function upload(client: Client, submissionId: number, filename: string, data: Buffer, contentType = 'application/octet-stream') {
  const { body, contentType: type } = multipart([{ name: 'file', filename, contentType, data }])
  return client.agent
    .post(`/api/submissions/${submissionId}/evidence`)
    .set('X-CSRF-Token', client.csrfToken)
    .set('content-type', type)
    .send(body)
}

/** Collects a binary response body as it came over the wire. */
export function asBuffer(res: unknown, done: (err: Error | null, body: unknown) => void) {
  const stream = res as NodeJS.ReadableStream
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  stream.on('end', () => done(null, Buffer.concat(chunks)))
}

// ---- round steps ----

/** A calendar day relative to today. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

export interface MeasureRef {
  id: number
  number: string
  version: number
}

export async function measuresByNumber(client: Client, planId: number): Promise<Map<string, MeasureRef>> {
  const res = await client.get(`/api/plans/${planId}/measures`)
  expect(res.status).toBe(200)
  return new Map(res.body.map((m: MeasureRef) => [m.number, m]))
}

export async function openRound(client: Client, planId: number, body: Record<string, unknown> = {}) {
  const res = await client.post(`/api/plans/${planId}/rounds`, {
    title: 'Ziņojums par plāna izpildi',
    period: '2023-2024',
    dueDate: daysFromNow(30),
    ...body,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as {
    id: number
    title: string
    measures: { id: number; number: string }[]
    version: number
    abilities: { close: boolean }
  }
}

/** A submission's abilities, as the API sends them. */
export type Abilities = Record<'edit' | 'submit' | 'endorse' | 'return' | 'accept' | 'unaccept' | 'comment', boolean>

/** No ability at all; spread and override the ones expected true. */
export const NONE: Abilities = { edit: false, submit: false, endorse: false, return: false, accept: false, unaccept: false, comment: false }

export const COMPLETE = {
  text: 'Pasākums īstenots.\n\n- apmācīti 40 darbinieki\n- izdots metodiskais materiāls',
  proposedStatus: 'done',
  reason: 'Rezultatīvais rādītājs sasniegts',
}

/** A draft with everything needed to submit it. */
export async function draft(client: Client, roundId: number, measureId: number, institution: string, body: Record<string, unknown> = {}) {
  const res = await client.post(`/api/rounds/${roundId}/submissions`, { measureId, institution, ...COMPLETE, ...body })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: number; version: number; state: string; abilities: Abilities }
}

/** Takes a review step with the version given (or the current one) and expects `status`. */
export async function step(
  client: Client,
  submissionId: number,
  action: string,
  version: number,
  status = 200,
  extra: Record<string, unknown> = {},
) {
  const res = await client.post(`/api/submissions/${submissionId}/${action}`, { version, ...extra })
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(status)
  return res.body as { id: number; version: number; state: string; code?: string; abilities: Abilities }
}

export async function completeness(client: Client, roundId: number) {
  const res = await client.get(`/api/rounds/${roundId}/completeness`)
  expect(res.status).toBe(200)
  return res.body as {
    totals: Record<string, number>
    byInstitution: ({ institution: string; ministry: string } & Record<string, number>)[]
    byMinistry: ({ ministry: string } & Record<string, number>)[]
    late: { institution: string; outstanding: number }[]
    items: { measure: { number: string }; institution: string; role: string; state: string; late: boolean; submissionId: number | null }[]
    overdue: boolean
  }
}
