// Plans from files (DOCX, XLSX), after a reader made a `ParsedPlan` of them: the coordinator's
// mapping applied to the institutions the registry does not know, every institution text matched,
// the plan's facts the file lacks filled in, and the same checks as the JSON import — each problem
// in Latvian on the file's row and column. A dry run answers with all of it and writes nothing; an
// import with anything unresolved is 422 IMPORT_PROBLEMS; otherwise the plan is created as a draft
// in one transaction through the plan importer, with each mapping to an existing institution
// learned as an alias, all audited.
import type { FastifyInstance } from 'fastify'
import {
  AppError,
  canAddInstitutions,
  canCoordinateFrom,
  canImportPlans,
  describeProblem,
  type DocInstitution,
  type DocumentError,
  ErrorCode,
  IMPORT_PROBLEM_WORDING,
  type ImportProblem,
  type ImportProblemCode,
  type ImportResult,
  type InstitutionMapping,
  PlanDocumentSchema,
  type PlanDocument,
  type PlanFileDryRun,
  type PlanFileMeta,
  type ProblemParams,
  type UnknownInstitution,
} from '@apt/shared'
import type { DbOrTx } from '../../../../db/client.js'
import { nulCharacterPath } from '../../../../validation.js'
import type { Actor } from '../../auth/actor.js'
import { ensure } from '../../errors.js'
import { compileDocumentSchema, schemaErrors, valueAt } from '../../imports/document-problems.js'
import { InstitutionTree } from '../../institutions/institution-tree.js'
import { documentErrors } from '../plan-import.js'
import { planIdByCode } from '../plans-data.js'
import { InstitutionMatcher, normaliseInstitutionText } from './institution-matcher.js'
import { importProblem, locateOnMeasures, type ParsedPlan } from './parsed-plan.js'
import { upsertAlias } from './plan-file-data.js'

export interface PlanFileImportOptions {
  /** The coordinator's answer for each unknown institution, by its text as in the file. */
  mapping?: InstitutionMapping
  /** The plan's facts, over what the reader derived. */
  plan?: PlanFileMeta
  source: 'docx' | 'xlsx'
}

/** The column a field's problems name when the reader did not say how the file wrote it. */
const FIELD_LABELS: Record<string, string> = {
  number: 'Nr. p. k.',
  title: 'Pasākums',
  responsible: 'Atbildīgā institūcija',
  involved: 'Līdzatbildīgās institūcijas',
  deadline: 'Izpildes termiņš',
  budget: 'Finansējums',
  expectedResult: 'Darbības rezultāts',
  indicator: 'Rezultatīvais rādītājs',
  progress: 'Izpildes gaita',
}

const problem = importProblem

const validateDocument = compileDocumentSchema(PlanDocumentSchema)

/** A reader's kind of problem with its code, so it is worded in the reader's language too. */
const coded = (p: ImportProblem, code: ImportProblemCode, params: ProblemParams = {}): ImportProblem => ({ ...p, code, params })

