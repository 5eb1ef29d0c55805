// How a measure's stored columns read as the document and the API show them: one place for the
// deadline and budget shapes, used by the measure views and the plan export alike.
import type { BudgetLine, Measure } from '../../../db/schema/index.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'

export function deadlineOf(m: Pick<Measure, 'deadlineText' | 'deadlineDue'>) {
  return m.deadlineText === null ? null : { text: m.deadlineText, due: m.deadlineDue }
}

export function budgetOf(m: Pick<Measure, 'hasBudget' | 'budgetText'>, lines: readonly BudgetLine[], tree: InstitutionTree) {
  if (!m.hasBudget) return null
  return {
    text: m.budgetText,
    lines: lines.map((b) => ({
      amountEur: b.amountEur,
      source: b.source,
      institution: tree.codeOf(b.institutionId),
      programme: b.programme,
      year: b.year,
      granted: b.granted,
    })),
  }
}

/** The amendment that excluded the measure, or null (the columns are both set or both null). */
export function exclusionOf(m: Pick<Measure, 'excludedAct' | 'excludedDate'>) {
  return m.excludedAct !== null && m.excludedDate !== null ? { act: m.excludedAct, date: m.excludedDate } : null
}
