// Time-driven reminders and "Atgādināt kavētājiem". `run(now)` is called by the notification loop
// (and by tests with a clock they control): for every open round and open survey it reminds those
// still owing on each of its `reminder_days` before the due date, daily once overdue, and sends each
// coordinator a daily digest of who is late. Days are Riga calendar days (shared/src/policy/calendar.ts).
// Running it twice on one day adds nothing: the event keys name the day, and notifications are
// unique per (user, event key), whichever process runs it.
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { canManageSurvey, canManagePlan, rigaToday, type Remind, type RemindResult } from '@apt/shared'
import type { Tx } from '../../../db/client.js'
import { plans, rounds, surveys } from '../../../db/schema/index.js'
import { type Actor } from '../auth/actor.js'
import { ensure } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { plainText } from '../input.js'
import { NOT_COORDINATOR, visiblePlanRow } from '../plans/plan-access.js'
import { roundRow } from '../rounds/rounds-data.js'
import { NOT_SURVEY_COORDINATOR, visibleSurveyRow } from '../surveys/survey-access.js'
import { actorName, coordinatorsOf, filersOf, roundInstitutions, roundParams, surveyInstitutions, surveyParams } from './events.js'

/** Whole days from `today` to `due` (both YYYY-MM-DD): 7 a week before, 0 on the day, negative after. */
export function daysUntil(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

interface LateWork {
  what: 'round' | 'survey'
  id: number
  title: string
  dueDate: string
  /** The late institutions' ids. */
  institutions: number[]
}

export interface ReminderRun {
  /** The Riga day the run counted as today. */
  today: string
  /** Open rounds and surveys looked at. */
  checked: number
}

export function createReminders(fastify: FastifyInstance) {
  const { db } = fastify
  const raise = (tx: Tx, event: Parameters<typeof fastify.notifications.raise>[1]) =>
    event.recipients.length ? fastify.notifications.raise(tx, event) : Promise.resolve()

  /** One round's or survey's reminders for today; the late institutions, if it is overdue. */
  async function remindOwing(
    tx: Tx,
    today: string,
    work: { what: 'round' | 'survey'; id: number; dueDate: string; reminderDays: number[]; params: Record<string, unknown>; link: string },
  ): Promise<number[]> {
    const days = daysUntil(today, work.dueDate)
    const dueSoon = days > 0 && work.reminderDays.includes(days)
    if (!dueSoon && days >= 0) return []
    const owing = work.what === 'round' ? await roundInstitutions(tx, work.id, 'owing') : await surveyInstitutions(tx, work.id, 'owing')
    const recipients = await filersOf(tx, owing)
    if (dueSoon)
      await raise(tx, {
        kind: 'due_soon',
        eventKey: `${work.what}:${work.id}:due:${days}`,
        recipients,
        params: { ...work.params, days },
        link: work.link,
      })
    else
      await raise(tx, {
        kind: 'overdue',
        eventKey: `${work.what}:${work.id}:overdue:${today}`,
        recipients,
        params: { ...work.params, daysLate: -days, date: today },
        link: work.link,
      })
    return days < 0 ? owing : []
  }

  return {
    /** Everything due on the Riga day of `now`; safe to run any number of times a day, in any number of processes. */
    async run(now: Date = new Date()): Promise<ReminderRun> {
      const today = rigaToday(now)
      const late = new Map<number, LateWork[]>() // coordinating institution → what is late
      const note = (coordinatorId: number, item: LateWork) => late.set(coordinatorId, [...(late.get(coordinatorId) ?? []), item])

      const openRounds = await db
        .select({ round: rounds, coordinatorId: plans.coordinatorId })
        .from(rounds)
        .innerJoin(plans, eq(plans.id, rounds.planId))
        .where(eq(rounds.state, 'open'))
        .orderBy(asc(rounds.dueDate), asc(rounds.id))
      for (const { round, coordinatorId } of openRounds) {
        const owing = await db.transaction(async (tx) =>
          remindOwing(tx, today, {
            what: 'round',
            id: round.id,
            dueDate: round.dueDate,
            reminderDays: round.reminderDays,
            params: await roundParams(tx, round),
            link: '/my-work',
          }),
        )
        if (owing.length)
          note(coordinatorId, { what: 'round', id: round.id, title: round.title, dueDate: round.dueDate, institutions: owing })
      }

      const openSurveys = await db.select().from(surveys).where(eq(surveys.state, 'open')).orderBy(asc(surveys.dueDate), asc(surveys.id))
      for (const survey of openSurveys) {
        const dueDate = survey.dueDate
        if (!dueDate) continue
        const owing = await db.transaction((tx) =>
          remindOwing(tx, today, {
            what: 'survey',
            id: survey.id,
            dueDate,
            reminderDays: survey.reminderDays,
            params: surveyParams(survey),
            link: `/surveys/${survey.id}/answer`,
          }),
        )
        if (owing.length) note(survey.coordinatorId, { what: 'survey', id: survey.id, title: survey.title, dueDate, institutions: owing })
      }

      // One digest a day per coordinator user, however many rounds and surveys of theirs are late.
      const tree = late.size ? await InstitutionTree.load(db) : undefined
      for (const [coordinatorId, items] of late) {
        await db.transaction(async (tx) => {
          const recipients = await coordinatorsOf(tx, coordinatorId)
          const first = items[0]!
          const ids = [...new Set(items.flatMap((i) => i.institutions))]
          const late = ids.map((id) => tree!.byId.get(id)?.name ?? String(id)).sort((a, b) => a.localeCompare(b, 'lv'))
          await raise(tx, {
            kind: 'late_digest',
            eventKey: `late-digest:${today}`,
            recipients,
            // texts.ts reads `late` (the names); `items` say what each is late with.
            params: {
              date: today,
              lateInstitutions: ids.length,
              late,
              items: items.map((i) => ({
                what: i.what,
                id: i.id,
                title: i.title,
                dueDate: i.dueDate,
                institutions: i.institutions.length,
              })),
            },
            link: items.length === 1 && first.what === 'survey' ? `/surveys/${first.id}` : '/admin/rounds',
          })
        })
      }
      return { today, checked: openRounds.length + openSurveys.length }
    },

    /** "Atgādināt kavētājiem" on a round: every institution with something not handed in, now, with the message. */
    async remindRound(actor: Actor, id: number, input: Remind): Promise<RemindResult> {
      return db.transaction(async (tx) => {
        const round = await roundRow(tx, id)
        const plan = await visiblePlanRow(tx, actor, round.planId, 'Round')
        ensure(canManagePlan(actor, plan), NOT_COORDINATOR)
        return remindNow(
          tx,
          actor,
          { what: 'round', id, planId: round.planId, params: await roundParams(tx, round), link: '/my-work' },
          input,
        )
      })
    },

    /** The same for a survey: its audience that has not submitted. */
    async remindSurvey(actor: Actor, id: number, input: Remind): Promise<RemindResult> {
      return db.transaction(async (tx) => {
        const survey = await visibleSurveyRow(tx, actor, id)
        ensure(canManageSurvey(actor, survey), NOT_SURVEY_COORDINATOR)
        return remindNow(
          tx,
          actor,
          { what: 'survey', id, planId: survey.planId, params: surveyParams(survey), link: `/surveys/${id}/answer` },
          input,
        )
      })
    },
  }

  async function remindNow(
    tx: Tx,
    actor: Actor,
    work: { what: 'round' | 'survey'; id: number; planId: number | null; params: Record<string, unknown>; link: string },
    input: Remind,
  ): Promise<RemindResult> {
    const owing = work.what === 'round' ? await roundInstitutions(tx, work.id, 'owing') : await surveyInstitutions(tx, work.id, 'owing')
    const recipients = await filersOf(tx, owing)
    const message = input.message === undefined ? null : plainText(input.message)
    const at = new Date()
    await raise(tx, {
      kind: 'reminder',
      eventKey: `${work.what}:${work.id}:reminder:${at.getTime()}`,
      recipients,
      params: { ...work.params, ...(message ? { message } : {}), ...actorName(actor) },
      link: work.link,
    })
    const result = { institutions: owing.length, people: recipients.length }
    await fastify.audit.record(tx, actor, {
      action: `${work.what}.remind`,
      entityType: work.what,
      entityId: work.id,
      planId: work.planId,
      after: { ...result, message, at: at.toISOString() },
    })
    return result
  }
}

export type Reminders = ReturnType<typeof createReminders>
