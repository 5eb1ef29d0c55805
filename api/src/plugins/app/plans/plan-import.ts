// Importing an `action-plan/1` document: the schema is checked by the route; here come the checks a
// schema cannot express (unique numbers, known institution codes, no parent cycles), all reported at
// once, and then the whole plan is written in one transaction, or nothing is. The caller is an
// `Actor`: a user through the API, or the system for the first-run data; the policy decides what
// each may do (only admins, and the system, add institutions).
import type { FastifyInstance } from 'fastify'
import {
  canImportPlans,
  canManagePlan,
  type DocInstitution,
  type DryRunResult,
  ErrorCode,
  type FieldError,
  fieldErrors,
  type ImportResult,
  type PlanDocument,
  type PlanState,
  type SuccessorPlan,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { AppError, ensure } from '../errors.js'
import { checkDocumentInstitutions } from '../institutions/document-institutions.js'
import { insertDocumentInstitutions } from '../institutions/institutions-data.js'
import { toDocument } from './plan-document.js'
import { insertPlanDocument, linkSuccessor, loadPlanRows, planIdByCode, planRow } from './plans-data.js'

/** Checks beyond the JSON Schema; each error names its JSON path as the schema errors do. */
export function documentErrors(doc: PlanDocument): FieldError[] {
  const errors: FieldError[] = []
  const seen = <T>(items: T[], key: (item: T) => string, path: (i: number) => string, what: string) => {
    const first = new Map<string, number>()
    items.forEach((item, i) => {
      const k = key(item)
      if (first.has(k)) errors.push({ path: path(i), message: `duplicate ${what} "${k}" (first at index ${first.get(k)})` })
      else first.set(k, i)
    })
  }
  seen(
    doc.institutions,
    (inst) => inst.code,
    (i) => `/institutions/${i}/code`,
    'institution code',
  )
  seen(
    doc.plan.actionLines,
    (line) => line.number,
    (i) => `/plan/actionLines/${i}/number`,
    'action line number',
  )
  const allMeasures = doc.plan.actionLines.flatMap((line, l) =>
    line.measures.map((m, i) => ({ m, path: `/plan/actionLines/${l}/measures/${i}` })),
  )
  seen(
    allMeasures,
    ({ m }) => m.number,
    (i) => `${allMeasures[i]!.path}/number`,
    'measure number',
  )
  if (doc.plan.period.end < doc.plan.period.start) errors.push({ path: '/plan/period/end', message: 'must not be before the start' })
  for (const { m, path } of allMeasures) {
    seen(
      m.responsible,
      (c) => c,
      (i) => `${path}/responsible/${i}`,
      'institution',
    )
    seen(
      m.involved ?? [],
      (c) => c,
      (i) => `${path}/involved/${i}`,
      'institution',
    )
  }
  return errors
}

/** Every institution code the document uses, with the first place it is used. */
export function usedCodes(doc: PlanDocument): Map<string, string> {
  const used = new Map<string, string>()
  const use = (code: string | null | undefined, path: string) => {
    if (code != null && !used.has(code)) used.set(code, path)
  }
  doc.institutions.forEach((inst, i) => use(inst.parent, `/institutions/${i}/parent`))
  use(doc.plan.coordinator, '/plan/coordinator')
  doc.plan.actionLines.forEach((line, l) =>
    line.measures.forEach((m, i) => {
      const path = `/plan/actionLines/${l}/measures/${i}`
      m.responsible.forEach((c, j) => use(c, `${path}/responsible/${j}`))
      m.involved?.forEach((c, j) => use(c, `${path}/involved/${j}`))
      m.budget?.lines?.forEach((b, j) => use(b.institution, `${path}/budget/lines/${j}/institution`))
      m.progress?.forEach((p, j) => use(p.institution, `${path}/progress/${j}/institution`))
    }),
  )
  return used
}

export function measureCount(doc: PlanDocument) {
  return doc.plan.actionLines.reduce((n, line) => n + line.measures.length, 0)
}

export function createPlanImporter(fastify: FastifyInstance) {
  /** Validates what the schema cannot, resolves codes and asks the policy; throws the 400/403/409/422 a client must see. */
  async function check(executor: DbOrTx, actor: Actor, doc: PlanDocument) {
    ensure(canImportPlans(actor), 'Your role may not import plans')
    const errors = documentErrors(doc)
    if (errors.length) throw fieldErrors(ErrorCode.validationFailed, errors)
    const { fresh } = await checkDocumentInstitutions(executor, actor, doc.institutions, usedCodes(doc))
    if ((await planIdByCode(executor, doc.plan.code)) !== undefined)
      throw new AppError(ErrorCode.alreadyExists, `A plan with code ${doc.plan.code} already exists`)
    return { fresh }
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
    /** Everything an import would check, without writing. */
    async dryRun(actor: Actor, doc: PlanDocument): Promise<DryRunResult> {
      const { fresh } = await check(fastify.db, actor, doc)
      return { valid: true, code: doc.plan.code, measures: measureCount(doc), newInstitutions: fresh.map((i) => i.code) }
    },

    import: (actor: Actor, doc: PlanDocument) => fastify.db.transaction((tx) => importWithin(tx, actor, doc)),

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
