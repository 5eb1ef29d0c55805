// The password policy alone: length in characters, strength by zxcvbn-ts with the Latvian word list
// and the user's own words, and a sentence that says how to do better.
import { describe, expect, it } from 'vitest'
import { PASSWORD_MAX_LENGTH } from '@apt/shared'
import { passwordProblem } from '../src/plugins/app/auth/passwords.js'
import { ADMIN, DEMO_PASSWORD } from './helpers/config.js'

const user = { email: 'ilze.berzina@iem.demo.lv', name: 'Ilze Bērziņa' }

describe('password policy', () => {
  it.each([
    ['aaaaaaaaaaab', /too easy to guess/],
    ['12345678901234', /too easy to guess/],
    ['😀😁😂🤣😃😄', /at least 12 characters long \(this one has 6\)/],
    ['Parole123456!', /one common word/],
    ['Parole2024!!', /one common word/],
    ['P@role2024!!', /one common word/],
    ['Latvija2025!', /too easy to guess/],
    ['riga12345678', /too easy to guess/],
    ['Ministrija2025!', /one common word/],
    ['Iekšlietas-2024', /one common word/],
    ['parole-parole', /one common word/],
    ['password1234', /too easy to guess/],
    ['qwertyuiop12', /too easy to guess/],
    ['Septembris2025', /too easy to guess|one common word/],
    ['Ilze Bērziņa 1985', /too easy to guess|one common word/],
    ['Ilze Berzina 1985', /too easy to guess|one common word/],
    ['ilze.berzina-2025', /e-mail address/],
    ['x'.repeat(PASSWORD_MAX_LENGTH + 1), /at most 256 characters/],
  ])('refuses %j', (password, why) => {
    const problem = passwordProblem(password, user)
    expect(problem).toMatch(why)
    // Every refusal tells what to do instead, except the plain length cap.
    if (!problem!.includes('at most')) expect(problem).toMatch(/words that are not related/)
  })

  it.each([
    'correct horse battery staple',
    'Zilais kalns pie Daugavas 7',
    'Saules-puķe-2025-rudens',
    'Zaļš-kalns-ar-7-ozoliem',
    'Tiesiskuma-plāns-e2e-2025',
    'vG7#qL2!mZ9x',
    '😀😁😂🤣😃😄😅😆😉😊😋😎',
    DEMO_PASSWORD,
    ADMIN.password,
    'e2e-demo-password-123',
    'e2e-admin-password-123',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, user)).toBeNull()
  })

  it('counts characters, not UTF-16 units', () => {
    // Eleven emoji are 22 UTF-16 units, still too short; twelve are enough characters.
    expect(passwordProblem('😀'.repeat(5) + '🤣😃😄😅😆😉', user)).toMatch(/this one has 11/)
  })

  it('stays quick for the longest password', () => {
    const random = Array.from({ length: PASSWORD_MAX_LENGTH }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('')
    const started = performance.now()
    passwordProblem(random, user)
    passwordProblem('P@r0l3'.repeat(42), user)
    expect(performance.now() - started).toBeLessThan(3000)
  })
})
