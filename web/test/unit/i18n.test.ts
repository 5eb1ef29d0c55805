// The message files are complete: lv and en have the same keys, every error code, status, role
// and state has a label, every key the code uses exists in both, and every message compiles.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUDGET_SOURCES, ClientErrorCode, ErrorCode, INSTITUTION_KINDS, MEASURE_STATUSES, ROLES, SUBMISSION_STATES } from '@apt/shared'
import { createI18n } from 'vue-i18n'
import lv from '../../src/i18n/lv'
import en from '../../src/i18n/en'
import { latvianPlural } from '../../src/i18n'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

function lookup(tree: Tree, path: string): string | Tree | undefined {
  return path.split('.').reduce<string | Tree | undefined>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), tree)
}

const SRC = resolve(import.meta.dirname, '../../src')
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

const flatLv = flatten(lv as unknown as Tree)
const flatEn = flatten(en as unknown as Tree)
const sources = sourceFiles().map((file) => ({ file: file.slice(SRC.length + 1), text: readFileSync(file, 'utf8') }))

/** Keys written literally: t('a.b'), $t('a.b'), te('a.b'), titleKey: 'a.b'. */
function staticKeys() {
  const found: { file: string; key: string }[] = []
  const pattern = /(?:\b\$?t|\bte)\(\s*'([a-zA-Z][\w.]*)'|titleKey:\s*'([a-zA-Z][\w.]*)'/g
  for (const { file, text } of sources) for (const m of text.matchAll(pattern)) found.push({ file, key: (m[1] ?? m[2])! })
  return found
}

/** Keys built from a template: t(`status.${s}`) — the part before ${ must name a group. */
function dynamicPrefixes() {
  const found: { file: string; prefix: string }[] = []
  for (const { file, text } of sources)
    for (const m of text.matchAll(/(?:\b\$?t|\bte)\(\s*`([a-zA-Z][\w.]*)\.\$\{/g)) found.push({ file, prefix: m[1]! })
  return found
}

describe('message files', () => {
  it('lv and en have exactly the same keys', () => {
    expect([...flatEn.keys()].filter((k) => !flatLv.has(k))).toEqual([])
    expect([...flatLv.keys()].filter((k) => !flatEn.has(k))).toEqual([])
  })

  it('no message is empty', () => {
    expect([...flatLv, ...flatEn].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([])
  })

  it('every key used in a template or script exists in both languages', () => {
    const keys = staticKeys()
    expect(keys.length).toBeGreaterThan(300)
    const missing = keys.filter(({ key }) => !flatLv.has(key) || !flatEn.has(key)).map(({ file, key }) => `${file}: ${key}`)
    expect(missing).toEqual([])
  })

  it('every key group used with a computed key exists in both languages', () => {
    const prefixes = dynamicPrefixes()
    expect(prefixes.length).toBeGreaterThan(5)
    const missing = prefixes
      .filter(
        ({ prefix }) =>
          typeof lookup(lv as unknown as Tree, prefix) !== 'object' || typeof lookup(en as unknown as Tree, prefix) !== 'object',
      )
      .map(({ file, prefix }) => `${file}: ${prefix}.*`)
    expect(missing).toEqual([])
  })

  it('translates every error code of the API and of the client', () => {
    const codes = [...Object.values(ErrorCode), ...Object.values(ClientErrorCode)]
    expect(codes.filter((c) => !flatLv.has(`errors.${c}`) || !flatEn.has(`errors.${c}`))).toEqual([])
  })

  it('labels every status, state, role, institution kind and budget source', () => {
    const wanted = [
      ...MEASURE_STATUSES.map((s) => `status.${s}`),
      ...[...SUBMISSION_STATES, 'missing'].map((s) => `submissionState.${s}`),
      ...['open', 'closed'].map((s) => `roundState.${s}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...INSTITUTION_KINDS.map((k) => `institutionKind.${k}`),
      ...BUDGET_SOURCES.map((s) => `budgetSource.${s}`),
      'measure.warnings.NO_ACCEPTED_EVIDENCE',
    ]
    expect(wanted.filter((k) => !flatLv.has(k) || !flatEn.has(k))).toEqual([])
  })

  describe('compilation', () => {
    afterEach(() => vi.restoreAllMocks())

    it('every message compiles and renders without warnings', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const i18n = createI18n({ legacy: false, locale: 'lv', messages: { lv, en }, pluralRules: { lv: latvianPlural } })
      const params = new Proxy({}, { get: () => 'X', has: () => true })
      for (const locale of ['lv', 'en'] as const) {
        i18n.global.locale.value = locale
        for (const key of flatLv.keys()) {
          const rendered = i18n.global.t(key, params as Record<string, unknown>)
          expect(rendered, `${locale} ${key}`).not.toBe(key)
          expect(rendered, `${locale} ${key}`).not.toMatch(/[{}]/)
        }
      }
      expect([...warn.mock.calls, ...error.mock.calls]).toEqual([])
    })
  })
})

describe('Latvian plural forms', () => {
  const forms = ['nav neviena pasākuma', '{n} pasākums', '{n} pasākumi']
  const pick = (n: number) => forms[latvianPlural(n, 3)]
  it('chooses none for 0, the singular for 1, 21, 101 and the plural otherwise', () => {
    expect(pick(0)).toBe('nav neviena pasākuma')
    for (const n of [1, 21, 31, 101]) expect(pick(n)).toBe('{n} pasākums')
    for (const n of [2, 5, 10, 11, 12, 19, 20, 111]) expect(pick(n)).toBe('{n} pasākumi')
  })
})