export function createPlanFileImport(fastify: FastifyInstance) {
  async function prepare(executor: DbOrTx, actor: Actor, parsed: ParsedPlan, options: PlanFileImportOptions) {
    const mapping = options.mapping ?? {}
    const meta = options.plan ?? {}
    const creates = Object.entries(mapping).flatMap(([text, to]) => ('create' in to ? [{ text, inst: to.create }] : []))
    if (creates.length)
      ensure(
        canAddInstitutions(actor),
        `Only an administrator may add institutions: ask an administrator to add ${creates.map((c) => `"${c.inst.name}"`).join(', ')}, or map each to an existing institution`,
      )

    const matcher = await InstitutionMatcher.load(executor)
    const problems: ImportProblem[] = [...parsed.problems]
    const columns = parsed.columns ?? {}
    const columnOf = (field: string) => columns[field] ?? FIELD_LABELS[field] ?? null

    // New institutions from the mapping (admins), checked against the registry and each other.
    const created = new Map<string, DocInstitution>()
    for (const { text, inst } of creates) {
      if (matcher.has(inst.code)) {
        problems.push(
          problem(null, null, 'mapping', `„${text}”: institūcija ar kodu „${inst.code}” jau ir reģistrā; izvēlieties to sarakstā`),
        )
        continue
      }
      created.set(inst.code, inst)
    }
    for (const inst of created.values())
      if (inst.parent && !matcher.has(inst.parent) && !created.has(inst.parent))
        problems.push(
          problem(null, null, 'mapping', `jaunās institūcijas „${inst.name}” augstākā institūcija „${inst.parent}” nav reģistrā`),
        )
    // Institutions the file itself defines (the workbook's sheet): new ones only an admin may add.
    const admin = canAddInstitutions(actor)
    const fileDefined = new Map(parsed.document.institutions.map((i) => [i.code, i]))
    const known = (code: string) => matcher.has(code) || created.has(code) || (admin && fileDefined.has(code))

    const unknown = new Map<string, Set<number>>()
    const aliases = new Map<string, string>()

    /** A mapped text → its code, or undefined (a mapping to a code nobody knows is a problem). */
    const mapped = (text: string): string | undefined => {
      const to = mapping[text]
      if (!to) return undefined
      const code = 'code' in to ? to.code : to.create.code
      if (!known(code)) {
        problems.push(problem(null, null, 'mapping', `„${text}”: kartējumā norādītais kods „${code}” nav reģistrā`))
        return undefined
      }
      aliases.set(text, code)
      return code
    }

    /** One institution text (a cell, or one name) → codes, with what matched nothing kept as written. */
    const resolve = (text: string, rows: number[], field: string): string[] => {
      const out: string[] = []
      const add = (value: string) => {
        if (!out.includes(value)) out.push(value)
      }
      const direct = mapped(text) ?? (known(text) && fileDefined.has(text) ? text : undefined)
      if (direct) return [direct]
      for (const part of matcher.matchCell(text).parts) {
        if ('code' in part) {
          add(part.code)
          continue
        }
        const piece = part.text
        const code = mapped(piece) ?? (known(piece) ? piece : undefined)
        if (code) {
          add(code)
          continue
        }
        add(piece)
        const at = unknown.get(piece) ?? new Set<number>()
        rows.forEach((r) => at.add(r))
        unknown.set(piece, at)
        const column = columnOf(field.split('.')[0]!)
        const unknownAt = (row: number | null) =>
          coded(problem(row, column, field, `nezināma institūcija „${piece}”`), 'unknown_institution', { code: piece })
        if (rows.length) for (const row of rows) problems.push(unknownAt(row))
        else problems.push(unknownAt(null))
      }
      return out
    }

    const source = parsed.document
    const rowOf = (path: string) => parsed.rows?.get(path) ?? null
    const rowsFor = (path: string, text: string) => {
      const row = rowOf(path)
      return row !== null ? [row] : (parsed.institutionRows.get(text) ?? [])
    }

    const actionLines = source.plan.actionLines.map((line, l) => ({
      ...line,
      measures: line.measures.map((m, i) => {
        const path = `/plan/actionLines/${l}/measures/${i}`
        const codes = (texts: string[] | undefined, field: string) => {
          const out: string[] = []
          for (const t of texts ?? []) for (const c of resolve(t, rowsFor(path, t), field)) if (!out.includes(c)) out.push(c)
          return out
        }
        return {
          ...m,
          responsible: codes(m.responsible, 'responsible'),
          involved: codes(m.involved, 'involved'),
          budget: m.budget
            ? {
                ...m.budget,
                lines: m.budget.lines?.map((b) => ({
                  ...b,
                  institution: b.institution
                    ? (resolve(b.institution, rowsFor(path, b.institution), 'budget.lines.institution')[0] ?? null)
                    : (b.institution ?? null),
                })),
              }
            : m.budget,
          progress: m.progress?.map((p) => ({
            ...p,
            institution: resolve(p.institution, rowsFor(path, p.institution), 'progress.institution')[0] ?? p.institution,
          })),
        }
      }),
    }))

    // The coordinator: as given, else as the file says, else the importing user's institution.
    let coordinator = ''
    if (meta.coordinator) {
      if (known(meta.coordinator)) coordinator = meta.coordinator
      else problems.push(problem(null, null, 'plan.coordinator', `koordinējošā institūcija „${meta.coordinator}” nav reģistrā`))
    } else if (source.plan.coordinator) {
      const codes = resolve(source.plan.coordinator, parsed.institutionRows.get(source.plan.coordinator) ?? [], 'plan.coordinator')
      coordinator = codes[0] ?? ''
    } else if (actor.kind === 'user') coordinator = actor.institutionCode
    if (!coordinator) problems.push(problem(null, null, 'plan.coordinator', 'plānam nav koordinējošās institūcijas: norādiet to'))

    const plan = source.plan
    const document: PlanDocument = {
      format: source.format,
      institutions: [...source.institutions.filter((i) => known(i.code)), ...created.values()],
      plan: {
        ...plan,
        code: meta.code ?? plan.code,
        title: meta.title ?? plan.title,
        period: meta.period ?? plan.period,
        approvedBy: meta.approvedBy !== undefined ? meta.approvedBy : (plan.approvedBy ?? null),
        coordinator,
        reportDue: meta.reportDue !== undefined ? meta.reportDue : (plan.reportDue ?? null),
        policyFramework: meta.policyFramework !== undefined ? meta.policyFramework : (plan.policyFramework ?? null),
        goal: meta.goal !== undefined ? meta.goal : (plan.goal ?? null),
        actionLines,
      },
    }

    // The plan's own facts.
    const p = document.plan
    if (!p.title.trim()) problems.push(problem(null, null, 'plan.title', 'plāna nosaukums dokumentā nav atrasts: norādiet to'))
    if (!p.code.trim()) problems.push(problem(null, null, 'plan.code', 'plāna kods nav zināms: norādiet to'))
    if (!p.period.start || !p.period.end)
      problems.push(problem(null, null, 'plan.period', 'plāna periods nav zināms: norādiet tā sākumu un beigas'))
    else if (p.code.trim() && (await planIdByCode(executor, p.code)) !== undefined)
      problems.push(problem(null, null, 'plan.code', `plāns ar kodu „${p.code}” jau ir: norādiet citu kodu`))
    if (coordinator && matcher.has(coordinator)) {
      const tree = await InstitutionTree.load(executor)
      const coordinatorId = tree.byCode.get(coordinator)!.id
      if (!canCoordinateFrom(actor, coordinatorId))
        problems.push(
          problem(
            null,
            null,
            'plan.coordinator',
            `jūs varat importēt tikai plānus, ko koordinē jūsu iestāde; koordinējošā institūcija „${coordinator}” nav jūsu`,
          ),
        )
    }

    // The JSON import's checks, and the format's, each placed on its row where the path tells it.
    const place = (path: string): { row: number | null; column: string | null; field: string | null } => {
      const m = /^(\/plan\/actionLines\/\d+)(?:\/measures\/(\d+))?(?:\/([a-zA-Z]+)(.*))?$/.exec(path)
      if (!m) return { row: null, column: null, field: path.replace(/^\//, '').replace(/\/\d+/g, '').replace(/\//g, '.') || null }
      const measurePath = m[2] !== undefined ? `${m[1]}/measures/${m[2]}` : m[1]!
      const row = rowOf(measurePath) ?? rowOf(m[1]!)
      const name = m[3] ?? null
      const field = name ? [name, ...(m[4] ?? '').split('/').filter((s) => s && !/^\d+$/.test(s))].join('.') : null
      return {
        row,
        column: name && m[2] !== undefined ? columnOf(name) : null,
        field: m[2] === undefined && field ? `actionLine.${field}` : field,
      }
    }
    /** A check's error on the file's row and column, worded as the JSON import words it. */
    const onFile = (error: DocumentError) => {
      const at = place(error.path)
      const params = error.params ?? {}
      const text = describeProblem({ code: error.code, params }, IMPORT_PROBLEM_WORDING.lv) ?? error.message
      return coded(problem(at.row, at.column, at.field, text), error.code, params)
    }
    for (const error of documentErrors(document)) problems.push(onFile(error))
    // A NUL character (possible in a workbook's cell) cannot be stored in PostgreSQL text.
    const nul = nulCharacterPath(document, '')
    if (nul) problems.push(onFile({ path: nul, message: 'must not contain NUL characters', code: 'nul_character' }))
    const unknownTexts = new Set(unknown.keys())
    const seen = new Set(problems.map((x) => `${x.row}|${x.field}`))
    for (const error of schemaErrors(validateDocument, document)) {
      const at = place(error.path)
      // An unknown institution (already listed), or a gap the reader already named.
      const value = valueAt(document, error.path)
      if (typeof value === 'string' && unknownTexts.has(value)) continue
      if (seen.has(`${at.row}|${at.field}`)) continue
      seen.add(`${at.row}|${at.field}`)
      problems.push(onFile(error))
    }

    const unknownInstitutions: UnknownInstitution[] = [...unknown].map(([text, rows]) => ({
      text,
      rows: [...rows].sort((a, b) => a - b),
      suggestions: matcher.suggestions(text),
    }))
    const importable = unknownInstitutions.length === 0 && !problems.some((x) => x.severity === 'error')
    return { document, problems: locateOnMeasures(problems, document, parsed.rows), unknownInstitutions, importable, aliases }
  }

  return {
    /** The plan as it would be imported, every problem, the institutions still unknown. Writes nothing. */
    async dryRun(actor: Actor, parsed: ParsedPlan, options: PlanFileImportOptions): Promise<PlanFileDryRun> {
      ensure(canImportPlans(actor), 'Your role may not import plans')
      const { document, problems, unknownInstitutions, importable } = await prepare(fastify.db, actor, parsed, options)
      return { document, problems, unknownInstitutions, importable }
    },

    /** Creates the plan as a draft, or 422 IMPORT_PROBLEMS with everything that stops it. */
    async import(actor: Actor, parsed: ParsedPlan, options: PlanFileImportOptions): Promise<ImportResult> {
      ensure(canImportPlans(actor), 'Your role may not import plans')
      return fastify.db.transaction(async (tx) => {
        const prepared = await prepare(tx, actor, parsed, options)
        if (!prepared.importable) {
          const errors = prepared.problems.filter((x) => x.severity === 'error').length
          throw new AppError(
            ErrorCode.importProblems,
            `The plan file cannot be imported as it stands: ${errors} problem(s), ${prepared.unknownInstitutions.length} unknown institution(s); see details`,
            { problems: prepared.problems, unknownInstitutions: prepared.unknownInstitutions },
          )
        }
        const result = await fastify.planImporter.importWithin(tx, actor, prepared.document, { state: 'draft', source: options.source })
        // Each mapped text is learned, so the next file naming it matches at once.
        const tree = await InstitutionTree.load(tx)
        for (const [text, code] of prepared.aliases) {
          const key = normaliseInstitutionText(text)
          const institution = tree.byCode.get(code)
          if (!key || !institution) continue
          const { before, after } = await upsertAlias(tx, { key, text, institutionId: institution.id })
          if (before?.institutionId === after.institutionId && before.text === after.text) continue
          await fastify.audit.record(tx, actor, {
            action: before ? 'institution.alias.update' : 'institution.alias.create',
            entityType: 'institution',
            entityId: institution.id,
            planId: result.id,
            before: before ? { text: before.text, institution: tree.codeOf(before.institutionId) } : null,
            after: { text: after.text, key: after.key, institution: code },
          })
        }
        return result
      })
    },
  }
}
