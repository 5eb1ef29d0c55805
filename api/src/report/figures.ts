// The report's numbers, computed from a plan document: measures by status, per action line and
// per sector, the budget grouped by institution and sub-programme, and who reported progress.
// Measures an amendment excluded are left out of every count (they are counted apart, as
// `excluded`); their budget lines and progress stay in the financing and the informants, since
// that money was asked for and that work was reported.
// Pure: the same document always gives the same figures, so the DOCX, the dashboard summary and
// the tests all agree.
import {
  type DocBudgetLine,
  type DocInstitution,
  type DocMeasure,
  type MeasureStatus,
  type PlanDocument,
  SEVERAL_SECTORS,
  sectorOf,
} from '@apt/shared'

export type StatusCounts = Record<MeasureStatus, number>

export interface ActionLineFigures extends StatusCounts {
  number: string
  title: string
  /** Measures counted: those not excluded by an amendment. */
  total: number
  /** Measures an amendment excluded, not in `total`. */
  excluded: number
}

export interface SectorCount {
  sector: string
  count: number
}

export interface FinancingGroup {
  /** The budget line's institution code (null when the plan names none). */
  institution: string | null
  /** Budget sub-programme as the plan writes it, e.g. "06.01.01 Valsts policija". */
  programme: string | null
  /** Everything the budget lines ask for. */
  requestedEur: number
  /** The part of it marked granted. */
  grantedEur: number
  /** Numbers of the measures this money serves, in plan order. */
  measures: string[]
}

export interface InstitutionFinancing {
  institution: string | null
  requestedEur: number
  grantedEur: number
}

export interface PlanFigures {
  /** Measures counted: those not excluded by an amendment. */
  total: number
  /** Measures an amendment excluded, not in any count. */
  excluded: number
  byStatus: StatusCounts
  byActionLine: ActionLineFigures[]
  bySector: SectorCount[]
  financing: {
    groups: FinancingGroup[]
    byInstitution: InstitutionFinancing[]
    requestedEur: number
    grantedEur: number
  }
  /** Codes of the institutions that reported progress, in the document's institution order. */
  informants: string[]
}

const emptyCounts = (): StatusCounts => ({ done: 0, partial: 0, not_done: 0, pending: 0 })

/** Taken out of the plan by an amendment: listed, never counted. */
export const isExcluded = (measure: DocMeasure) => measure.excluded != null

/** Index of institutions by code. */
export function institutionIndex(doc: PlanDocument): Map<string, DocInstitution> {
  return new Map(doc.institutions.map((institution) => [institution.code, institution]))
}

/** A measure's sector, by the one rule (shared/src/sector.ts) over the document's own institutions. */
export function measureSector(measure: DocMeasure, institutions: Map<string, DocInstitution>): string {
  return sectorOf(measure.responsible, (code) => institutions.get(code)?.parent)
}

function groupKey(line: DocBudgetLine): string {
  return JSON.stringify([line.institution ?? null, line.programme?.trim() || null])
}

/**
 * Budget lines summed by institution and sub-programme.
 *
 * A plan often carries one sum for several measures: it puts the lines on the first measure and
 * gives the others the same budget wording and no lines of their own (the demo plan's notes
 * describe this). A measure without lines whose budget text equals that of a measure with lines is
 * therefore counted as served by the same groups, without adding money twice.
 */
