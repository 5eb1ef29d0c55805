// A submission as the shared policy's rules see it, and the refusal every writer of a closed round
// gets: used by the submissions, evidence and work services alike.
import { AppError, ErrorCode, type SubmissionFacts } from '@apt/shared'
import type { Submission as SubmissionRow } from '../../../db/schema/index.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'

export const submissionFacts = (tree: InstitutionTree, row: Pick<SubmissionRow, 'institutionId' | 'state'>): SubmissionFacts => ({
  institution: tree.ref(row.institutionId),
  state: row.state,
})

/** For a write the round no longer takes (`roundTakesWork` is false). */
export const roundClosed = () => new AppError(ErrorCode.roundClosed, 'The round is closed: it takes no new submissions')
