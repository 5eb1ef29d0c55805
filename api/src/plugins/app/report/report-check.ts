// The check before export: what a careful coordinator would look for before sending the report
// to the Cabinet (measures with no progress, "done" without accepted evidence, an assessment that
// contradicts the status, the same progress text on two measures, budget lines with an unknown
// grant, responsible institutions with no text). Findings only: export stays allowed.
// A fixed handful of queries whatever the plan's size; measures an amendment excluded are skipped,
// as the report leaves them out of its counts.
import { and, asc, countDistinct, eq, isNull } from 'drizzle-orm'
import { REPORT_FINDING_KINDS, type ReportCheck, type ReportFinding } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import {
  actionLines,
  budgetLines,
  evidence,
  institutions,
  measureInstitutions,
  measures,
  progressEntries,
  submissions,
} from '../../../db/schema/index.js'
import { formatEuro } from '../../../report/latvian.js'
import { contradictingWords } from './assessment-wording.js'

/** Whitespace runs as one space: two texts differing only in line breaks or spacing are the same text. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim()

const QUOTE_LENGTH = 80
const quoteStart = (text: string) => (text.length <= QUOTE_LENGTH ? text : `${text.slice(0, QUOTE_LENGTH - 1).trimEnd()}…`)

export async function checkReport(executor: DbOrTx, planId: number): Promise<ReportCheck> {
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const measureRows = await executor
    .select({
      id: measures.id,
      number: measures.number,
      title: measures.title,
      status: measures.status,
      assessment: measures.assessment,
      excludedAct: measures.excludedAct,
      excludedDate: measures.excludedDate,
    })
    .from(measures)
    .innerJoin(actionLines, eq(actionLines.id, measures.actionLineId))
    .where(eq(measures.planId, planId))
    .orderBy(asc(actionLines.position), asc(measures.position), asc(measures.id))
  const progress = await executor
    .select({ measureId: progressEntries.measureId, institution: institutions.code, text: progressEntries.text })
    .from(progressEntries)
    .innerJoin(measures, eq(measures.id, progressEntries.measureId))
    .innerJoin(institutions, eq(institutions.id, progressEntries.institutionId))
    .where(eq(measures.planId, planId))
    .orderBy(asc(progressEntries.position), asc(progressEntries.id))
  const responsible = await executor
    .select({ measureId: measureInstitutions.measureId, institution: institutions.code })
    .from(measureInstitutions)
    .innerJoin(measures, eq(measures.id, measureInstitutions.measureId))
    .innerJoin(institutions, eq(institutions.id, measureInstitutions.institutionId))
    .where(and(eq(measures.planId, planId), eq(measureInstitutions.role, 'responsible')))
    .orderBy(asc(measureInstitutions.position))
  const unknownGrants = await executor
    .select({ measureId: budgetLines.measureId, amountEur: budgetLines.amountEur, institution: institutions.code })
    .from(budgetLines)
    .innerJoin(measures, eq(measures.id, budgetLines.measureId))
    .leftJoin(institutions, eq(institutions.id, budgetLines.institutionId))
    .where(and(eq(measures.planId, planId), isNull(budgetLines.granted)))
    .orderBy(asc(budgetLines.position), asc(budgetLines.id))
  // Evidence counts only on an accepted submission: a draft's or a returned one's proves nothing.
  const evidenced = await executor
    .select({ measureId: submissions.measureId, files: countDistinct(evidence.id) })
    .from(submissions)
    .innerJoin(measures, eq(measures.id, submissions.measureId))
    .innerJoin(evidence, eq(evidence.submissionId, submissions.id))
    .where(and(eq(measures.planId, planId), eq(submissions.state, 'accepted')))
    .groupBy(submissions.measureId)

  const checked = measureRows.filter((m) => m.excludedAct === null || m.excludedDate === null)
  const order = new Map(checked.map((m, index) => [m.id, index]))
  const withEvidence = new Set(evidenced.filter((row) => row.files > 0).map((row) => row.measureId))

  // Texts per measure (blank ones are no text), and which measures carry each text.
  const textsOf = new Map<number, { institution: string; text: string }[]>()
  const measuresWith = new Map<string, number[]>()
  for (const entry of progress) {
    if (!order.has(entry.measureId)) continue
    const text = normalise(entry.text)
    if (text === '') continue
    textsOf.set(entry.measureId, [...(textsOf.get(entry.measureId) ?? []), { institution: entry.institution, text }])
    const holders = measuresWith.get(text) ?? []
    if (!holders.includes(entry.measureId)) measuresWith.set(text, [...holders, entry.measureId])
  }

  const responsibleOf = new Map<number, string[]>()
  for (const link of responsible) responsibleOf.set(link.measureId, [...(responsibleOf.get(link.measureId) ?? []), link.institution])

  const findings: ReportFinding[] = []
  const byId = new Map(checked.map((m) => [m.id, m]))
  const add = (measureId: number, kind: ReportFinding['kind'], extra: Partial<ReportFinding> = {}) => {
    const measure = byId.get(measureId)!
    findings.push({
      kind,
      measureId,
      measureNumber: measure.number,
      measureTitle: measure.title,
      institution: null,
      otherMeasures: [],
      detail: null,
      ...extra,
    })
  }

  for (const measure of checked) {
    const texts = textsOf.get(measure.id) ?? []
    if (texts.length === 0) add(measure.id, 'no_progress')
    if (measure.status === 'done' && !withEvidence.has(measure.id)) add(measure.id, 'done_without_evidence')
    const words = contradictingWords(measure.assessment, measure.status)
    if (words) add(measure.id, 'assessment_contradicts_status', { detail: words })
    const seen = new Set<string>()
    for (const { text } of texts) {
      const holders = measuresWith.get(text)!
      if (holders.length < 2 || seen.has(text)) continue
      seen.add(text)
      const otherMeasures = holders
        .filter((id) => id !== measure.id)
        .sort((a, b) => order.get(a)! - order.get(b)!)
        .map((id) => ({ id, number: byId.get(id)!.number }))
      add(measure.id, 'duplicate_progress', { otherMeasures, detail: quoteStart(text) })
    }
    // With no text at all the measure is already "no progress"; name the silent ones only when others wrote.
    if (texts.length > 0) {
      const wrote = new Set(texts.map((t) => t.institution))
      for (const code of responsibleOf.get(measure.id) ?? []) {
        if (!wrote.has(code)) add(measure.id, 'institution_without_text', { institution: code })
      }
    }
  }
  for (const line of unknownGrants) {
    if (order.has(line.measureId))
      add(line.measureId, 'unknown_grant', { institution: line.institution, detail: formatEuro(line.amountEur) })
  }

  const kindRank = (kind: ReportFinding['kind']) => REPORT_FINDING_KINDS.indexOf(kind)
  // A stable sort: within a measure and kind, findings keep the plan's order of institutions and lines.
  findings.sort((a, b) => order.get(a.measureId)! - order.get(b.measureId)! || kindRank(a.kind) - kindRank(b.kind))
  return { findings, measuresChecked: checked.length }
}
