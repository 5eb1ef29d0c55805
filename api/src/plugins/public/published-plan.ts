// The public read model of a plan: everything its /p/{code} pages and open data show, read in one
// pass with a fixed number of queries (the plan's document rows, then the accepted submissions'
// rounds, the status changes, the public evidence, the published reports and the licence). Only
// what is public comes out: the plan's document (whose progress entries are accepted texts only),
// the official status history, evidence marked public of accepted submissions, published reports.
// Never drafts, submissions in review, returned comments, users, e-mail addresses or the audit's
// other rows. No permissions here: whoever calls it serves the public.
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import {
  type MeasureStatus,
  type PlanSummary,
  type PublicInstitution,
  type PublicMeasure,
  type PublishedPlan,
  rankSectors,
} from '@apt/shared'
import type { DbOrTx } from '../../db/client.js'
import { auditLog, evidence, measures, plans, reportExports, rounds, submissions, surveys } from '../../db/schema/index.js'
import type { InstitutionTree } from '../app/institutions/institution-tree.js'
import { budgetOf, deadlineOf, exclusionOf } from '../app/measures/measure-fields.js'
import { loadPlanRows, type PlanRows } from '../app/plans/plans-data.js'
import { openDataLicence } from '../app/settings/settings-data.js'

/** A published plan by its code: its row, or undefined when there is none or it is not published. */
export async function publishedPlanRow(db: DbOrTx, planCode: string) {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.code, planCode), isNotNull(plans.publishedAt)))
  return row
}

/** What a published plan's public rows are: its document's rows and the public facts around them. */
export interface PublicPlanRows {
  rows: PlanRows
  /** Accepted submissions of the plan by id: the round their text was accepted in. */
  accepted: Map<number, { acceptedAt: Date | null; round: { title: string; period: string } }>
  statusChanges: { measureId: number; at: Date; from: MeasureStatus | null; to: MeasureStatus; reason: string | null }[]
  evidence: { id: number; measureId: number; fileName: string; mediaType: string | null; size: number | null; changedAt: Date | null }[]
  reports: { id: number; fileName: string; size: number; createdAt: Date; publishedAt: Date }[]
  surveys: { code: string; title: string; period: string | null; publishedAt: Date; updatedAt: Date }[]
}

/**
 * The public rows of a published plan (undefined when unknown or unpublished). `rows.progress` keeps
 * only accepted texts: imported history, or entries whose submission is accepted.
 */
export async function loadPublicPlanRows(db: DbOrTx, planCode: string): Promise<PublicPlanRows | undefined> {
  const plan = await publishedPlanRow(db, planCode)
  if (!plan) return undefined
  const rows = await loadPlanRows(db, plan.id, plan)
  const acceptedRows = await db
    .select({ id: submissions.id, acceptedAt: submissions.acceptedAt, title: rounds.title, period: rounds.period })
    .from(submissions)
    .innerJoin(rounds, eq(rounds.id, submissions.roundId))
    .where(and(eq(rounds.planId, plan.id), eq(submissions.state, 'accepted')))
  const accepted = new Map(acceptedRows.map((r) => [r.id, { acceptedAt: r.acceptedAt, round: { title: r.title, period: r.period } }]))
  for (const [measureId, entries] of rows.progress)
    rows.progress.set(
      measureId,
      entries.filter((e) => e.submissionId === null || accepted.has(e.submissionId)),
    )

  // The official status changes, read from the audit log by the plan: only their status, time and reason.
  const changes = await db
    .select({ entityId: auditLog.entityId, at: auditLog.at, before: auditLog.before, after: auditLog.after, reason: auditLog.reason })
    .from(auditLog)
    .where(and(eq(auditLog.planId, plan.id), eq(auditLog.entityType, 'measure'), eq(auditLog.action, 'measure.status')))
    .orderBy(asc(auditLog.id))
  const measureIds = new Set(rows.measures.map((m) => m.id))
  const statusChanges = changes
    .map((c) => ({
      measureId: Number(c.entityId),
      at: c.at,
      from: (c.before as { status?: MeasureStatus } | null)?.status ?? null,
      to: (c.after as { status: MeasureStatus }).status,
      reason: c.reason,
    }))
    .filter((c) => measureIds.has(c.measureId))

  const evidenceRows = await db
    .select({
      id: evidence.id,
      measureId: submissions.measureId,
      fileName: evidence.fileName,
      mediaType: evidence.mediaType,
      size: evidence.size,
      changedAt: evidence.publicChangedAt,
    })
    .from(evidence)
    .innerJoin(submissions, eq(submissions.id, evidence.submissionId))
    .innerJoin(measures, eq(measures.id, submissions.measureId))
    .where(and(eq(measures.planId, plan.id), eq(evidence.public, true), eq(evidence.kind, 'file'), eq(submissions.state, 'accepted')))
    .orderBy(asc(evidence.id))

  const reports = await db
    .select({
      id: reportExports.id,
      fileName: reportExports.fileName,
      size: reportExports.size,
      createdAt: reportExports.createdAt,
      publishedAt: reportExports.publishedAt,
    })
    .from(reportExports)
    .where(and(eq(reportExports.planId, plan.id), isNotNull(reportExports.publishedAt)))
    .orderBy(asc(reportExports.createdAt), asc(reportExports.id))

  const surveyRows = await db
    .select({
      code: surveys.code,
      title: surveys.title,
      period: surveys.period,
      publishedAt: surveys.resultsPublishedAt,
      updatedAt: surveys.updatedAt,
    })
    .from(surveys)
    .where(and(eq(surveys.planId, plan.id), isNotNull(surveys.resultsPublishedAt)))
    .orderBy(asc(surveys.code))

  return {
    rows,
    accepted,
    statusChanges,
    evidence: evidenceRows.map((e) => ({ ...e, fileName: e.fileName ?? `evidence-${e.id}` })),
    reports: reports.map((r) => ({ ...r, publishedAt: r.publishedAt! })),
    surveys: surveyRows.map((s) => ({ ...s, publishedAt: s.publishedAt! })),
  }
}

