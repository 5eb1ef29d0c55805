// What the public pages show, computed from a published plan: figures by status, action line and
// sector, the measures a search and filters select, the choices of the filter form and the pages'
// addresses. Pure functions of the read model (plugins/public/published-plan.ts), so the routes
// only load, pick a page and render.
import {
  MEASURE_STATUSES,
  type MeasureStatus,
  type PublicInstitution,
  type PublicMeasure,
  type PublishedPlan,
  SEVERAL_SECTORS,
} from '@apt/shared'
import type { Lang } from './format.js'

export type StatusCounts = Record<MeasureStatus, number>

export interface Figures {
  /** Measures counted: those an amendment did not exclude. */
  total: number
  excluded: number
  byStatus: StatusCounts
  /** Done of those counted, 0–1 (0 when none are counted). */
  shareDone: number
}

export interface FigureRow extends Figures {
  /** The row's label: an action line's number and title, or a sector's name. */
  label: string
  href: string | null
}

/** The search and filters of the overview's form, as read from its query string. */
export interface MeasureFilter {
  q?: string
  status?: MeasureStatus
  line?: string
  institution?: string
  sector?: string
}

export interface ListedMeasure {
  measure: PublicMeasure
  line: string
  href: string
}

export interface Option {
  value: string
  label: string
  selected: boolean
}

// ——— addresses ———

const withLang = (path: string, lang: Lang, query: Record<string, string> = {}) => {
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''))
  if (lang === 'en') params.set('lang', 'en')
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

export const planPath = (code: string) => `/p/${encodeURIComponent(code)}`

export function urlsFor(code: string, lang: Lang) {
  const base = planPath(code)
  return {
    plan: (query: Record<string, string> = {}) => withLang(base, lang, query),
    line: (number: string) => withLang(`${base}/lines/${encodeURIComponent(number)}`, lang),
    measure: (number: string) => withLang(`${base}/measures/${encodeURIComponent(number)}`, lang),
    survey: (surveyCode: string) => withLang(`${base}/surveys/${encodeURIComponent(surveyCode)}`, lang),
    dataJson: `${base}/data.json`,
    measuresCsv: `${base}/measures.csv`,
  }
}
export type PageUrls = ReturnType<typeof urlsFor>

/** The same page in the other language: its path and query as they are, `lang` switched. */
export function otherLanguageUrl(path: string, query: Record<string, string>, lang: Lang): string {
  const { lang: _lang, ...rest } = query
  return withLang(path, lang === 'lv' ? 'en' : 'lv', rest)
}

// ——— figures ———

const noCounts = (): StatusCounts => ({ done: 0, partial: 0, not_done: 0, pending: 0 })

export function figuresOf(measures: readonly PublicMeasure[]): Figures {
  const byStatus = noCounts()
  let excluded = 0
  for (const measure of measures) {
    if (measure.excluded) excluded++
    else byStatus[measure.status]++
  }
  const total = MEASURE_STATUSES.reduce((sum, status) => sum + byStatus[status], 0)
  return { total, excluded, byStatus, shareDone: total === 0 ? 0 : byStatus.done / total }
}

/** Every institution the plan names, by code: sectors are shown by name, not code. */
function institutionsOf(plan: PublishedPlan): Map<string, PublicInstitution> {
  const found = new Map<string, PublicInstitution>([[plan.coordinator.code, plan.coordinator]])
  for (const line of plan.actionLines)
    for (const measure of line.measures) {
      for (const institution of [...measure.responsible, ...measure.involved]) found.set(institution.code, institution)
      for (const budgetLine of measure.budget?.lines ?? [])
        if (budgetLine.institution) found.set(budgetLine.institution.code, budgetLine.institution)
      for (const entry of measure.progress) found.set(entry.institution.code, entry.institution)
    }
  return found
}

export const institutionLabel = (institution: PublicInstitution) =>
  institution.abbreviation && institution.abbreviation !== institution.name
    ? `${institution.name} (${institution.abbreviation})`
    : institution.name

