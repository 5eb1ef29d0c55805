// The problems of an imported document (action-plan/1, survey/1), all found in one pass: its JSON
// Schema's errors beside the checks a schema cannot express (numbers and codes once each, dates in
// order, references to institutions, plans and measures, parent cycles, what the importer may
// bring), each with a stable code and its place as a person reads the document. The checks run on
// whatever arrived, so each one looks only at the parts whose shape lets it. A document with any
// problem is refused as a whole by `importRefusal`, with every problem in `details.problems`.
import {
  AppError,
  describeFieldErrors,
  describeImportProblem,
  type DocumentError,
  ErrorCode,
  type FieldError,
  type ImportProblem,
  type ImportProblemCode,
  type ProblemParams,
  type ProblemStep,
} from '@apt/shared'
import { validatorCompiler } from '../../../validation.js'

/** What a compiled validator leaves of each failure (Ajv's ErrorObject). */
interface SchemaError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}
type Validate = ((value: unknown) => boolean) & { errors?: SchemaError[] | null }

/** A document's schema as the API validates bodies (the same Ajv and formats). */
export const compileDocumentSchema = (schema: object): Validate =>
  validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '' }) as Validate

// ---------------------------------------------------------------------------------------------
// The shape

const TYPE_CODES: Record<string, ImportProblemCode> = {
  string: 'expect_text',
  number: 'expect_number',
  integer: 'expect_integer',
  boolean: 'expect_boolean',
  array: 'expect_list',
  object: 'expect_object',
}

/** One schema error as a coded one; null for the parts of a union that say nothing alone. */
function codedSchemaError(e: SchemaError): DocumentError | null {
  const message = e.message ?? 'is invalid'
  const limit = typeof e.params.limit === 'number' ? e.params.limit : 0
  const at = (code: ImportProblemCode, params?: ProblemParams, path = e.instancePath): DocumentError => ({
    path: path || '/',
    message,
    code,
    ...(params ? { params } : {}),
  })
  switch (e.keyword) {
    case 'required':
      return at('required', undefined, `${e.instancePath}/${String(e.params.missingProperty)}`)
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty)
      return at('not_allowed', { name }, `${e.instancePath}/${name}`)
    }
    case 'type': {
      const types = ([] as unknown[]).concat(e.params.type).map(String)
      const code = TYPE_CODES[types.find((t) => t !== 'null') ?? '']
      return code ? at(code) : null
    }
    case 'minLength':
    case 'minItems':
      return limit <= 1 ? at('required') : at(e.keyword === 'minLength' ? 'too_short' : 'too_few', { limit })
    case 'maxLength':
      return at('too_long', { limit })
    case 'maxItems':
      return at('too_many', { limit })
    case 'minimum':
    case 'exclusiveMinimum':
      return at('too_small', { limit })
    case 'maximum':
    case 'exclusiveMaximum':
      return at('too_large', { limit })
    case 'format':
      return at(e.params.format === 'date' ? 'format_date' : e.params.format === 'date-time' ? 'format_datetime' : 'format')
    case 'pattern':
      // DateSchema's pattern refuses year 0000: a date all the same.
      return at(e.params.pattern === '^(?!0000)' ? 'format_date' : 'format')
    case 'enum':
      return at('one_of', { allowed: ([] as unknown[]).concat(e.params.allowedValues).map(String).join(', ') })
    case 'const':
      return at('one_of', { allowed: String(e.params.allowedValue) })
    case 'uniqueItems':
      return at('repeated_value')
    case 'anyOf':
      return null
    default:
      return at('invalid', { detail: message })
  }
}

/**
 * Every schema error of `value`, one per place and kind. Where a union (Nullable(X), X | null)
 * failed, the "must be null" of the other branch is dropped when the value went further into one
 * branch, so a bad date reads "datumam jābūt formā GGGG-MM-DD" and not "must be null".
 */
