// Importing an `action-plan/1` document: the schema is checked by the route; here come the checks a
// schema cannot express (unique numbers, known institution codes, no parent cycles), all reported at
// once, and then the whole plan is written in one transaction, or nothing is.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { eq, sql } from 'drizzle-orm'
import { type DocInstitution, ErrorCode, type PlanDocument, Role } from '@apt/shared'
import type { Tx } from '../../../db/client.js'
import {
  actionLines,
  budgetLines,
  institutions,
  measureInstitutions,
  measures,
  planInstitutions,
  plans,
  progressEntries,
} from '../../../db/schema/index.js'
import { AppError } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { loadPlanRows, toDocument } from './plans-repository.js'

interface FieldError {
  path: string
  message: string
}

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

/** New institutions whose parent chain (through the document and the database) comes back to them. */
function parentCycles(listed: DocInstitution[], tree: InstitutionTree): FieldError[] {
  const isNew = (inst: DocInstitution) => !tree.byCode.has(inst.code)
  const parentOf = new Map<string, string | null>([...tree.byCode.values()].map((i) => [i.code, tree.codeOf(i.parentId)]))
  for (const inst of listed.filter(isNew)) parentOf.set(inst.code, inst.parent ?? null)
  const errors: FieldError[] = []
  listed.forEach((inst, i) => {
    if (!isNew(inst)) return
    const seen = new Set<string>()
    for (let code: string | null | undefined = inst.code; code; code = parentOf.get(code)) {
      if (seen.has(code)) {
        errors.push({ path: `/institutions/${i}/parent`, message: `makes ${inst.code} its own ancestor` })
        break
      }
      seen.add(code)
    }
  })
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

// Keeps each multi-row insert well under PostgreSQL's 65 535 bind parameters.
const CHUNK = 500
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

export function createPlanImporter(fastify: FastifyInstance) {
  /** Validates what the schema cannot and resolves codes; throws the 400/409/422 a client must see. */
  async function check(tx: Tx | FastifyInstance['db'], doc: PlanDocument, request: FastifyRequest | null) {
    const errors = documentErrors(doc)
    if (errors.length) throw new AppError(ErrorCode.validationFailed, errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors })
    const tree = await InstitutionTree.load(tx)
    const listed = new Set(doc.institutions.map((i) => i.code))
    const unknown = [...usedCodes(doc)].filter(([code]) => !listed.has(code) && !tree.byCode.has(code))
    if (unknown.length)
      throw new AppError(ErrorCode.unknownInstitutions, `Institution codes used but not listed: ${unknown.map(([c]) => c).join(', ')}`, {
        codes: unknown.map(([code, path]) => ({ code, path })),
      })
    const fresh = doc.institutions.filter((i) => !tree.byCode.has(i.code))
    const cycles = parentCycles(doc.institutions, tree)
    if (cycles.length)
      throw new AppError(ErrorCode.validationFailed, cycles.map((e) => `${e.path} ${e.message}`).join('; '), { errors: cycles })
    // New institutions widen a ministry's reach, so only an admin may add them (the first-run import is the system's own).
    if (fresh.length && request && request.user?.role !== Role.admin)
      throw new AppError(ErrorCode.forbidden,
        `Institutions ${fresh.map((i) => i.code).join(', ')} are not registered yet; an administrator must add them first`,
        { codes: fresh.map((i) => ({ code: i.code })) },
      )
    const [existing] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, doc.plan.code))
    if (existing) throw new AppError(ErrorCode.alreadyExists, `A plan with code ${doc.plan.code} already exists`)
    return { tree, newInstitutions: fresh.map((i) => i.code) }
  }

  async function write(tx: Tx, request: FastifyRequest | null, doc: PlanDocument, initialTree: InstitutionTree) {
    // Institutions: reuse existing codes as they are; add new ones, then link parents.
    const fresh = doc.institutions.filter((i) => !initialTree.byCode.has(i.code))
    if (fresh.length) await tx.insert(institutions).values(fresh.map((i) => ({ code: i.code, name: i.name, kind: i.kind })))
    let tree = await InstitutionTree.load(tx)
    for (const inst of fresh) {
      if (inst.parent == null) continue
      await tx
        .update(institutions)
        .set({ parentId: tree.byCode.get(inst.parent)!.id })
        .where(eq(institutions.code, inst.code))
    }
    tree = await InstitutionTree.load(tx)
    for (const inst of fresh) {
      const row = tree.byCode.get(inst.code)!
      await fastify.audit.record(tx, request, { action: 'institution.create', entityType: 'institution', entityId: row.id, after: row })
    }
    const idOf = (code: string) => tree.byCode.get(code)!.id
    const idOrNull = (code: string | null | undefined) => (code == null ? null : idOf(code))

    const p = doc.plan
    const [plan] = await tx
      .insert(plans)
      .values({
        code: p.code,
        title: p.title,
        periodStart: p.period.start,
        periodEnd: p.period.end,
        approvedBy: p.approvedBy ?? null,
        coordinatorId: idOf(p.coordinator),
        reportDue: p.reportDue ?? null,
        policyFramework: p.policyFramework ?? null,
        goal: p.goal ?? null,
      })
      .returning({ id: plans.id })
    const planId = plan!.id
    if (doc.institutions.length)
      await tx
        .insert(planInstitutions)
        .values(doc.institutions.map((inst, position) => ({ planId, institutionId: idOf(inst.code), position })))

    const lines = await tx
      .insert(actionLines)
      .values(
        p.actionLines.map((line, position) => ({ planId, number: line.number, title: line.title, goal: line.goal ?? null, position })),
      )
      .returning({ id: actionLines.id })

    const flat = p.actionLines.flatMap((line, l) => line.measures.map((m) => ({ m, actionLineId: lines[l]!.id })))
    const ids: number[] = []
    await insertChunked(
      flat.map(({ m, actionLineId }, position) => ({
        planId,
        actionLineId,
        number: m.number,
        sourceRef: m.sourceRef ?? null,
        title: m.title,
        deadlineText: m.deadline?.text ?? null,
        deadlineDue: m.deadline?.due ?? null,
        hasBudget: m.budget != null,
        budgetText: m.budget?.text ?? null,
        expectedResult: m.expectedResult ?? null,
        indicator: m.indicator ?? null,
        status: m.status,
        assessment: m.assessment ?? null,
        position,
      })),
      async (chunk) => ids.push(...(await tx.insert(measures).values(chunk).returning({ id: measures.id })).map((r) => r.id)),
    )

    const links = flat.flatMap(({ m }, i) => [
      ...m.responsible.map((code, position) => ({ measureId: ids[i]!, institutionId: idOf(code), role: 'responsible' as const, position })),
      ...(m.involved ?? []).map((code, position) => ({
        measureId: ids[i]!,
        institutionId: idOf(code),
        role: 'involved' as const,
        position,
      })),
    ])
    await insertChunked(links, (chunk) => tx.insert(measureInstitutions).values(chunk))

    const budget = flat.flatMap(({ m }, i) =>
      (m.budget?.lines ?? []).map((b, position) => ({
        measureId: ids[i]!,
        amountEur: b.amountEur,
        source: b.source,
        institutionId: idOrNull(b.institution),
        programme: b.programme ?? null,
        year: b.year ?? null,
        granted: b.granted ?? null,
        position,
      })),
    )
    await insertChunked(budget, (chunk) => tx.insert(budgetLines).values(chunk))

    const progress = flat.flatMap(({ m }, i) =>
      (m.progress ?? []).map((entry, position) => ({
        measureId: ids[i]!,
        institutionId: idOf(entry.institution),
        period: entry.period ?? null,
        text: entry.text,
        position,
      })),
    )
    await insertChunked(progress, (chunk) => tx.insert(progressEntries).values(chunk))
    return { id: planId, code: p.code, measures: flat.length }
  }

  return {
    /** Everything an import would check, without writing. */
    async dryRun(request: FastifyRequest, doc: PlanDocument) {
      const { newInstitutions } = await check(fastify.db, doc, request)
      return { valid: true as const, code: doc.plan.code, measures: measureCount(doc), newInstitutions }
    },

    async import(request: FastifyRequest | null, doc: PlanDocument) {
      return fastify.db.transaction((tx) => this.importWithin(tx, request, doc))
    },

    /** The import as part of a larger transaction (the first-run data). */
    async importWithin(tx: Tx, request: FastifyRequest | null, doc: PlanDocument) {
      const { tree } = await check(tx, doc, request)
      const result = await write(tx, request, doc, tree)
      await fastify.audit.record(tx, request, {
        action: 'plan.import',
        entityType: 'plan',
        entityId: result.id,
        planId: result.id,
        after: { code: result.code, title: doc.plan.title, measures: result.measures },
      })
      return result
    },

    /**
     * Starts the next plan from an unfinished one: the same action lines with the measures that were
     * partly done or not done, reset to pending and linked to the measures they continue.
     */
    async successor(request: FastifyRequest, fromPlanId: number, input: SuccessorPlanInput) {
      return fastify.db.transaction(async (tx) => {
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
        const { tree } = await check(tx, doc, request)
        const result = await write(tx, request, doc, tree)
        await tx.update(plans).set({ predecessorId: fromPlanId }).where(eq(plans.id, result.id))
        // Link each carried measure to the one it continues, by number within the two plans.
        await tx.execute(sql`
          update measures as m set carried_from_id = old.id
          from measures as old
          where m.plan_id = ${result.id} and old.plan_id = ${fromPlanId} and old.number = m.number`)
        await fastify.audit.record(tx, request, {
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

export interface SuccessorPlanInput {
  code: string
  title: string
  period: { start: string; end: string }
  approvedBy?: string | null
  reportDue?: string | null
}
