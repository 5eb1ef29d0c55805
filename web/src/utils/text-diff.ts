// What changed between two versions of a text, word by word (jsdiff), as runs a reader can follow:
// kept text, deleted text and added text, in order. Line breaks and spaces are kept, so the runs
// render with `white-space: pre-wrap` as the text was written.
import { diffWordsWithSpace } from 'diff'

export type DiffRun = { kind: 'same' | 'deleted' | 'added'; text: string }

/** A diff taking longer than this gives up: the whole old text deleted, the whole new one added. */
const DIFF_TIMEOUT_MS = 1500

/** Kept text this slight (spaces, punctuation, a word of one or two letters) between two changes joins them. */
const SLIGHT = /^[^\p{L}\p{N}]*(?:[\p{L}\p{N}]{1,2}[^\p{L}\p{N}]+)?$/u

/**
 * The runs turning `before` into `after`. A change of several words reads as one deleted run and
 * one added run, not word against word: slight kept text between two changes (a space, a full stop,
 * "uz") joins them. Joining the kept and deleted runs gives `before`, the kept and added runs give
 * `after`.
 */
export function diffText(before: string, after: string): DiffRun[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : []
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS })
  if (!changes)
    return runs([
      { kind: 'deleted', text: before },
      { kind: 'added', text: after },
    ])

  const out: DiffRun[] = []
  let deleted = ''
  let added = ''
  const flush = () => {
    if (deleted) out.push({ kind: 'deleted', text: deleted })
    if (added) out.push({ kind: 'added', text: added })
    deleted = added = ''
  }
  changes.forEach((change, i) => {
    if (change.removed) deleted += change.value
    else if (change.added) added += change.value
    else {
      const next = changes[i + 1]
      const between =
        (deleted || added) && next && (next.added || next.removed) && !change.value.includes('\n') && SLIGHT.test(change.value)
      if (between) {
        deleted += change.value
        added += change.value
        return
      }
      flush()
      out.push({ kind: 'same', text: change.value })
    }
  })
  flush()
  return runs(out)
}

/** Drops empty runs and joins neighbours of one kind. */
function runs(list: DiffRun[]): DiffRun[] {
  const out: DiffRun[] = []
  for (const run of list) {
    if (!run.text) continue
    const last = out[out.length - 1]
    if (last && last.kind === run.kind) last.text += run.text
    else out.push({ ...run })
  }
  return out
}

/** The text as it was (`'before'`) or is now (`'after'`), read back from the runs. */
export function sideOf(runs: readonly DiffRun[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'added' : 'deleted'
  return runs
    .filter((run) => run.kind !== skip)
    .map((run) => run.text)
    .join('')
}
