// Password hashing (argon2id) and the password policy, kept apart from HTTP so both are testable alone.
import { randomBytes } from 'node:crypto'
import argon2 from 'argon2'

// OWASP's argon2id recommendation (19 MiB, 2 passes) keeps a login under ~100 ms on these machines.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string) => argon2.hash(password, HASH_OPTIONS)

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

/** A hash of a random password, verified against when the e-mail is unknown so timing tells nothing. */
export const dummyHash = hashPassword(randomBytes(16).toString('hex'))

// The most common passwords of breach lists that are 12+ characters long, plus local favourites.
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwertyuiopas',
  'password1234',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'administrator',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'abc123456789',
  'qwerty123456',
  'parole123456',
  'parole1234567',
  'latvija12345',
  'riga12345678',
  'iekslietas123',
  'ministrija123',
])

export const PASSWORD_MIN_LENGTH = 12

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, user: { email: string; name?: string }): string | null {
  const email = user.email
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`
  if (password.length > 256) return 'Password must be at most 256 characters long'
  const lower = password.toLowerCase()
  const local = email.toLowerCase().split('@')[0] ?? ''
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) return 'Password must not contain the e-mail address'
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'Password is too common'
  return null
}

/** A one-time password an admin hands over; the user must change it at first login. */
export function generateOneTimePassword(): string {
  return randomBytes(12).toString('base64url')
}