export const evidencePath = (planCode: string, id: number) => `/p/${encodeURIComponent(planCode)}/evidence/${id}`
export const reportPath = (planCode: string, id: number) => `/p/${encodeURIComponent(planCode)}/reports/${id}`

function publicInstitution(tree: InstitutionTree, id: number): PublicInstitution {
  const inst = tree.byId.get(id)!
  return { code: inst.code, name: inst.name, abbreviation: inst.abbreviation }
}

function byMeasure<T extends { measureId: number }>(list: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const item of list) {
    const group = map.get(item.measureId)
    if (group) group.push(item)
    else map.set(item.measureId, [item])
  }
  return map
}

const latest = (dates: (Date | null | undefined)[]) =>
  new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())))

/** The latest change of anything the plan's public pages and data show. */
export function publicUpdatedAt(p: PublicPlanRows, licenceUpdatedAt: Date | null): Date {
  const { rows } = p
  const institutionIds = new Set<number>([rows.plan.coordinatorId])
  for (const links of rows.links.values()) links.forEach((l) => institutionIds.add(l.institutionId))
  for (const entries of rows.progress.values()) entries.forEach((e) => institutionIds.add(e.institutionId))
  return latest([
    rows.plan.updatedAt,
    rows.plan.publishedAt,
    licenceUpdatedAt,
    ...rows.lines.map((l) => l.updatedAt),
    ...rows.measures.map((m) => m.updatedAt),
    ...[...rows.progress.values()].flat().map((e) => e.createdAt),
    ...p.statusChanges.map((c) => c.at),
    ...p.evidence.map((e) => e.changedAt),
    ...p.reports.map((r) => r.publishedAt),
    ...p.surveys.map((s) => s.publishedAt),
    ...[...institutionIds].map((id) => rows.tree.byId.get(id)?.updatedAt),
  ])
}

/** The dashboard's figures from the rows (as plans-service counts them in the database): excluded measures left out. */
function summaryOf(rows: PlanRows): PlanSummary {
  const emptyCounts = () => ({ done: 0, partial: 0, not_done: 0, pending: 0 })
  const byStatus = emptyCounts()
  const sectors = new Map<string, number>()
  const byActionLine = rows.lines.map((line) => {
    const counts = { number: line.number, title: line.title, total: 0, ...emptyCounts() }
    for (const m of rows.measures) {
      if (m.actionLineId !== line.id || exclusionOf(m)) continue
      counts[m.status]++
      counts.total++
      byStatus[m.status]++
      const sector = sectorOfMeasure(rows, m.id)
      sectors.set(sector, (sectors.get(sector) ?? 0) + 1)
    }
    return counts
  })
  const bySector = rankSectors(sectors)
  return { total: byActionLine.reduce((sum, line) => sum + line.total, 0), byStatus, byActionLine, bySector }
}

