// Measures: filtered lists, detail with progress, versioned updates with status reasons, and the
// status history read from the audit log.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm'
import { ErrorCode, type Measure, type MeasureListItem, type MeasureQuery, type StatusHistoryEntry, type UpdateMeasure } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import {
  actionLines,
  auditLog,
  budgetLines,
  evidence,
  measureInstitutions,
  measures,
  planInstitutions,
  plans,
  progressEntries,
  submissions,
  users,
  type Measure as MeasureRow,
} from '../../../db/schema/index.js'
import { assertCanManagePlan } from '../auth/scope.js'
import { currentUser } from '../auth/access.js'
import { AppError, notFound, versionConflict } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { budgetOf, deadlineOf } from './measure-fields.js'
import { folded, normalizeSearch } from './measure-search.js'

export const NO_ACCEPTED_EVIDENCE = 'NO_ACCEPTED_EVIDENCE'

async function toListItems(executor: DbOrTx, rows: MeasureRow[]): Promise<MeasureListItem[]> {
  if (!rows.length) return []
  const ids = rows.map((m) => m.id)
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lines = await executor
    .select()
    .from(actionLines)
    .where(inArray(actionLines.id, [...new Set(rows.map((m) => m.actionLineId))]))
  const links = await executor
    .select()
    .from(measureInstitutions)
    .where(inArray(measureInstitutions.measureId, ids))
    .orderBy(asc(measureInstitutions.position))
  const budget = await executor.select().from(budgetLines).where(inArray(budgetLines.measureId, ids)).orderBy(asc(budgetLines.position))
  const tree = await InstitutionTree.load(executor)
  const lineById = new Map(lines.map((l) => [l.id, l]))
  return rows.map((m) => {
    const mine = links.filter((l) => l.measureId === m.id)
    const responsible = mine.filter((l) => l.role === 'responsible')
    const line = lineById.get(m.actionLineId)!
    return {
      id: m.id,
      planId: m.planId,
      actionLine: { id: line.id, number: line.number, title: line.title },
      number: m.number,
      sourceRef: m.sourceRef,
      title: m.title,
      responsible: responsible.map((l) => tree.codeOf(l.institutionId)!),
      involved: mine.filter((l) => l.role === 'involved').map((l) => tree.codeOf(l.institutionId)!),
      sector: tree.sectorOf(responsible.map((l) => l.institutionId)),
      deadline: deadlineOf(m),
      budget: budgetOf(
        m,
        budget.filter((b) => b.measureId === m.id),
        tree,
      ),
      expectedResult: m.expectedResult,
      indicator: m.indicator,
      status: m.status,
      assessment: m.assessment,
      carriedFromId: m.carriedFromId,
      version: m.version,
      updatedAt: m.updatedAt.toISOString(),
    }
  })
}

