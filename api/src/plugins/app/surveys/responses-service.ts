// One institution's answers to a survey: read, saved whole (versioned; drafts autosave), submitted
// once nothing required is missing, reopened by the coordinator for correction; and the
// coordinator's coding of free-text answers: categories per question, codes per answer. An
// institution sees and answers only its own response; the survey's coordinator sees them all.
import type { FastifyInstance } from 'fastify'
import {
  answersErrors,
  AppError,
  canAnswer,
  canCodeAnswers,
  canManageSurvey,
  canReopenResponse,
  canSeeResponse,
  ErrorCode,
  fieldErrors,
  inGroup,
  isOverdue,
  missingRequired,
  questionsOf,
  rigaToday,
  type CodingAnswer,
  type FieldError,
  type QuestionCoding,
  type ResponseFacts,
  type ResponseListItem,
  type ResponseTransition,
  type SaveCategories,
  type SaveResponse,
  type SetAnswerCodes,
  type SurveyAnswers,
  type SurveyChoice,
  type SurveyQuestion,
  type SurveyResponseView,
  type SurveySection,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { userIdOf } from '../auth/actor.js'
import { ensure, notFound, versionConflict } from '../errors.js'
import {
  audiencePosition,
  audienceWithResponses,
  insertResponse,
  institutionByCode,
  lockResponseOf,
  lockResponsesAnswering,
  responseOf,
  sharedLockSurveyRow,
  updateResponseRow,
  type InstitutionRow,
} from './responses-data.js'
import { ensureSurveyVisible, lockedVisibleSurvey, NOT_SURVEY_COORDINATOR, visibleSurveyRow } from './survey-access.js'
import { orderedAnswers } from './survey-document.js'
import { updateSurveyRow, type SurveyResponseRow, type SurveyRow } from './surveys-data.js'

const ENTITY = 'survey_response'
const NOT_OWN_RESPONSE = 'Only the institution itself and the survey’s coordinator see its response'
const NOT_ANSWERER = 'Only the institution’s own reporters answer for it'

/** The questions whose free text is coded: text questions, and choice questions with an "other" text. */
const isCodable = (q: SurveyQuestion) => q.type === 'text' || ((q.type === 'single_choice' || q.type === 'multiple_choice') && !!q.other)

/** The text of an answer that its codes are about: a text answer's value, a choice answer's "other". */
function codedText(q: SurveyQuestion, answer: SurveyAnswers[string] | undefined): string | null {
  if (!answer) return null
  const text = q.type === 'text' ? answer.value : answer.other
  return typeof text === 'string' && text.trim() ? text : null
}

/** Submitted after the due date's Riga day, or still unsubmitted past it. */
function isLate(survey: Pick<SurveyRow, 'dueDate'>, response: Pick<SurveyResponseRow, 'state' | 'submittedAt'> | undefined, today: string) {
  if (!survey.dueDate) return false
  if (response?.state === 'submitted' && response.submittedAt) return rigaToday(response.submittedAt) > survey.dueDate
  return isOverdue(survey.dueDate, today)
}

const factsOf = (institutionId: number, inAudience: boolean, row: SurveyResponseRow | undefined): ResponseFacts => ({
  institutionId,
  inAudience,
  state: row?.state ?? 'missing',
  reopened: row?.reopenedAt != null,
})

/**
 * The respondent's answers with the coordinator's codes kept: codes are not the respondent's to set,
 * so a save keeps the stored codes of every answer that still has text to code, and drops the rest.
 */
function withStoredCodes(sections: readonly SurveySection[], answers: SurveyAnswers, stored: SurveyAnswers): SurveyAnswers {
  const byId = new Map(questionsOf(sections).map(({ question }) => [question.id, question]))
  return Object.fromEntries(
    Object.entries(answers).map(([id, { codes: _ignored, ...answer }]) => {
      const q = byId.get(id)!
      const codes = stored[id]?.codes
      return [id, codes?.length && codedText(q, answer) ? { ...answer, codes } : answer]
    }),
  )
}

export function createResponsesService(fastify: FastifyInstance) {
  const { db } = fastify

  function view(
    actor: Actor,
    survey: SurveyRow,
    institution: InstitutionRow,
    inAudience: boolean,
    row: SurveyResponseRow | undefined,
  ): SurveyResponseView {
    const facts = factsOf(institution.id, inAudience, row)
    const answers = orderedAnswers(survey.sections, row?.answers ?? {})
    const answering = canAnswer(actor, survey, facts)
    return {
      surveyId: survey.id,
      institution: { code: institution.code, name: institution.name },
      state: facts.state,
      submittedAt: row?.state === 'submitted' ? (row.submittedAt?.toISOString() ?? null) : null,
      late: isLate(survey, row, rigaToday()),
      reopenedAt: row?.reopenedAt?.toISOString() ?? null,
      answers,
      missingRequired: missingRequired(survey.sections, answers),
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      abilities: {
        edit: answering,
        submit: answering && row !== undefined,
        reopen: canReopenResponse(actor, survey, facts),
        code: row !== undefined && canCodeAnswers(actor, survey),
      },
    }
  }

  /** The institution (404 unless the survey asks it or it has answered) and whether the actor may see its response (403). */
  async function reachable(executor: DbOrTx, actor: Actor, survey: SurveyRow, code: string, lock: boolean) {
    const institution = await institutionByCode(executor, code, 'Response')
    const inAudience = (await audiencePosition(executor, survey.id, institution.id)) !== undefined
    const row = lock
      ? await lockResponseOf(executor as Tx, survey.id, institution.id)
      : await responseOf(executor, survey.id, institution.id)
    if (!inAudience && !row) throw notFound('Response')
    ensure(canSeeResponse(actor, survey, { institutionId: institution.id }), NOT_OWN_RESPONSE)
    return { institution, inAudience, row }
  }

  /** 403 when the actor may never answer for the institution; 409 when the response's or survey's state stops it now. */
  function ensureAnswering(actor: Actor, survey: SurveyRow, facts: ResponseFacts) {
    if (canAnswer(actor, survey, facts)) return
    ensure(actor.kind === 'user' && actor.institutionId === facts.institutionId && inGroup(actor, 'filers'), NOT_ANSWERER)
    if (!facts.inAudience) throw new AppError(ErrorCode.invalidTransition, 'The survey no longer asks this institution')
    if (facts.state === 'submitted')
      throw new AppError(ErrorCode.invalidTransition, 'The response is submitted; the survey’s coordinator may reopen it for correction')
    throw new AppError(ErrorCode.invalidTransition, `The survey is ${survey.state}: it takes no answers now`)
  }

  const record = (tx: Tx, actor: Actor, survey: SurveyRow, action: string, entityId: number, before: unknown, after: unknown) =>
    fastify.audit.record(tx, actor, { action, entityType: ENTITY, entityId, planId: survey.planId, before, after })

  const snapshot = (row: SurveyResponseRow | undefined) =>
    row && { surveyId: row.surveyId, institutionId: row.institutionId, state: row.state, answers: row.answers, version: row.version }

  /** The question of a survey by id; 404 naming it. */
  function questionOf(survey: SurveyRow, questionId: string): SurveyQuestion {
    const q = questionsOf(survey.sections).find(({ question }) => question.id === questionId)?.question
    if (!q) throw notFound('Question')
    return q
  }

  async function coding(executor: DbOrTx, survey: SurveyRow, q: SurveyQuestion): Promise<QuestionCoding> {
    const answers: CodingAnswer[] = []
    for (const { institution, response } of await audienceWithResponses(executor, survey.id)) {
      const text = codedText(q, response?.answers[q.id])
      if (!response || text === null) continue
      answers.push({
        institution: institution.code,
        name: institution.name,
        state: response.state,
        text,
        codes: response.answers[q.id]!.codes ?? [],
        version: response.version,
      })
    }
    return { surveyId: survey.id, surveyVersion: survey.version, question: q, answers }
  }

  return {
    /** One institution's response; `missing` (version 0) until its first save. */
    async get(actor: Actor, surveyId: number, code: string): Promise<SurveyResponseView> {
      const survey = await visibleSurveyRow(db, actor, surveyId)
      const { institution, inAudience, row } = await reachable(db, actor, survey, code, false)
      return view(actor, survey, institution, inAudience, row)
    },

    /** Every institution of the audience and where its response stands (the coordinator's). */
    async list(actor: Actor, surveyId: number): Promise<ResponseListItem[]> {
      const survey = await visibleSurveyRow(db, actor, surveyId)
      ensure(canManageSurvey(actor, survey), NOT_SURVEY_COORDINATOR)
      const today = rigaToday()
      return (await audienceWithResponses(db, survey.id)).map(({ institution, response }) => ({
        institution: { code: institution.code, name: institution.name },
        state: response?.state ?? 'missing',
        submittedAt: response?.state === 'submitted' ? (response.submittedAt?.toISOString() ?? null) : null,
        late: isLate(survey, response, today),
        reopenedAt: response?.reopenedAt?.toISOString() ?? null,
        updatedAt: response?.updatedAt.toISOString() ?? null,
        version: response?.version ?? 0,
      }))
    },

    /** Saves the whole answers object (version 0 creates the response); the coordinator's codes stay. */
    async save(actor: Actor, surveyId: number, code: string, input: SaveResponse): Promise<SurveyResponseView> {
      return db.transaction(async (tx) => {
        const survey = ensureSurveyVisible(actor, await sharedLockSurveyRow(tx, surveyId))
        const { institution, inAudience, row } = await reachable(tx, actor, survey, code, true)
        ensureAnswering(actor, survey, factsOf(institution.id, inAudience, row))
        if (input.version !== (row?.version ?? 0)) throw versionConflict('The response')
        const errors = answersErrors(survey.sections, input.answers)
        if (errors.length) throw fieldErrors(ErrorCode.validationFailed, errors)
        const answers = withStoredCodes(survey.sections, input.answers, row?.answers ?? {})
        const saved = row
          ? await updateResponseRow(tx, row.id, row.version, { answers, updatedBy: userIdOf(actor) })
          : await insertResponse(tx, { surveyId, institutionId: institution.id, answers, updatedBy: userIdOf(actor) })
        if (!saved) throw versionConflict('The response')
        await record(tx, actor, survey, row ? 'update' : 'create', saved.id, snapshot(row), snapshot(saved))
        return view(actor, survey, institution, inAudience, saved)
      })
    },

    /** Hands the response in; 422 SUBMISSION_INCOMPLETE naming every required question still unanswered. */
    async submit(actor: Actor, surveyId: number, code: string, input: ResponseTransition): Promise<SurveyResponseView> {
      return db.transaction(async (tx) => {
        const survey = ensureSurveyVisible(actor, await sharedLockSurveyRow(tx, surveyId))
        const { institution, inAudience, row } = await reachable(tx, actor, survey, code, true)
        ensureAnswering(actor, survey, factsOf(institution.id, inAudience, row))
        if (!row) throw new AppError(ErrorCode.invalidTransition, 'Nothing is saved yet: save the answers before submitting')
        if (input.version !== row.version) throw versionConflict('The response')
        const missing = missingRequired(survey.sections, row.answers)
        if (missing.length)
          throw new AppError(ErrorCode.submissionIncomplete, `Required questions are unanswered: ${missing.join(', ')}`, {
            errors: missing.map((id): FieldError => ({ path: `/answers/${id}`, message: 'is required before submitting' })),
          })
        const saved = await updateResponseRow(tx, row.id, row.version, {
          state: 'submitted',
          submittedAt: new Date(),
          updatedBy: userIdOf(actor),
        })
        if (!saved) throw versionConflict('The response')
        await record(tx, actor, survey, 'submit', saved.id, snapshot(row), snapshot(saved))
        return view(actor, survey, institution, inAudience, saved)
      })
    },

    /** The coordinator returns a submitted response to its institution as a draft, answerable even after the survey closes. */
    async reopen(actor: Actor, surveyId: number, code: string, input: ResponseTransition): Promise<SurveyResponseView> {
      return db.transaction(async (tx) => {
        const survey = ensureSurveyVisible(actor, await sharedLockSurveyRow(tx, surveyId))
        const { institution, inAudience, row } = await reachable(tx, actor, survey, code, true)
        ensure(canManageSurvey(actor, survey), NOT_SURVEY_COORDINATOR)
        if (!row || !canReopenResponse(actor, survey, factsOf(institution.id, inAudience, row)))
          throw new AppError(ErrorCode.invalidTransition, 'Only a submitted response can be reopened')
        if (input.version !== row.version) throw versionConflict('The response')
        const saved = await updateResponseRow(tx, row.id, row.version, {
          state: 'draft',
          reopenedAt: new Date(),
          updatedBy: userIdOf(actor),
        })
        if (!saved) throw versionConflict('The response')
        await record(tx, actor, survey, 'reopen', saved.id, snapshot(row), snapshot(saved))
        return view(actor, survey, institution, inAudience, saved)
      })
    },

    /** The coordinator's codes of one answer's free text (a text answer, or a choice answer's "other"). */
    async setCodes(actor: Actor, surveyId: number, code: string, input: SetAnswerCodes): Promise<SurveyResponseView> {
      return db.transaction(async (tx) => {
        const survey = ensureSurveyVisible(actor, await sharedLockSurveyRow(tx, surveyId))
        const { institution, inAudience, row } = await reachable(tx, actor, survey, code, true)
        ensure(canCodeAnswers(actor, survey), NOT_SURVEY_COORDINATOR)
        const q = questionsOf(survey.sections).find(({ question }) => question.id === input.question)?.question
        if (!q)
          throw fieldErrors(ErrorCode.validationFailed, [
            { path: '/question', message: `"${input.question}" is not a question of this survey` },
          ])
        if (!isCodable(q))
          throw fieldErrors(ErrorCode.validationFailed, [
            { path: '/question', message: 'only text questions and the "other" texts of choice questions are coded' },
          ])
        const categories = new Set((q.categories ?? []).map((c) => c.id))
        const unknown = input.codes.flatMap((c, i): FieldError[] =>
          categories.has(c) ? [] : [{ path: `/codes/${i}`, message: `"${c}" is not a category of this question` }],
        )
        if (unknown.length) throw fieldErrors(ErrorCode.validationFailed, unknown)
        if (!row || codedText(q, row.answers[q.id]) === null)
          throw new AppError(ErrorCode.invalidReference, `The response has no text to code for "${q.id}"`, {
            errors: [{ path: '/question', message: 'this response has no text for it' }],
          })
        if (input.version !== row.version) throw versionConflict('The response')
        const { codes: _old, ...answer } = row.answers[q.id]!
        const answers = { ...row.answers, [q.id]: input.codes.length ? { ...answer, codes: input.codes } : answer }
        const saved = await updateResponseRow(tx, row.id, row.version, { answers })
        if (!saved) throw versionConflict('The response')
        await record(
          tx,
          actor,
          survey,
          'code',
          saved.id,
          { question: q.id, codes: row.answers[q.id]!.codes ?? [], version: row.version },
          { question: q.id, codes: input.codes, version: saved.version },
        )
        return view(actor, survey, institution, inAudience, saved)
      })
    },

    /** A question's categories and every answer text to code, in audience order: the coding screen in one call. */
    async codingOf(actor: Actor, surveyId: number, questionId: string): Promise<QuestionCoding> {
      const survey = await visibleSurveyRow(db, actor, surveyId)
      ensure(canCodeAnswers(actor, survey), NOT_SURVEY_COORDINATOR)
      const q = questionOf(survey, questionId)
      if (!isCodable(q)) throw new AppError(ErrorCode.invalidReference, `"${q.id}" has no free text to code`)
      return coding(db, survey, q)
    },

    /**
     * Replaces a question's coding categories (versioned on the survey). A category removed while
     * answers use it is removed from those answers too, each response's change audited.
     */
    async saveCategories(actor: Actor, surveyId: number, questionId: string, input: SaveCategories): Promise<QuestionCoding> {
      return db.transaction(async (tx) => {
        const survey = await lockedVisibleSurvey(tx, actor, surveyId)
        ensure(canCodeAnswers(actor, survey), NOT_SURVEY_COORDINATOR)
        const q = questionOf(survey, questionId)
        if (!isCodable(q))
          throw fieldErrors(ErrorCode.validationFailed, [
            { path: '/categories', message: 'only text questions and choice questions with an "other" text have categories' },
          ])
        const seen = new Set<string>()
        const duplicates = input.categories.flatMap((c, i): FieldError[] => {
          if (!seen.has(c.id)) return (seen.add(c.id), [])
          return [{ path: `/categories/${i}/id`, message: `duplicate category id "${c.id}"` }]
        })
        if (duplicates.length) throw fieldErrors(ErrorCode.validationFailed, duplicates)
        if (input.version !== survey.version) throw versionConflict('The survey')

        const categories: SurveyChoice[] = input.categories.map((c) => ({ id: c.id, label: c.label }))
        const sections = survey.sections.map((s) => ({
          ...s,
          questions: s.questions.map((question) => {
            if (question.id !== q.id) return question
            const { categories: _old, ...rest } = question
            return categories.length ? { ...rest, categories } : rest
          }),
        }))
        const updated = await updateSurveyRow(tx, survey.id, survey.version, { sections })
        if (!updated) throw versionConflict('The survey')
        await fastify.audit.record(tx, actor, {
          action: 'categories',
          entityType: 'survey',
          entityId: survey.id,
          planId: survey.planId,
          before: { question: q.id, categories: q.categories ?? [], version: survey.version },
          after: { question: q.id, categories, version: updated.version },
        })

        for (const row of await lockResponsesAnswering(tx, survey.id, q.id)) {
          const { codes, ...answer } = row.answers[q.id]!
          const kept = (codes ?? []).filter((c) => seen.has(c))
          if (kept.length === (codes ?? []).length) continue
          const answers = { ...row.answers, [q.id]: kept.length ? { ...answer, codes: kept } : answer }
          const saved = (await updateResponseRow(tx, row.id, row.version, { answers }))!
          await record(
            tx,
            actor,
            survey,
            'code',
            row.id,
            { question: q.id, codes, version: row.version },
            { question: q.id, codes: kept, version: saved.version },
          )
        }
        return coding(tx, updated, questionOf(updated, q.id))
      })
    },
  }
}

export type ResponsesService = ReturnType<typeof createResponsesService>