const responsibleIds = (rows: PlanRows, measureId: number) =>
  (rows.links.get(measureId) ?? []).filter((l) => l.role === 'responsible').map((l) => l.institutionId)
const sectorOfMeasure = (rows: PlanRows, measureId: number) => rows.tree.sectorOf(responsibleIds(rows, measureId))

/** The public read model of a plan from its public rows. */
export function toPublishedPlan(p: PublicPlanRows, licence: { licence: PublishedPlan['licence']; updatedAt: Date | null }): PublishedPlan {
  const { rows, accepted } = p
  const { plan, tree } = rows
  const institution = (id: number) => publicInstitution(tree, id)
  const history = byMeasure(p.statusChanges)
  const files = byMeasure(p.evidence)
  const measure = (m: PlanRows['measures'][number]): PublicMeasure => {
    const links = rows.links.get(m.id) ?? []
    const budget = budgetOf(m, rows.budget.get(m.id) ?? [], tree)
    return {
      number: m.number,
      sourceRef: m.sourceRef,
      title: m.title,
      responsible: links.filter((l) => l.role === 'responsible').map((l) => institution(l.institutionId)),
      involved: links.filter((l) => l.role === 'involved').map((l) => institution(l.institutionId)),
      sector: sectorOfMeasure(rows, m.id),
      deadline: deadlineOf(m),
      budget: budget && {
        text: budget.text,
        lines: (rows.budget.get(m.id) ?? []).map((b) => ({
          amountEur: b.amountEur,
          source: b.source,
          institution: b.institutionId === null ? null : institution(b.institutionId),
          programme: b.programme,
          year: b.year,
          granted: b.granted,
        })),
      },
      expectedResult: m.expectedResult,
      indicator: m.indicator,
      status: m.status,
      assessment: m.assessment,
      excluded: exclusionOf(m),
      statusHistory: (history.get(m.id) ?? []).map((c) => ({ status: c.to, from: c.from, at: c.at.toISOString(), reason: c.reason })),
      progress: (rows.progress.get(m.id) ?? []).map((e) => {
        const source = e.submissionId === null ? undefined : accepted.get(e.submissionId)
        return {
          institution: institution(e.institutionId),
          period: e.period,
          round: source?.round ?? null,
          acceptedAt: source?.acceptedAt?.toISOString() ?? null,
          text: e.text,
        }
      }),
      evidence: (files.get(m.id) ?? []).map((e) => ({
        id: e.id,
        name: e.fileName,
        mediaType: e.mediaType,
        size: e.size,
        downloadPath: evidencePath(plan.code, e.id),
      })),
    }
  }
  return {
    code: plan.code,
    title: plan.title,
    period: { start: plan.periodStart, end: plan.periodEnd },
    approvedBy: plan.approvedBy,
    coordinator: institution(plan.coordinatorId),
    state: plan.state,
    reportDue: plan.reportDue,
    policyFramework: plan.policyFramework,
    goal: plan.goal,
    actionLines: rows.lines.map((line) => ({
      number: line.number,
      title: line.title,
      goal: line.goal,
      measures: rows.measures.filter((m) => m.actionLineId === line.id).map(measure),
    })),
    summary: summaryOf(rows),
    reports: p.reports.map((r) => ({
      id: r.id,
      fileName: r.fileName,
      size: r.size,
      createdAt: r.createdAt.toISOString(),
      publishedAt: r.publishedAt.toISOString(),
      downloadPath: reportPath(plan.code, r.id),
    })),
    surveys: p.surveys.map((s) => ({ code: s.code, title: s.title, period: s.period, publishedAt: s.publishedAt.toISOString() })),
    publishedAt: plan.publishedAt!.toISOString(),
    updatedAt: publicUpdatedAt(p, licence.updatedAt).toISOString(),
    licence: licence.licence,
  }
}

/**
 * A published plan as the public reads it; null when the code is unknown or the plan is not
 * published. A fixed number of queries, whatever the plan's size.
 */
export async function loadPublishedPlan(db: DbOrTx, planCode: string): Promise<PublishedPlan | null> {
  const p = await loadPublicPlanRows(db, planCode)
  if (!p) return null
  return toPublishedPlan(p, await openDataLicence(db))
}