export function createMeasuresRepository(fastify: FastifyInstance) {
  const { db } = fastify

  async function row(executor: DbOrTx, id: number) {
    const [m] = await executor.select().from(measures).where(eq(measures.id, id))
    if (!m) throw notFound('Measure')
    return m
  }

  async function acceptedEvidenceCount(executor: DbOrTx, measureId: number) {
    const [r] = await executor
      .select({ n: sql<number>`count(*)::int` })
      .from(evidence)
      .innerJoin(submissions, eq(submissions.id, evidence.submissionId))
      .where(and(eq(submissions.measureId, measureId), eq(submissions.state, 'accepted')))
    return r?.n ?? 0
  }

  async function detail(executor: DbOrTx, id: number): Promise<Measure> {
    const m = await row(executor, id)
    const [item] = await toListItems(executor, [m])
    const progress = await executor
      .select()
      .from(progressEntries)
      .where(eq(progressEntries.measureId, id))
      .orderBy(asc(progressEntries.position), asc(progressEntries.id))
    const evidenceCount = await acceptedEvidenceCount(executor, id)
    const tree = await InstitutionTree.load(executor)
    return {
      ...item!,
      progress: progress.map((p) => ({
        id: p.id,
        institution: tree.codeOf(p.institutionId)!,
        period: p.period,
        text: p.text,
        submissionId: p.submissionId,
      })),
      acceptedEvidenceCount: evidenceCount,
    }
  }

  return {
    row: (id: number) => row(db, id),
    get: (id: number) => detail(db, id),

    async list(planId: number, query: MeasureQuery): Promise<MeasureListItem[]> {
      const where: SQL[] = [eq(measures.planId, planId)]
      if (query.status) where.push(eq(measures.status, query.status))
      if (query.actionLine) {
        where.push(
          exists(
            db
              .select({ one: sql`1` })
              .from(actionLines)
              .where(and(eq(actionLines.id, measures.actionLineId), eq(actionLines.number, query.actionLine))),
          ),
        )
      }
      if (query.institution) {
        const tree = await InstitutionTree.load(db)
        const inst = tree.byCode.get(query.institution)
        if (!inst) return []
        where.push(
          exists(
            db
              .select({ one: sql`1` })
              .from(measureInstitutions)
              .where(
                and(eq(measureInstitutions.measureId, measures.id), inArray(measureInstitutions.institutionId, [...tree.subtree(inst.id)])),
              ),
          ),
        )
      }
      const q = query.q ? normalizeSearch(query.q) : ''
      if (q) {
        const pattern = `%${q}%`
        const like = (column: unknown) => sql`${folded(column)} like ${pattern}`
        where.push(
          or(
            like(measures.number),
            like(measures.sourceRef),
            like(measures.title),
            like(measures.assessment),
            like(measures.expectedResult),
            like(measures.indicator),
            exists(
              db
                .select({ one: sql`1` })
                .from(progressEntries)
                .where(and(eq(progressEntries.measureId, measures.id), like(progressEntries.text))),
            ),
          )!,
        )
      }
      const order =
        query.sort === 'deadline' ? [sql`${measures.deadlineDue} asc nulls last`, asc(measures.position)] : [asc(measures.position)]
      const rows = await db
        .select()
        .from(measures)
        .where(and(...where))
        .orderBy(...order)
      return toListItems(db, rows)
    },

    async update(request: FastifyRequest, id: number, input: UpdateMeasure): Promise<{ measure: Measure; warnings: string[] }> {
      const user = currentUser(request)
      return db.transaction(async (tx) => {
        const before = await row(tx, id)
        const [plan] = await tx.select().from(plans).where(eq(plans.id, before.planId))
        assertCanManagePlan(user, plan!)
        if (before.version !== input.version) throw versionConflict('Measure')
        const statusChanges = input.status !== undefined && input.status !== before.status
        if (statusChanges && !input.reason?.trim())
          throw new AppError(ErrorCode.reasonRequired, 'Changing the status needs a reason', {
            errors: [{ path: '/reason', message: 'is required when the status changes' }],
          })

        const changes: Partial<MeasureRow> = {}
        if (input.title !== undefined) changes.title = input.title
        if (input.sourceRef !== undefined) changes.sourceRef = input.sourceRef
        if (input.deadline !== undefined) {
          changes.deadlineText = input.deadline?.text ?? null
          changes.deadlineDue = input.deadline?.due ?? null
        }
        if (input.budgetText !== undefined) {
          changes.budgetText = input.budgetText
          changes.hasBudget = true
        }
        if (input.expectedResult !== undefined) changes.expectedResult = input.expectedResult
        if (input.indicator !== undefined) changes.indicator = input.indicator
        if (input.status !== undefined) changes.status = input.status
        if (input.assessment !== undefined) changes.assessment = input.assessment

        const [updated] = await tx
          .update(measures)
          .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
          .where(and(eq(measures.id, id), eq(measures.version, input.version)))
          .returning()
        if (!updated) throw versionConflict('Measure')

        // The audit row names exactly the fields sent, each with its value before and after.
        const fields = (Object.keys(changes) as (keyof MeasureRow)[]).filter((k) => k !== 'hasBudget')
        const auditBefore: Record<string, unknown> = {
          ...Object.fromEntries(fields.map((k) => [k, before[k]])),
          status: before.status,
          version: before.version,
        }
        const auditAfter: Record<string, unknown> = {
          ...Object.fromEntries(fields.map((k) => [k, updated[k]])),
          status: updated.status,
          version: updated.version,
        }

        if (input.responsible !== undefined || input.involved !== undefined) {
          const tree = await InstitutionTree.load(tx)
          const beforeLinks = await tx
            .select()
            .from(measureInstitutions)
            .where(eq(measureInstitutions.measureId, id))
            .orderBy(asc(measureInstitutions.position))
          const current = (role: 'responsible' | 'involved') =>
            beforeLinks.filter((l) => l.role === role).map((l) => tree.codeOf(l.institutionId)!)
          const resolve = (codes: string[]) =>
            codes.map((code) => {
              const inst = tree.byCode.get(code)
              if (!inst) throw new AppError(ErrorCode.unknownInstitutions, `Unknown institution ${code}`, { codes: [{ code }] })
              return inst.id
            })
          const next = { responsible: input.responsible ?? current('responsible'), involved: input.involved ?? current('involved') }
          const responsible = resolve(next.responsible)
          const involved = resolve(next.involved)
          await tx.delete(measureInstitutions).where(eq(measureInstitutions.measureId, id))
          await tx
            .insert(measureInstitutions)
            .values([
              ...responsible.map((institutionId, position) => ({ measureId: id, institutionId, role: 'responsible' as const, position })),
              ...involved.map((institutionId, position) => ({ measureId: id, institutionId, role: 'involved' as const, position })),
            ])
          // The plan document must keep listing every institution its measures name.
          const named = await tx.select().from(planInstitutions).where(eq(planInstitutions.planId, before.planId))
          const missing = [...new Set([...responsible, ...involved])].filter((i) => !named.some((n) => n.institutionId === i))
          if (missing.length)
            await tx
              .insert(planInstitutions)
              .values(missing.map((institutionId, i) => ({ planId: before.planId, institutionId, position: named.length + i })))
          Object.assign(auditBefore, { responsible: current('responsible'), involved: current('involved') })
          Object.assign(auditAfter, next)
        }

        await fastify.audit.record(tx, request, {
          action: statusChanges ? 'measure.status' : 'measure.update',
          entityType: 'measure',
          entityId: id,
          planId: before.planId,
          before: auditBefore,
          after: auditAfter,
          reason: input.reason ?? null,
        })
        const measure = await detail(tx, id)
        const warnings = statusChanges && updated.status === 'done' && measure.acceptedEvidenceCount === 0 ? [NO_ACCEPTED_EVIDENCE] : []
        return { measure, warnings }
      })
    },

    async history(id: number): Promise<StatusHistoryEntry[]> {
      await row(db, id)
      const rows = await db
        .select({
          at: auditLog.at,
          before: auditLog.before,
          after: auditLog.after,
          reason: auditLog.reason,
          actorId: users.id,
          name: users.name,
          email: users.email,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(eq(auditLog.entityType, 'measure'), eq(auditLog.entityId, String(id)), eq(auditLog.action, 'measure.status')))
        .orderBy(desc(auditLog.id))
      return rows.map((r) => ({
        at: r.at.toISOString(),
        actor: r.actorId === null ? null : { id: r.actorId, name: r.name!, email: r.email! },
        from: (r.before as { status?: Measure['status'] } | null)?.status ?? null,
        to: (r.after as { status: Measure['status'] }).status,
        reason: r.reason,
      }))
    },
  }
}

export type MeasuresRepository = ReturnType<typeof createMeasuresRepository>
