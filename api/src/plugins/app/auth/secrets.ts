// Random secrets and their one-way digests: only digests of session ids and API tokens are stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url')
export const digest = (secret: string) => createHash('sha256').update(secret).digest('hex')

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}