function financingGroups(doc: PlanDocument, institutions: Map<string, DocInstitution>): FinancingGroup[] {
  const groups = new Map<string, FinancingGroup & { order: number }>()
  const keysByBudgetText = new Map<string, Set<string>>()
  const measures = doc.plan.actionLines.flatMap((line) => line.measures)

  for (const measure of measures) {
    const lines = measure.budget?.lines ?? []
    for (const line of lines) {
      const key = groupKey(line)
      let group = groups.get(key)
      if (!group) {
        group = {
          institution: line.institution ?? null,
          programme: line.programme?.trim() || null,
          requestedEur: 0,
          grantedEur: 0,
          measures: [],
          order: groups.size,
        }
        groups.set(key, group)
      }
      group.requestedEur += line.amountEur
      if (line.granted === true) group.grantedEur += line.amountEur
      const text = measure.budget?.text?.trim()
      if (text) {
        const keys = keysByBudgetText.get(text) ?? new Set<string>()
        keys.add(key)
        keysByBudgetText.set(text, keys)
      }
    }
  }

  for (const measure of measures) {
    const own = new Set((measure.budget?.lines ?? []).map(groupKey))
    const text = measure.budget?.text?.trim()
    const shared = (own.size === 0 && text && keysByBudgetText.get(text)) || new Set<string>()
    for (const key of new Set([...own, ...shared])) groups.get(key)?.measures.push(measure.number)
  }

  // Institutions in the document's order (ministries first, as the plan lists them), then programme.
  const institutionOrder = new Map([...institutions.keys()].map((code, index) => [code, index]))
  const rank = (code: string | null) =>
    code === null ? Number.MAX_SAFE_INTEGER : (institutionOrder.get(code) ?? Number.MAX_SAFE_INTEGER - 1)
  return [...groups.values()]
    .sort(
      (a, b) =>
        rank(a.institution) - rank(b.institution) ||
        (a.programme ?? '\uFFFF').localeCompare(b.programme ?? '\uFFFF', 'lv') ||
        a.order - b.order,
    )
    .map(({ order: _order, ...group }) => group)
}

/** Requested and granted sums per institution, from the groups, in the groups' order. */
function financingByInstitution(groups: FinancingGroup[]): InstitutionFinancing[] {
  const totals = new Map<string | null, InstitutionFinancing>()
  for (const group of groups) {
    const total = totals.get(group.institution) ?? { institution: group.institution, requestedEur: 0, grantedEur: 0 }
    total.requestedEur += group.requestedEur
    total.grantedEur += group.grantedEur
    totals.set(group.institution, total)
  }
  return [...totals.values()]
}

export function computeFigures(doc: PlanDocument): PlanFigures {
  const institutions = institutionIndex(doc)
  const byStatus = emptyCounts()
  const sectorCounts = new Map<string, number>()
  const reporting = new Set<string>()

  const byActionLine = doc.plan.actionLines.map((line): ActionLineFigures => {
    const counts = emptyCounts()
    let excluded = 0
    for (const measure of line.measures) {
      for (const entry of measure.progress ?? []) {
        if (entry.text.trim() !== '') reporting.add(entry.institution)
      }
      if (isExcluded(measure)) {
        excluded += 1
        continue
      }
      counts[measure.status] += 1
      byStatus[measure.status] += 1
      const sector = measureSector(measure, institutions)
      sectorCounts.set(sector, (sectorCounts.get(sector) ?? 0) + 1)
    }
    return { number: line.number, title: line.title, total: line.measures.length - excluded, excluded, ...counts }
  })

  // Largest first; on a tie "several" first (as the seed report words it), then alphabetically,
  // so the order is stable whatever order the measures come in.
  const bySector = [...sectorCounts]
    .map(([sector, count]) => ({ sector, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(b.sector === SEVERAL_SECTORS) - Number(a.sector === SEVERAL_SECTORS) ||
        a.sector.localeCompare(b.sector, 'lv'),
    )

  const groups = financingGroups(doc, institutions)
  const listed = doc.institutions.map((institution) => institution.code)
  const informants = [...listed.filter((code) => reporting.has(code)), ...[...reporting].filter((code) => !institutions.has(code)).sort()]

  return {
    total: byActionLine.reduce((sum, line) => sum + line.total, 0),
    excluded: byActionLine.reduce((sum, line) => sum + line.excluded, 0),
    byStatus,
    byActionLine,
    bySector,
    financing: {
      groups,
      byInstitution: financingByInstitution(groups),
      requestedEur: groups.reduce((sum, group) => sum + group.requestedEur, 0),
      grantedEur: groups.reduce((sum, group) => sum + group.grantedEur, 0),
    },
    informants,
  }
}
