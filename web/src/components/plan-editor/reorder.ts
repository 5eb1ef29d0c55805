// Where an item lands when it is moved by keyboard (one step up or down) or dropped on another:
// the target action line and the 0-based position in that line's list after the move, which is
// what the API's move takes. Pure functions, so the editor's arithmetic is tested on its own.

export interface LineLike {
  id: number
  measures: readonly { id: number }[]
}

export interface MeasureTarget {
  actionLineId: number
  position: number
}

/** Where a measure goes one step up or down: within its line, or across into the neighbouring line. */
export function measureStep(lines: readonly LineLike[], measureId: number, direction: -1 | 1): MeasureTarget | null {
  const lineIndex = lines.findIndex((l) => l.measures.some((m) => m.id === measureId))
  const line = lines[lineIndex]
  if (!line) return null
  const index = line.measures.findIndex((m) => m.id === measureId)
  const moved = index + direction
  if (moved >= 0 && moved < line.measures.length) return { actionLineId: line.id, position: moved }
  const neighbour = lines[lineIndex + direction]
  if (!neighbour) return null
  // Into the line above: at its end; into the line below: at its start.
  return { actionLineId: neighbour.id, position: direction < 0 ? neighbour.measures.length : 0 }
}

/** Where a measure goes when dropped before or after another measure (or at the end of a line when `targetId` is null). */
export function measureDrop(
  lines: readonly LineLike[],
  measureId: number,
  targetLineId: number,
  targetId: number | null,
  after: boolean,
): MeasureTarget | null {
  const line = lines.find((l) => l.id === targetLineId)
  if (!line || targetId === measureId) return null
  const rest = line.measures.filter((m) => m.id !== measureId)
  if (targetId === null) return { actionLineId: line.id, position: rest.length }
  const index = rest.findIndex((m) => m.id === targetId)
  if (index < 0) return null
  return { actionLineId: line.id, position: index + (after ? 1 : 0) }
}

/** The position an item takes among `ids` when dropped before or after `targetId`, or null when it would not move. */
export function listDrop(ids: readonly number[], id: number, targetId: number, after: boolean): number | null {
  if (id === targetId) return null
  const rest = ids.filter((i) => i !== id)
  const index = rest.indexOf(targetId)
  if (index < 0) return null
  const position = index + (after ? 1 : 0)
  return position === ids.indexOf(id) ? null : position
}

/** True when the target is where the measure already is. */
export function isSamePlace(lines: readonly LineLike[], measureId: number, target: MeasureTarget): boolean {
  const line = lines.find((l) => l.id === target.actionLineId)
  return line?.measures.findIndex((m) => m.id === measureId) === target.position
}
