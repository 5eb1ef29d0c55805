// Importing an `action-plan/1` document: its schema and the checks a schema cannot express (unique
// numbers, known institution codes, no parent cycles, a free code), all in one pass and reported at
// once (../imports/document-problems.ts), and then the whole plan is written in one transaction, or
// nothing is. The caller is an
// `Actor`: a user through the API, or the system for the first-run data; the policy decides what
// each may do (only admins, and the system, add institutions).
import type { FastifyInstance } from 'fastify'
import {
  canImportPlans,
  canManagePlan,
  type DocInstitution,
  type DocumentError,
  type DryRunResult,
  type ImportProblemCode,
  type ImportResult,
  type PlanDocument,
  PlanDocumentSchema,
  type PlanState,
  type SuccessorPlan,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { ensure } from '../errors.js'
import {
  compileDocumentSchema,
  fieldOf,
  importRefusal,
  listOf,
  locatePlanPath,
  repeated,
  schemaErrors,
  textOf,
} from '../imports/document-problems.js'
import { documentInstitutionErrors } from '../institutions/document-institutions.js'
import { insertDocumentInstitutions } from '../institutions/institutions-data.js'
import { toDocument } from './plan-document.js'
import { insertPlanDocument, linkSuccessor, loadPlanRows, planIdByCode, planRow } from './plans-data.js'

/**
 * Checks beyond the JSON Schema, each error on its JSON path as the schema's are: numbers and codes
 * once each, the period in order, no institution twice in a measure. It reads only what has the
 * shape it needs, so a document that also breaks its schema is checked all the same.
 */
export function documentErrors(doc: unknown): DocumentError[] {
  const errors: DocumentError[] = []
  const twice = <T>(items: readonly T[], key: (item: T) => unknown, path: (i: number) => string, code: ImportProblemCode, what: string) => {
    for (const { index, key: value } of repeated(items, (item) => textOf(key(item))))
      errors.push({ path: path(index), message: `duplicate ${what} "${value}"`, code, params: { value } })
  }
  const institutions = listOf(fieldOf(doc, 'institutions'))
  twice(
    institutions,
    (i) => fieldOf(i, 'code'),
    (i) => `/institutions/${i}/code`,
    'duplicate_code',
    'institution code',
  )
  const plan = fieldOf(doc, 'plan')
  const lines = listOf(fieldOf(plan, 'actionLines'))
  twice(
    lines,
    (line) => fieldOf(line, 'number'),
    (i) => `/plan/actionLines/${i}/number`,
    'duplicate_number',
    'action line number',
  )
  const allMeasures = lines.flatMap((line, l) =>
    listOf(fieldOf(line, 'measures')).map((m, i) => ({ m, path: `/plan/actionLines/${l}/measures/${i}` })),
  )
  twice(
    allMeasures,
    ({ m }) => fieldOf(m, 'number'),
    (i) => `${allMeasures[i]!.path}/number`,
    'duplicate_number',
    'measure number',
  )
  const start = textOf(fieldOf(fieldOf(plan, 'period'), 'start'))
  const end = textOf(fieldOf(fieldOf(plan, 'period'), 'end'))
  if (start && end && end < start)
    errors.push({ path: '/plan/period/end', message: 'must not be before the start', code: 'end_before_start' })
  for (const { m, path } of allMeasures)
    for (const role of ['responsible', 'involved'] as const)
      twice(
        listOf(fieldOf(m, role)),
        (c) => c,
        (i) => `${path}/${role}/${i}`,
        'duplicate_institution',
        'institution',
      )
  return errors
}

/** Every institution code the document uses, with every place it is used, in document order. */
export function usedCodes(doc: unknown): Map<string, string[]> {
  const used = new Map<string, string[]>()
  const use = (code: unknown, path: string) => {
    if (typeof code !== 'string') return
    const paths = used.get(code) ?? []
    paths.push(path)
    used.set(code, paths)
  }
  listOf(fieldOf(doc, 'institutions')).forEach((inst, i) => use(fieldOf(inst, 'parent'), `/institutions/${i}/parent`))
  const plan = fieldOf(doc, 'plan')
  use(fieldOf(plan, 'coordinator'), '/plan/coordinator')
  listOf(fieldOf(plan, 'actionLines')).forEach((line, l) =>
    listOf(fieldOf(line, 'measures')).forEach((m, i) => {
      const path = `/plan/actionLines/${l}/measures/${i}`
      listOf(fieldOf(m, 'responsible')).forEach((c, j) => use(c, `${path}/responsible/${j}`))
      listOf(fieldOf(m, 'involved')).forEach((c, j) => use(c, `${path}/involved/${j}`))
      listOf(fieldOf(fieldOf(m, 'budget'), 'lines')).forEach((b, j) =>
        use(fieldOf(b, 'institution'), `${path}/budget/lines/${j}/institution`),
      )
      listOf(fieldOf(m, 'progress')).forEach((p, j) => use(fieldOf(p, 'institution'), `${path}/progress/${j}/institution`))
    }),
  )
  return used
}

const validatePlanDocument = compileDocumentSchema(PlanDocumentSchema)

/**
 * Every problem of an action-plan/1 document at once — its shape, its own checks, the institutions
 * it uses and lists, its code — each on its JSON path. Returns the new institutions it would add.
 */
export async function planDocumentErrors(executor: DbOrTx, actor: Actor, doc: unknown) {
  const errors = [...schemaErrors(validatePlanDocument, doc), ...documentErrors(doc)]
  const institutions = await documentInstitutionErrors(executor, actor, fieldOf(doc, 'institutions'), usedCodes(doc))
  errors.push(...institutions.errors)
  const code = textOf(fieldOf(fieldOf(doc, 'plan'), 'code'))
  if (code && (await planIdByCode(executor, code)) !== undefined)
    errors.push({ path: '/plan/code', message: `a plan with code ${code} already exists`, code: 'code_taken', params: { code } })
  return { errors: withoutRepeats(errors), fresh: institutions.fresh }
}

/** One error per place and kind (a schema's and a check's may meet). */
function withoutRepeats(errors: DocumentError[]): DocumentError[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    const key = `${e.path}|${e.code}|${String(e.params?.code ?? e.params?.value ?? '')}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function measureCount(doc: PlanDocument) {
  return doc.plan.actionLines.reduce((n, line) => n + line.measures.length, 0)
}

export function createPlanImporter(fastify: FastifyInstance) {
  /**
   * Checks the whole document in one pass and asks the policy; throws the 403 of a role that may
   * not import, or one refusal listing every problem (see importRefusal for its status).
   */
  async function check(executor: DbOrTx, actor: Actor, doc: unknown): Promise<{ doc: PlanDocument; fresh: DocInstitution[] }> {
    ensure(canImportPlans(actor), 'Your role may not import plans')
    const { errors, fresh } = await planDocumentErrors(executor, actor, doc)
    if (errors.length) throw importRefusal(errors, { entity: 'plan', locate: (path) => locatePlanPath(doc, path) })
    return { doc: doc as PlanDocument, fresh }
  }

  /** Adds the document's new institutions (audited one by one), then the plan. */
  async function write(tx: Tx, actor: Actor, doc: PlanDocument, fresh: DocInstitution[], state?: PlanState) {
    const { rows, tree } = await insertDocumentInstitutions(tx, fresh)
    for (const row of rows)
      await fastify.audit.record(tx, actor, { action: 'institution.create', entityType: 'institution', entityId: row.id, after: row })
    return insertPlanDocument(tx, doc, tree, { state })
  }

  /**
   * `state`: the new plan's (active unless said; a plan file makes a draft). `source`: where the
   * document came from, kept in the audit row ('docx', 'xlsx'; JSON imports say nothing).
   */
  async function importWithin(
    tx: Tx,
    actor: Actor,
    doc: PlanDocument,
    options: { state?: PlanState; source?: 'docx' | 'xlsx' } = {},
  ): Promise<ImportResult> {
    const { fresh } = await check(tx, actor, doc)
    const result = await write(tx, actor, doc, fresh, options.state)
    await fastify.audit.record(tx, actor, {
      action: 'plan.import',
      entityType: 'plan',
      entityId: result.id,
      planId: result.id,
      after: {
        code: result.code,
        title: doc.plan.title,
        measures: result.measures,
        ...(options.state ? { state: options.state } : {}),
        ...(options.source ? { source: options.source } : {}),
      },
    })
    return result
  }

  return {
    /** Everything an import would check, without writing. `body` is the document as it arrived. */
    async dryRun(actor: Actor, body: unknown): Promise<DryRunResult> {
      const { doc, fresh } = await check(fastify.db, actor, body)
      return { valid: true, code: doc.plan.code, measures: measureCount(doc), newInstitutions: fresh.map((i) => i.code) }
    },

    /** `body` is the document as it arrived: checked whole before anything is written. */
    import: (actor: Actor, body: unknown) => fastify.db.transaction((tx) => importWithin(tx, actor, body as PlanDocument)),

    /** The import as part of a larger transaction (the first-run data, with the system actor). */
    importWithin,

    /**
     * Starts the next plan from an unfinished one: the same action lines with the measures that were
     * partly done or not done, reset to pending and linked to the measures they continue.
     */
    async successor(actor: Actor, fromPlanId: number, input: SuccessorPlan): Promise<ImportResult> {
      return fastify.db.transaction(async (tx) => {
        ensure(canManagePlan(actor, await planRow(tx, fromPlanId)), 'Only the plan’s coordinating institution may do this')
        const previous = toDocument(await loadPlanRows(tx, fromPlanId))
        const carried = previous.plan.actionLines.map((line) => ({
          ...line,
          measures: line.measures.filter((m) => m.status === 'partial' || m.status === 'not_done'),
        }))
        const doc: PlanDocument = {
          ...previous,
          plan: {
            ...previous.plan,
            code: input.code,
            title: input.title,
            period: input.period,
            approvedBy: input.approvedBy ?? null,
            reportDue: input.reportDue ?? null,
            actionLines: carried.map((line) => ({
              ...line,
              measures: line.measures.map((m) => ({ ...m, status: 'pending' as const, assessment: null, progress: [] })),
            })),
          },
        }
        const { fresh } = await check(tx, actor, doc)
        const result = await write(tx, actor, doc, fresh)
        await linkSuccessor(tx, result.id, fromPlanId)
        await fastify.audit.record(tx, actor, {
          action: 'plan.successor',
          entityType: 'plan',
          entityId: result.id,
          planId: result.id,
          after: { code: result.code, from: fromPlanId, measures: result.measures },
        })
        return result
      })
    },
  }
}
