// A submission's timeline (submission_events): each step and comment as one row, written in the
// transaction of the step it records, and read back in one query with who took it. No permissions
// here; the submissions service decides who may ask.
import { asc, eq } from 'drizzle-orm'
import type { ReturnedVersion, SubmissionEvent } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { institutions, submissionEvents, users, type SubmissionEventRow } from '../../../db/schema/index.js'

export type SubmissionEventKind = SubmissionEventRow['kind']
export type NewSubmissionEvent = Omit<typeof submissionEvents.$inferInsert, 'id' | 'createdAt'> & { createdAt?: Date }

export async function insertSubmissionEvent(executor: DbOrTx, values: NewSubmissionEvent): Promise<SubmissionEventRow> {
  const [row] = await executor.insert(submissionEvents).values(values).returning()
  return row!
}

type EventWithAuthor = SubmissionEventRow & { userName: string | null; institutionCode: string | null }

/** The event as the API shows it: who (name and institution code) and when. */
export function toSubmissionEvent(row: EventWithAuthor): SubmissionEvent {
  return {
    id: row.id,
    kind: row.kind,
    at: row.createdAt.toISOString(),
    by: row.userId === null || row.userName === null ? null : { id: row.userId, name: row.userName, institution: row.institutionCode },
    comment: row.comment,
  }
}

async function eventsWithAuthors(executor: DbOrTx, submissionId: number): Promise<EventWithAuthor[]> {
  const rows = await executor
    .select({ event: submissionEvents, userName: users.name, institutionCode: institutions.code })
    .from(submissionEvents)
    .leftJoin(users, eq(users.id, submissionEvents.userId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(submissionEvents.submissionId, submissionId))
    .orderBy(asc(submissionEvents.id))
  return rows.map((r) => ({ ...r.event, userName: r.userName, institutionCode: r.institutionCode }))
}

/**
 * The submission's timeline, oldest first, and the version it last had when returned (what the
 * reviewer compares a resubmission with): one query.
 */
export async function submissionTimeline(
  executor: DbOrTx,
  submissionId: number,
): Promise<{ timeline: SubmissionEvent[]; returnedVersion: ReturnedVersion | null }> {
  const rows = await eventsWithAuthors(executor, submissionId)
  const lastReturn = rows.findLast((r) => r.kind === 'returned' && r.text !== null && r.proposedStatus !== null)
  return {
    timeline: rows.map(toSubmissionEvent),
    returnedVersion: lastReturn
      ? {
          at: lastReturn.createdAt.toISOString(),
          by: lastReturn.userId === null || lastReturn.userName === null ? null : { id: lastReturn.userId, name: lastReturn.userName },
          comment: lastReturn.comment ?? '',
          text: lastReturn.text!,
          proposedStatus: lastReturn.proposedStatus!,
          reason: lastReturn.reason,
        }
      : null,
  }
}

/**
 * The state an accepted submission was accepted from: the review step recorded just before its last
 * acceptance (endorsed, or submitted when the plan's coordinator accepted it without the ministry's
 * endorsement). Without events (a submission accepted before the timeline existed), its endorsement
 * stamp tells.
 */
export async function stateBeforeAcceptance(
  executor: DbOrTx,
  submissionId: number,
  endorsedAt: Date | null,
): Promise<'endorsed' | 'submitted'> {
  const steps = (
    await executor
      .select({ kind: submissionEvents.kind })
      .from(submissionEvents)
      .where(eq(submissionEvents.submissionId, submissionId))
      .orderBy(asc(submissionEvents.id))
  )
    .map((r) => r.kind)
    .filter((kind) => kind !== 'comment')
  const accepted = steps.lastIndexOf('accepted')
  if (accepted < 0) return endorsedAt === null ? 'submitted' : 'endorsed'
  return steps[accepted - 1] === 'endorsed' ? 'endorsed' : 'submitted'
}
