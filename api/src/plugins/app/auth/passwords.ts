// Password hashing (argon2id) and the password policy (strength, not composition rules), kept apart from HTTP so both are testable alone.
import { randomBytes } from 'node:crypto'
import argon2 from 'argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'
import { latvianDictionary } from './latvian-words.js'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from '@apt/shared'

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

// Strength is estimated by zxcvbn-ts (a kept estimator: common passwords, English words and names,
// keyboard patterns, sequences, repeats, dates, l33t) with our own Latvian word list and the user's
// e-mail and name as words an attacker would try first. Length counts characters (code points), so
// six emoji are six characters, not twelve.
/** zxcvbn's score 3: "safely unguessable: moderate protection from offline slow-hash scenario" (10^8+ guesses). */
export const PASSWORD_MIN_SCORE = 3
/**
 * The estimator's work grows steeply with length (seconds for 256 random characters, on the event
 * loop), so it reads the first 64 characters and tries few l33t substitutions: 64 characters that
 * are hard to guess make the whole password hard to guess.
 */
const ESTIMATED_LENGTH = 64
const L33T_MAX_SUBSTITUTIONS = 4

let estimator: ZxcvbnFactory | undefined
/** Built on first use: ranking the dictionaries takes a moment that a start without password changes need not pay. */
function strength() {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, 'latvian-lv': latvianDictionary() },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: ESTIMATED_LENGTH,
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  })
  return estimator
}

const withoutDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '')

/** The words of a user's e-mail and name: `ilze.koordinatore@iem.demo.lv` gives ilze, koordinatore, iem, demo, lv and the whole. */
function userWords(user: { email: string; name?: string }): string[] {
  const email = user.email.toLowerCase()
  const name = (user.name ?? '').toLowerCase()
  const words = [email, ...email.split(/[^\p{L}\p{N}]+/u), name, name.replace(/\s+/g, ''), ...name.split(/[^\p{L}\p{N}]+/u)]
  return [...new Set([...words, ...words.map(withoutDiacritics)].filter((w) => w.length >= 2))]
}

const TOO_EASY = 'Password is too easy to guess'
const ADVICE = 'Use three or four words that are not related to each other, to you or to this service.'

/** Returns why a password is refused (a sentence that tells how to do better), or null when it is acceptable. */
export function passwordProblem(password: string, user: { email: string; name?: string }): string | null {
  const length = passwordLength(password)
  if (length < PASSWORD_MIN_LENGTH)
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long (this one has ${length}). ${ADVICE}`
  if (length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`
  const lower = password.toLowerCase()
  const email = user.email.toLowerCase()
  const local = email.split('@')[0] ?? ''
  if (lower.includes(email) || (local.length >= 4 && lower.includes(local)))
    return `Password must not contain the e-mail address. ${ADVICE}`
  const inputs = userWords(user)
  const result = strength().check(password, inputs)
  if (result.score < PASSWORD_MIN_SCORE) {
    const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : ''
    return `${TOO_EASY}${why}. ${[...result.feedback.suggestions, ADVICE].join(' ')}`
  }
  // zxcvbn adds a flat 10^8 for any three parts, so `Parole123456!` (a word, a sequence, a symbol)
  // or `parole-parole` passes its score; crackers try exactly those first: one word, or one word
  // repeated, with digits and symbols around it. So the letters alone must be more than that.
  // The middle without digits and symbols at its ends (keeps l33t: `P@role`), and the letters alone.
  const core = password.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  const letters = password.replace(/\P{L}+/gu, '')
  for (const part of new Set([core, letters])) {
    if (!part) continue
    const [only, ...more] = strength().check(part, inputs).sequence
    if (more.length === 0 && (only?.pattern === 'dictionary' || only?.pattern === 'repeat'))
      return `${TOO_EASY} (one common word or name, even repeated or with digits and symbols around it, is among the first things tried). ${ADVICE}`
  }
  return null
}

/** A one-time password an admin hands over; the user must change it at first login. */
export function generateOneTimePassword(): string {
  return randomBytes(12).toString('base64url')
}
