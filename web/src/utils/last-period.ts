// What an institution reported on a measure last time: its latest progress entry (accepted from an
// earlier round's submission, or imported with the plan), not the one this submission wrote.
import type { ProgressEntry } from '@apt/shared'

/**
 * The institution's last progress entry on the measure (the list is in the annex's order, oldest
 * first), leaving out the entry the given submission itself wrote when it was accepted.
 */
export function lastPeriodEntry(
  progress: readonly ProgressEntry[],
  institution: string,
  submissionId: number | null,
): ProgressEntry | null {
  for (let i = progress.length - 1; i >= 0; i--) {
    const entry = progress[i]!
    if (entry.institution !== institution || !entry.text.trim()) continue
    if (submissionId !== null && entry.submissionId === submissionId) continue
    return entry
  }
  return null
}