export function schemaErrors(validate: Validate, value: unknown): DocumentError[] {
  if (validate(value)) return []
  const raw = validate.errors ?? []
  const unions = new Set(raw.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const deeper = (path: string) =>
    raw.some((e) => e.keyword !== 'anyOf' && e.keyword !== 'type' && (e.instancePath === path || e.instancePath.startsWith(`${path}/`)))
  const out: DocumentError[] = []
  const seen = new Set<string>()
  for (const e of raw) {
    if (e.keyword === 'type' && unions.has(e.instancePath) && deeper(e.instancePath)) continue
    const coded = codedSchemaError(e)
    if (!coded) continue
    const key = `${coded.path}|${coded.code}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(coded)
  }
  // A value no branch of a union took: one "must be …" of the first type it could have been.
  for (const path of unions)
    if (!out.some((e) => e.path === path || e.path.startsWith(`${path}/`))) {
      const type = raw.find((e) => e.instancePath === path && e.keyword === 'type' && e.params.type !== 'null')
      const coded = type ? codedSchemaError(type) : null
      out.push(coded ?? { path: path || '/', message: 'is invalid', code: 'invalid', params: { detail: 'anyOf' } })
    }
  return out
}

// ---------------------------------------------------------------------------------------------
// Reading a document that may be malformed

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const fieldOf = (v: unknown, key: string): unknown => (isRecord(v) ? v[key] : undefined)

/** The value at a JSON pointer, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  return path
    .split('/')
    .slice(1)
    .reduce<unknown>((v, key) => (Array.isArray(v) ? v[Number(key)] : isRecord(v) ? v[key] : undefined), doc)
}

/** Each repeated key after its first: `path(i)` of the item, with the key. */
export function repeated<T>(items: readonly T[], key: (item: T) => string | undefined): { index: number; key: string }[] {
  const seen = new Set<string>()
  const out: { index: number; key: string }[] = []
  items.forEach((item, index) => {
    const k = key(item)
    if (k === undefined) return
    if (seen.has(k)) out.push({ index, key: k })
    else seen.add(k)
  })
  return out
}

// ---------------------------------------------------------------------------------------------
// Places

const SHORT_LABEL = 60
const short = (text: string) => (text.length > SHORT_LABEL ? `${text.slice(0, SHORT_LABEL - 1).trimEnd()}…` : text)

/** A numbered part: its own number (or code, id) when it has one, else its position. */
function numbered(kind: ProblemStep['kind'], item: unknown, index: number, key: string): ProblemStep {
  const own = textOf(fieldOf(item, key))?.trim()
  return { kind, number: own || String(index + 1) }
}

/** The rest of a path as a field: numeric segments (list positions) dropped, the others dotted. */
function fieldStep(segments: readonly string[]): ProblemStep[] {
  const key = segments.filter((s) => !/^\d+$/.test(s)).join('.')
  return key ? [{ kind: 'field', key }] : []
}

/** An institution of the document's list, by its code. */
function institutionSteps(doc: unknown, rest: string[]): ProblemStep[] {
  const index = Number(rest[0])
  if (!Number.isInteger(index)) return fieldStep(['institutions'])
  const item = listOf(fieldOf(doc, 'institutions'))[index]
  return [numbered('institution', item, index, 'code'), ...fieldStep(rest.slice(1))]
}

/** Where a JSON path is in an action-plan/1 document: "II rīcības virziens → 2.5. pasākums → Izpildes termiņš". */
export function locatePlanPath(doc: unknown, path: string): ProblemStep[] {
  const segments = path.split('/').slice(1)
  if (segments[0] === 'institutions') return institutionSteps(doc, segments.slice(1))
  if (segments[0] !== 'plan') return fieldStep(segments)
  const plan = fieldOf(doc, 'plan')
  if (segments[1] !== 'actionLines' || segments[2] === undefined) return [{ kind: 'plan' }, ...fieldStep(segments.slice(1))]
  const l = Number(segments[2])
  const line = listOf(fieldOf(plan, 'actionLines'))[l]
  const steps: ProblemStep[] = [numbered('actionLine', line, l, 'number')]
  if (segments[3] !== 'measures' || segments[4] === undefined) return [...steps, ...fieldStep(segments.slice(3))]
  const i = Number(segments[4])
  const measure = listOf(fieldOf(line, 'measures'))[i]
  steps.push(numbered('measure', measure, i, 'number'))
  const rest = segments.slice(5)
  if (rest[0] === 'budget' && rest[1] === 'lines' && rest[2] !== undefined)
    return [...steps, { kind: 'budgetLine', number: String(Number(rest[2]) + 1) }, ...fieldStep(rest.slice(3))]
  if (rest[0] === 'progress' && rest[1] !== undefined)
    return [...steps, { kind: 'progress', number: String(Number(rest[1]) + 1) }, ...fieldStep(rest.slice(2))]
  return [...steps, ...fieldStep(rest)]
}

const CHOICE_LISTS = new Set(['options', 'rows', 'columns', 'categories'])

/** A question by its number as the questionnaire prints it ("3.1."), else its id. */
function questionStep(question: unknown, fallback: string): ProblemStep {
  const number = textOf(fieldOf(question, 'number'))?.trim() || textOf(fieldOf(question, 'id')) || fallback
  return { kind: 'question', number }
}

/** Where a JSON path is in a survey/1 document: "2. sadaļa → 3.1. jautājums → 2. atbilžu variants → Teksts". */
export function locateSurveyPath(doc: unknown, path: string): ProblemStep[] {
  const segments = path.split('/').slice(1)
  if (segments[0] === 'institutions') return institutionSteps(doc, segments.slice(1))
  const survey = fieldOf(doc, 'survey')
  const sections = listOf(fieldOf(survey, 'sections'))
  if (segments[0] === 'survey') {
    if (segments[1] !== 'sections' || segments[2] === undefined) return [{ kind: 'survey' }, ...fieldStep(segments.slice(1))]
    const s = Number(segments[2])
    const section = sections[s]
    const title = textOf(fieldOf(section, 'title'))?.trim()
    const steps: ProblemStep[] = [{ kind: 'section', number: String(s + 1), ...(title ? { label: short(title) } : {}) }]
    if (segments[3] !== 'questions' || segments[4] === undefined) return [...steps, ...fieldStep(segments.slice(3))]
    const q = Number(segments[4])
    steps.push(questionStep(listOf(fieldOf(section, 'questions'))[q], String(q + 1)))
    const rest = segments.slice(5)
    if (CHOICE_LISTS.has(rest[0] ?? '') && rest[1] !== undefined)
      return [...steps, { kind: 'choice', key: rest[0]!, number: String(Number(rest[1]) + 1) }, ...fieldStep(rest.slice(2))]
    return [...steps, ...fieldStep(rest)]
  }
  if (segments[0] !== 'responses' || segments[1] === undefined) return fieldStep(segments)
  const r = Number(segments[1])
  const response = listOf(fieldOf(doc, 'responses'))[r]
  const steps: ProblemStep[] = [numbered('response', response, r, 'institution')]
  if (segments[2] !== 'answers' || segments[3] === undefined) return [...steps, ...fieldStep(segments.slice(2))]
  const id = segments[3]
  const question = sections.flatMap((s) => listOf(fieldOf(s, 'questions'))).find((q) => fieldOf(q, 'id') === id)
  steps.push(question ? questionStep(question, id) : { kind: 'question', number: id })
  const rest = segments.slice(4)
  // A number table's cell: value/rowId/columnId.
  if (rest[0] === 'value' && rest.length >= 2 && !/^\d+$/.test(rest[1]!))
    return [
      ...steps,
      { kind: 'choice', key: 'rows', number: rest[1]! },
      ...(rest[2] ? [{ kind: 'choice' as const, key: 'columns', number: rest[2] }] : []),
      { kind: 'field', key: 'value' },
    ]
  return [...steps, ...fieldStep(rest)]
}

// ---------------------------------------------------------------------------------------------
// The answer

/** Each error as an import problem: placed, and worded in Latvian. */
export function toImportProblems(errors: readonly DocumentError[], locate: (path: string) => ProblemStep[]): ImportProblem[] {
  return errors.map((e) => {
    const problem = { code: e.code, params: e.params ?? {}, location: locate(e.path) }
    return {
      ...problem,
      path: e.path,
      row: null,
      column: null,
      field: null,
      message: describeImportProblem(problem, 'lv'),
      severity: 'error' as const,
    }
  })
}

/**
 * The codes that, alone in a refused document, keep the answer clients knew before problems were
 * collected: a reference to nothing is 422, a taken code 409, what only an administrator or the
 * plan's coordinator may bring 403. Anything else, and any mix, is 400 VALIDATION_FAILED.
 */
const ALONE: Partial<Record<ImportProblemCode, ErrorCode>> = {
  unknown_institution: ErrorCode.unknownInstitutions,
  unknown_plan: ErrorCode.invalidReference,
  unknown_measure: ErrorCode.invalidReference,
  code_taken: ErrorCode.alreadyExists,
  institution_not_allowed: ErrorCode.forbidden,
  coordinator_not_allowed: ErrorCode.forbidden,
  plan_not_managed: ErrorCode.forbidden,
}

/** What the document is, for the 409's details and its message. */
export interface RefusedDocument {
  entity: 'plan' | 'survey'
  locate: (path: string) => ProblemStep[]
}

/**
 * A document refused with every problem at once: `errors` (path and English message, as every 400
 * lists them), `details.problems` (code, params, location, Latvian message). The status is the
 * one of the problems' kind when they are all of one (see ALONE), else 400.
 */
export function importRefusal(errors: readonly DocumentError[], document: RefusedDocument): AppError {
  const problems = toImportProblems(errors, document.locate)
  const fieldErrors: FieldError[] = errors.map(({ path, message }) => ({ path, message }))
  const kinds = new Set(errors.map((e) => ALONE[e.code] ?? ErrorCode.validationFailed))
  const code = kinds.size === 1 ? [...kinds][0]! : ErrorCode.validationFailed
  const valueOf = (e: DocumentError) => String(e.params?.code ?? e.params?.value ?? '')
  const codes = [...new Map(errors.map((e) => [valueOf(e), e.path])).entries()]
  const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`
  switch (code) {
    case ErrorCode.unknownInstitutions:
      return new AppError(code, `Institution codes used but not listed: ${codes.map(([c]) => c).join(', ')}`, {
        codes: codes.map(([c, path]) => ({ code: c, path })),
        problems,
      })
    case ErrorCode.forbidden:
      return new AppError(code, forbiddenMessage(errors), {
        ...(errors.every((e) => e.code === 'institution_not_allowed') ? { codes: codes.map(([c]) => ({ code: c })) } : {}),
        problems,
      })
    case ErrorCode.alreadyExists: {
      const [value = '', path = ''] = codes[0] ?? []
      return new AppError(code, `A ${document.entity} with code ${value} already exists`, {
        entity: document.entity,
        field: path,
        value,
        problems,
      })
    }
    case ErrorCode.invalidReference:
      return new AppError(code, describeFieldErrors(fieldErrors), { errors: fieldErrors, problems })
    default:
      return new AppError(ErrorCode.validationFailed, `The document has ${count}: ${describeFieldErrors(fieldErrors)}`, {
        errors: fieldErrors,
        problems,
      })
  }
}

function forbiddenMessage(errors: readonly DocumentError[]): string {
  const fresh = errors.filter((e) => e.code === 'institution_not_allowed').map((e) => String(e.params?.code))
  const others = errors.filter((e) => e.code !== 'institution_not_allowed').map((e) => e.message)
  return [fresh.length ? `Institutions ${fresh.join(', ')} are not registered yet; an administrator must add them first` : null, ...others]
    .filter(Boolean)
    .join('; ')
}