export function sectorLabel(sector: string, institutions: Map<string, PublicInstitution>, several: string): string {
  if (sector === SEVERAL_SECTORS) return several
  const institution = institutions.get(sector)
  return institution ? institutionLabel(institution) : sector
}

export const allMeasures = (plan: PublishedPlan): ListedMeasure[] =>
  plan.actionLines.flatMap((line) => line.measures.map((measure) => ({ measure, line: line.number, href: '' })))

export function figuresByLine(plan: PublishedPlan, urls: PageUrls): FigureRow[] {
  return plan.actionLines.map((line) => ({
    ...figuresOf(line.measures),
    label: `${line.number}. ${line.title}`,
    href: urls.line(line.number),
  }))
}

/** Sectors in the order their first measure comes in the plan, "several" last. */
export function figuresBySector(plan: PublishedPlan, several: string): FigureRow[] {
  const institutions = institutionsOf(plan)
  const bySector = new Map<string, PublicMeasure[]>()
  for (const { measure } of allMeasures(plan)) {
    const measures = bySector.get(measure.sector)
    if (measures) measures.push(measure)
    else bySector.set(measure.sector, [measure])
  }
  return [...bySector]
    .sort(([a], [b]) => Number(a === SEVERAL_SECTORS) - Number(b === SEVERAL_SECTORS))
    .map(([sector, measures]) => ({ ...figuresOf(measures), label: sectorLabel(sector, institutions, several), href: null }))
}

// ——— search and filters ———

const folded = (text: string) => text.toLocaleLowerCase('lv').normalize('NFC')

/** The measures a search and filters select, in plan order. */
export function selectMeasures(plan: PublishedPlan, filter: MeasureFilter, urls: PageUrls): ListedMeasure[] {
  const words = folded(filter.q?.trim() ?? '')
    .split(/\s+/)
    .filter(Boolean)
  return allMeasures(plan)
    .filter(({ measure, line }) => {
      if (filter.status && measure.status !== filter.status) return false
      if (filter.line && line !== filter.line) return false
      if (filter.sector && measure.sector !== filter.sector) return false
      const institutions = [...measure.responsible, ...measure.involved]
      if (filter.institution && !institutions.some((institution) => institution.code === filter.institution)) return false
      if (words.length === 0) return true
      const haystack = folded(
        [measure.number, measure.title, ...institutions.flatMap((i) => [i.code, i.name, i.abbreviation ?? ''])].join(' '),
      )
      return words.every((word) => haystack.includes(word))
    })
    .map((listed) => ({ ...listed, href: urls.measure(listed.measure.number) }))
}

/** The filter form's choices, the chosen one marked. */
export function filterOptions(plan: PublishedPlan, filter: MeasureFilter, statusLabels: Record<MeasureStatus, string>, several: string) {
  const institutions = institutionsOf(plan)
  const named = new Map<string, string>()
  const sectors = new Set<string>()
  for (const { measure } of allMeasures(plan)) {
    for (const institution of [...measure.responsible, ...measure.involved]) named.set(institution.code, institutionLabel(institution))
    sectors.add(measure.sector)
  }
  const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, 'lv')
  return {
    status: MEASURE_STATUSES.map((status) => ({ value: status, label: statusLabels[status], selected: filter.status === status })),
    line: plan.actionLines.map((line) => ({
      value: line.number,
      label: `${line.number}. ${line.title}`,
      selected: filter.line === line.number,
    })),
    institution: [...named].map(([code, label]) => ({ value: code, label, selected: filter.institution === code })).sort(byLabel),
    sector: [...sectors]
      .map((sector) => ({ value: sector, label: sectorLabel(sector, institutions, several), selected: filter.sector === sector }))
      .sort(byLabel),
  }
}

export const isFiltered = (filter: MeasureFilter) => Object.values(filter).some((value) => value !== undefined && value !== '')
