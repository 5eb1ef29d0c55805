import { type AnyPgColumn, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { SurveyAnswers, SurveySection } from '@apt/shared'
import { createdAt, id, updatedAt, version } from './columns.js'
import { institutions } from './institutions.js'
import { measures } from './measures.js'
import { plans } from './plans.js'
import { users } from './users.js'

/**
 * A questionnaire sent to institutions (mostly the municipalities). Its sections and questions are
 * one document (`sections`, the format's shape), edited and versioned as a whole: questions are
 * few, always read together, and once answers exist only their wording may change.
 */
export const surveys = pgTable('surveys', {
  id: id(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  description: text('description'),
  period: text('period'),
  opens: date('opens'),
  dueDate: date('due_date'),
  /** Days before the due date on which those still owing are reminded (default 7 and 1). */
  reminderDays: jsonb('reminder_days').$type<number[]>().notNull().default([7, 1]),
  coordinatorId: integer('coordinator_id')
    .notNull()
    .references(() => institutions.id),
  /** The plan (and its measure) the survey serves: its results feed that plan's report. */
  planId: integer('plan_id').references(() => plans.id, { onDelete: 'set null' }),
  measureId: integer('measure_id').references(() => measures.id, { onDelete: 'set null' }),
  /** draft → open → closed (SurveyState in @apt/shared); a closed survey may open again. */
  state: text('state', { enum: ['draft', 'open', 'closed'] })
    .notNull()
    .default('draft'),
  sections: jsonb('sections').$type<SurveySection[]>().notNull(),
  /** The coordinator's text per question for the reports: { "<question id>": text }. */
  narratives: jsonb('narratives').$type<Record<string, string>>().notNull().default({}),
  /** The survey this one repeats for a new period: results compare with it. */
  copiedFromId: integer('copied_from_id').references((): AnyPgColumn => surveys.id, { onDelete: 'set null' }),
  /** When the coordinator published the (closed) survey's aggregate results; null: not public. */
  resultsPublishedAt: timestamp('results_published_at', { withTimezone: true, mode: 'date' }),
  resultsPublishedBy: integer('results_published_by').references(() => users.id),
  /** The questions whose free text (text answers, "other" texts) the coordinator marked publishable, by id. */
  publicTextQuestions: jsonb('public_text_questions').$type<string[]>().notNull().default([]),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})
export type Survey = typeof surveys.$inferSelect

/** Who is asked to answer, in the survey's order. */
export const surveyAudience = pgTable(
  'survey_audience',
  {
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.institutionId] }), index('survey_audience_institution_idx').on(t.institutionId)],
)

/** The institutions an imported document listed, in its order, so export gives back what import took. */
export const surveyInstitutions = pgTable(
  'survey_institutions',
  {
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.institutionId] })],
)

/** One institution's answers to a survey: at most one per institution, versioned like a submission. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    state: text('state', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    /** Set when the coordinator reopened it for correction: it stays correctable after the survey closes. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true, mode: 'date' }),
    /** By question id, the format's answers: { value, other?, codes? }. */
    answers: jsonb('answers').$type<SurveyAnswers>().notNull().default({}),
    updatedBy: integer('updated_by').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('survey_responses_survey_institution_idx').on(t.surveyId, t.institutionId)],
)
export type SurveyResponse = typeof surveyResponses.$inferSelect
