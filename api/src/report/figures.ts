// The report's numbers, computed from a plan document: measures by status, per action line and
// per sector, the budget grouped by institution and sub-programme and rolled up to ministries (an
// agency's money under its ministry), and who reported progress. A budget line whose grant is not
// stated counts as unknown, never as nothing granted.
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
  rankSectors,
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
  /** The number of the line's measure table ("2. tabula"); null when the line has no measures, so no table. */
  table: number | null
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
  /** The part whose grant is not stated (granted null or absent): not known, not 0. */
  unknownEur: number
  /** Numbers of the measures this money serves, in plan order. */
  measures: string[]
  /** The same measures with the plan's own number of each ("2.3" and "2.1.3"). */
  measureRefs: MeasureRef[]
}

export interface MeasureRef {
  number: string
  sourceRef: string | null
}

export interface InstitutionFinancing {
  institution: string | null
  requestedEur: number
  grantedEur: number
  unknownEur: number
}

/** A ministry's money with its agencies': its groups, the ministry's own first, then each agency's. */
export interface MinistryFinancing {
  /** The ministry's code; null for money of institutions outside any ministry ("Citas institūcijas") or of none named. */
  ministry: string | null
  requestedEur: number
  grantedEur: number
  unknownEur: number
  groups: FinancingGroup[]
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
    /** The groups rolled up to ministries, in the document's order, "other institutions" last. */
    byMinistry: MinistryFinancing[]
    requestedEur: number
    grantedEur: number
    unknownEur: number
  }
  /** Codes of the institutions that reported progress, in the document's institution order. */
  informants: string[]
  /** The financing table's number: it follows the action lines' measure tables. */
  financingTable: number
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
          unknownEur: 0,
          measures: [],
          measureRefs: [],
          order: groups.size,
        }
        groups.set(key, group)
      }
      group.requestedEur += line.amountEur
      if (line.granted === true) group.grantedEur += line.amountEur
      else if (line.granted == null) group.unknownEur += line.amountEur
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
    for (const key of new Set([...own, ...shared])) {
      const group = groups.get(key)
      if (!group) continue
      group.measures.push(measure.number)
      group.measureRefs.push({ number: measure.number, sourceRef: measure.sourceRef?.trim() || null })
    }
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
    const total = totals.get(group.institution) ?? { institution: group.institution, requestedEur: 0, grantedEur: 0, unknownEur: 0 }
    total.requestedEur += group.requestedEur
    total.grantedEur += group.grantedEur
    total.unknownEur += group.unknownEur
    totals.set(group.institution, total)
  }
  return [...totals.values()]
}

/**
 * The ministry an institution's money belongs to: the ministry at the top of its parents, null
 * when the top is not a ministry (an association, the municipalities), the code is unknown, or the
 * parents go round in a circle.
 */
export function ministryOf(code: string | null, institutions: Map<string, DocInstitution>): string | null {
  const seen = new Set<string>()
  let current = code === null ? undefined : institutions.get(code)
  while (current && !seen.has(current.code)) {
    seen.add(current.code)
    const parent = current.parent ? institutions.get(current.parent) : undefined
    if (!parent) return current.kind === 'ministry' ? current.code : null
    current = parent
  }
  return null
}

/** The groups under their ministries (the groups' order kept: the ministry's own rows come first), "other institutions" last. */
function financingByMinistry(groups: FinancingGroup[], institutions: Map<string, DocInstitution>): MinistryFinancing[] {
  const ministries = new Map<string | null, MinistryFinancing>()
  for (const group of groups) {
    const ministry = ministryOf(group.institution, institutions)
    const entry = ministries.get(ministry) ?? { ministry, requestedEur: 0, grantedEur: 0, unknownEur: 0, groups: [] }
    entry.requestedEur += group.requestedEur
    entry.grantedEur += group.grantedEur
    entry.unknownEur += group.unknownEur
    entry.groups.push(group)
    ministries.set(ministry, entry)
  }
  const order = new Map([...institutions.keys()].map((code, index) => [code, index]))
  const rank = (entry: MinistryFinancing) => (entry.ministry === null ? Number.MAX_SAFE_INTEGER : (order.get(entry.ministry) ?? 0))
  return [...ministries.values()]
    .map((entry) => ({
      ...entry,
      // The ministry's own money before its agencies' (stable, so the groups' order stays within each).
      groups:
        entry.ministry === null
          ? entry.groups
          : [...entry.groups].sort((a, b) => Number(a.institution !== entry.ministry) - Number(b.institution !== entry.ministry)),
    }))
    .sort((a, b) => rank(a) - rank(b))
}

export function computeFigures(doc: PlanDocument): PlanFigures {
  const institutions = institutionIndex(doc)
  const byStatus = emptyCounts()
  const sectorCounts = new Map<string, number>()
  const reporting = new Set<string>()

  // The report's tables are numbered in one run, as the seed numbers them: a table for every action
  // line with any measure (its excluded ones are listed too), then the financing table.
  let tables = 0
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
    const table = line.measures.length > 0 ? ++tables : null
    return { number: line.number, title: line.title, total: line.measures.length - excluded, excluded, table, ...counts }
  })

  const bySector = rankSectors(sectorCounts)

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
      byMinistry: financingByMinistry(groups, institutions),
      requestedEur: groups.reduce((sum, group) => sum + group.requestedEur, 0),
      grantedEur: groups.reduce((sum, group) => sum + group.grantedEur, 0),
      unknownEur: groups.reduce((sum, group) => sum + group.unknownEur, 0),
    },
    informants,
    financingTable: tables + 1,
  }
}
