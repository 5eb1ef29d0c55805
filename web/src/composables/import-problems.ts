// An imported document's problems as a person reads them: grouped by the part of the document they
// are in (an action line's measure, a survey's question or response), in the document's order, each
// worded in the UI's language from its code and params — the API's Latvian `message` only for a
// code this build does not know. The wording is web/src/i18n/import.lv.ts (shared with the API).
import { useI18n } from 'vue-i18n'
import { fieldWordingKey, type ImportProblem, type ProblemStep, type ProblemStepKind, stepWording } from '@apt/shared'

/** The parts a group is made of: what a person looks for in the document to fix a problem. */
const GROUP_KINDS = new Set<ProblemStepKind>([
  'plan',
  'survey',
  'sheet',
  'institution',
  'actionLine',
  'measure',
  'section',
  'question',
  'response',
])
/** Groups of the document as a whole first, then its institutions, then its body in order. */
const GROUP_RANK: Partial<Record<ProblemStepKind, number>> = { plan: 0, survey: 0, sheet: 0, institution: 1 }

export interface ProblemGroup {
  key: string
  /** The steps all its problems share (empty: the document as a whole). */
  steps: ProblemStep[]
  /** The measure's number, when the group is one measure. */
  measure: string | null
  items: { problem: ImportProblem; rest: ProblemStep[] }[]
}

/** A path or row as a sortable text: numbers padded, so /10 comes after /9. */
const orderOf = (p: ImportProblem) =>
  p.path !== null ? p.path.replace(/\d+/g, (n) => n.padStart(6, '0')) : p.row !== null ? `~${String(p.row).padStart(6, '0')}` : '~~'

/** The problems grouped by where they are, in the document's order; errors before warnings within a group. */
export function groupProblems(problems: readonly ImportProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { order: string; rank: number }>()
  for (const problem of problems) {
    const cut = problem.location.findIndex((s) => !GROUP_KINDS.has(s.kind))
    const steps = cut < 0 ? problem.location : problem.location.slice(0, cut)
    const rest = problem.location.slice(steps.length)
    const key = JSON.stringify(steps)
    const order = orderOf(problem)
    const group = groups.get(key) ?? {
      key,
      steps,
      measure: [...steps].reverse().find((s) => s.kind === 'measure')?.number ?? null,
      items: [],
      order,
      rank: steps.length ? (GROUP_RANK[steps[0]!.kind] ?? 2) : -1,
    }
    group.items.push({ problem, rest })
    if (order < group.order) group.order = order
    groups.set(key, group)
  }
  const severity = (p: ImportProblem) => (p.severity === 'error' ? 0 : 1)
  return [...groups.values()]
    .sort((a, b) => a.rank - b.rank || a.order.localeCompare(b.order))
    .map(({ order: _order, rank: _rank, ...group }) => ({
      ...group,
      items: group.items.sort((a, b) => severity(a.problem) - severity(b.problem) || orderOf(a.problem).localeCompare(orderOf(b.problem))),
    }))
}

/** The words of problems and their places, in the UI's language. */
export function useImportProblemText() {
  const { t, te } = useI18n()

  const step = (s: ProblemStep): string => {
    if (s.kind === 'field') {
      const key = `importProblems.field.${fieldWordingKey(s.key ?? '')}`
      return s.label ?? (s.key && te(key) ? t(key) : (s.key ?? ''))
    }
    const { key, params } = stepWording(s)
    const text = t(`importProblems.step.${key}`, params)
    return s.label ? t('importProblems.labelled', { step: text, label: s.label }) : text
  }

  const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1)

  return {
    /** "II rīcības virziens → 2.5. pasākums". */
    where: (steps: readonly ProblemStep[]) => capitalise(steps.map(step).join(' → ')),
    /** "datumam jābūt formā GGGG-MM-DD"; the API's own message for a code this build does not know. */
    what: (p: ImportProblem) => {
      const key = `importProblems.problem.${p.code}`
      return p.code && te(key) ? t(key, p.params) : p.message
    },
  }
}
