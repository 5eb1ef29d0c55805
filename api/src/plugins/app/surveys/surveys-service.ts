// Surveys: the list and the detail with what the caller may do with each, the export and import of
// `survey/1`, and the builder — create a draft, change its header, audience, plan link and the
// coordinator's narratives, save its questionnaire as a whole, open and close it, copy it as the
// next period's, delete an unanswered draft. Every change runs in one transaction with the survey
// row locked, checks the version the caller read (409), and writes an audit row with before and
// after. Responses, coding and results are ./responses-service.ts and ./results-service.ts.
import type { FastifyInstance } from 'fastify'
import {
  alreadyExists,
  AppError,
  canCoordinateFrom,
  canCreatePlan,
  canManageSurvey,
  canSeeResponse,
  canSeeSurvey,
  type CopySurvey,
  type CreateSurvey,
  ErrorCode,
  type FieldError,
  fieldErrors,
  questionnaireErrors,
  questionsOf,
  type SaveQuestionnaire,
  type Survey,
  type SurveyDocument,
  type SurveyDryRun,
  type SurveyListItem,
  type SurveySection,
  type SurveyTransition,
  type UpdateSurvey,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { ensure, isUniqueViolation, versionConflict } from '../errors.js'
import { plainText, plainTextOrNull } from '../input.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { surveyOpened } from '../notifications/events.js'
import { ensureSurveyEditable, lockedVisibleSurvey, NOT_SURVEY_COORDINATOR, surveyAbilities, visibleSurveyRow } from './survey-access.js'
import { orderedSections, surveyDocumentOf } from './survey-document.js'
import { checkSurveyDocument, dryRunOf, plainJson, resolvePlanLink, writeSurveyDocument } from './survey-import.js'
import {
  audienceCounts,
  audienceIds,
  audienceInstitutions,
  deleteSurveyRow,
  insertSurvey,
  loadSurveyRows,
  planLinkOf,
  planLinks,
  respondedCounts,
  responseCount,
  responseRows,
  saveAudience,
  surveyHasAnswers,
  surveyIdByCode,
  surveyRows,
  type SurveyRow,
  updateSurveyRow,
} from './surveys-data.js'

/** The audience code that stands for every institution of kind municipality. */
export const ALL_MUNICIPALITIES = 'municipalities'
type PlanLinkView = SurveyListItem['plan']

export function toSurveyListItem(
  actor: Actor,
  row: SurveyRow,
  tree: InstitutionTree,
  plan: PlanLinkView,
  counts: { audience: number; responded: number },
): SurveyListItem {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    period: row.period,
    state: row.state,
    opens: row.opens,
    dueDate: row.dueDate,
    reminderDays: row.reminderDays,
    coordinator: tree.codeOf(row.coordinatorId)!,
    plan,
    audienceCount: counts.audience,
    respondedCount: counts.responded,
    copiedFromId: row.copiedFromId,
    version: row.version,
    abilities: surveyAbilities(actor, row),
  }
}

/** The survey as its detail reads (one query after another: the executor may be a transaction). */
export async function surveyView(executor: DbOrTx, actor: Actor, row: SurveyRow): Promise<Survey> {
  const audience = await audienceInstitutions(executor, row.id)
  const responses = await responseRows(executor, row.id)
  const plan = await planLinkOf(executor, row)
  const tree = await InstitutionTree.load(executor)
  return {
    ...toSurveyListItem(actor, row, tree, plan, {
      audience: audience.length,
      responded: responses.filter((r) => r.state === 'submitted').length,
    }),
    description: row.description,
    audience: audience.map((a) => ({ code: a.code, name: a.name })),
    sections: orderedSections(row.sections),
    narratives: row.narratives,
    answered: responses.some((r) => Object.keys(r.answers).length > 0),
  }
}

/**
 * Audience codes to institution ids, in order: `municipalities` stands for every institution of
 * kind municipality (in the registry's order); unknown codes are 422
 * UNKNOWN_INSTITUTIONS, each with its path.
 */
export function resolveAudience(tree: InstitutionTree, codes: readonly string[], path = '/audience'): number[] {
  const municipalities = tree.municipalities().map((i) => i.id)
  const named = codes.map((code, i) => ({ code, path: `${path}/${i}` })).filter((u) => u.code !== ALL_MUNICIPALITIES)
  const ids = tree.resolve(named)
  if (codes.includes(ALL_MUNICIPALITIES) && !municipalities.length)
    throw fieldErrors(ErrorCode.invalidReference, [
      { path: `${path}/${codes.indexOf(ALL_MUNICIPALITIES)}`, message: 'the registry has no municipalities' },
    ])
  const result: number[] = []
  for (const code of codes) for (const id of code === ALL_MUNICIPALITIES ? municipalities : [ids.get(code)!]) result.push(id)
  return [...new Set(result)]
}

/** A question's parts that answers depend on: what may not change once it is answered. */
function shapeOf(q: SurveySection['questions'][number]) {
  const ids = (list: { id: string }[] | undefined) => (list ?? []).map((c) => c.id).join('\u0000')
  return [q.type, ids(q.options), ids(q.rows), ids(q.columns), q.other ? 'other' : ''].join('\u0001')
}

/**
 * Once answered, a questionnaire may change its wording only: every question stays with its id,
 * type, options, rows and columns (their ids and order) and its "other" choice; none is added or
 * removed; and a coding category an answer uses stays. Each question that breaks this is named.
 */
function wordingOnlyProblems(
  before: readonly SurveySection[],
  after: readonly SurveySection[],
  usedCodes: Map<string, Set<string>>,
): { question: string; problem: string }[] {
  const old = new Map(questionsOf(before).map(({ question }) => [question.id, question]))
  const now = new Map(questionsOf(after).map(({ question }) => [question.id, question]))
  const problems: { question: string; problem: string }[] = []
  for (const [id, q] of old) {
    const next = now.get(id)
    if (!next) problems.push({ question: id, problem: 'removed' })
    else if (shapeOf(q) !== shapeOf(next)) problems.push({ question: id, problem: 'shape changed' })
    else {
      const kept = new Set((next.categories ?? []).map((c) => c.id))
      const lost = [...(usedCodes.get(id) ?? [])].filter((code) => !kept.has(code))
      if (lost.length)
        problems.push({
          question: id,
          problem: `categories in use removed: ${lost.join(', ')} (remove them through the question's categories, which uncodes their answers)`,
        })
    }
  }
  for (const id of now.keys()) if (!old.has(id)) problems.push({ question: id, problem: 'added' })
  return problems
}

const codeTaken = (code: string) =>
  alreadyExists({ entity: 'survey', field: '/code', value: code }, `A survey with code ${code} already exists`)

/** A unique index that refused a row written meanwhile by someone else reads as the 409 a pre-check gives. */
async function uniqueAsConflict<T>(work: Promise<T>, code: string): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(code)
    throw error
  }
}

function checkDates(input: { opens?: string | null; dueDate?: string | null }, row?: Pick<SurveyRow, 'opens' | 'dueDate'>) {
  const opens = input.opens !== undefined ? input.opens : (row?.opens ?? null)
  const dueDate = input.dueDate !== undefined ? input.dueDate : (row?.dueDate ?? null)
  if (opens && dueDate && dueDate < opens)
    throw fieldErrors(ErrorCode.validationFailed, [{ path: '/dueDate', message: 'must not be before the survey opens' }])
}

function checkQuestionnaire(sections: readonly SurveySection[], base = '') {
  const errors: FieldError[] = questionnaireErrors(sections, base)
  if (errors.length) throw fieldErrors(ErrorCode.validationFailed, errors)
}

type Transition = 'open' | 'close'
const TRANSITIONS: Record<Transition, { from: SurveyRow['state'][]; to: SurveyRow['state']; verb: string }> = {
  open: { from: ['draft', 'closed'], to: 'open', verb: 'opened' },
  close: { from: ['open'], to: 'closed', verb: 'closed' },
}

export function createSurveysService(fastify: FastifyInstance) {
  const { db } = fastify
  const record = fastify.audit.record

  const audienceCodes = async (executor: DbOrTx, surveyId: number) => (await audienceInstitutions(executor, surveyId)).map((a) => a.code)

  /** Checks and writes a whole document, with the new institutions and the survey audited. */
  async function importWithin(tx: Tx, actor: Actor, doc: SurveyDocument): Promise<SurveyRow> {
    const checked = await checkSurveyDocument(tx, actor, doc)
    const row = await writeSurveyDocument(tx, actor, doc, checked, (inst) =>
      record(tx, actor, { action: 'institution.create', entityType: 'institution', entityId: inst.id, after: inst }),
    )
    await record(tx, actor, {
      action: 'survey.import',
      entityType: 'survey',
      entityId: row.id,
      planId: row.planId,
      after: {
        code: row.code,
        title: row.title,
        state: row.state,
        questions: questionsOf(doc.survey.sections).length,
        audience: doc.survey.audience.length,
        responses: doc.responses?.length ?? 0,
        newInstitutions: checked.fresh.map((i) => i.code),
      },
    })
    return row
  }

  /**
   * The header, audience, plan link and narratives. Until the survey closes; the narratives — the
   * coordinator's text per question for the reports, written once the figures are in — also after.
   * An institution that has a response stays in the audience.
   */
  async function updateWithin(tx: Tx, actor: Actor, id: number, input: UpdateSurvey): Promise<SurveyRow> {
    const before = await lockedVisibleSurvey(tx, actor, id)
    const narrativesOnly = Object.keys(input).every((k) => k === 'version' || k === 'narratives')
    if (narrativesOnly) ensure(canManageSurvey(actor, before), NOT_SURVEY_COORDINATOR)
    else ensureSurveyEditable(actor, before)
    if (before.version !== input.version) throw versionConflict('Survey')
    checkDates(input, before)
    const changes: Partial<SurveyRow> = {}
    const was: Record<string, unknown> = {}
    const now: Record<string, unknown> = {}
    if (input.title !== undefined) changes.title = plainText(input.title)
    if (input.description !== undefined) changes.description = plainTextOrNull(input.description)
    if (input.period !== undefined) changes.period = plainTextOrNull(input.period)
    if (input.opens !== undefined) changes.opens = input.opens
    if (input.dueDate !== undefined) changes.dueDate = input.dueDate
    if (input.reminderDays !== undefined) changes.reminderDays = [...input.reminderDays].sort((a, b) => b - a)
    if (input.plan !== undefined) {
      const link = await resolvePlanLink(tx, actor, input.plan, '/plan')
      changes.planId = link.planId
      changes.measureId = link.measureId
      was.plan = await planLinkOf(tx, before)
    }
    if (input.narratives !== undefined) {
      const ids = new Set(questionsOf(before.sections).map(({ question }) => question.id))
      const unknown = Object.keys(input.narratives).filter((key) => !ids.has(key))
      if (unknown.length)
        throw fieldErrors(
          ErrorCode.validationFailed,
          unknown.map((key) => ({ path: `/narratives/${key}`, message: `"${key}" is not a question of this survey` })),
        )
      const narratives = { ...before.narratives }
      for (const [key, text] of Object.entries(input.narratives)) {
        const clean = text === null ? '' : plainText(text).trim()
        if (clean) narratives[key] = clean
        else delete narratives[key]
      }
      changes.narratives = narratives
    }
    if (input.audience !== undefined) {
      const tree = await InstitutionTree.load(tx)
      const audience = resolveAudience(tree, input.audience)
      const kept = new Set(audience)
      const answering = (await responseRows(tx, id)).filter((r) => !kept.has(r.institutionId))
      if (answering.length)
        throw new AppError(
          ErrorCode.invalidTransition,
          `Institutions with a response stay in the audience: ${answering.map((r) => tree.codeOf(r.institutionId)).join(', ')}`,
          { institutions: answering.map((r) => tree.codeOf(r.institutionId)) },
        )
      was.audience = await audienceCodes(tx, id)
      await saveAudience(tx, id, audience)
      now.audience = await audienceCodes(tx, id)
    }
    const after = await updateSurveyRow(tx, id, input.version, changes)
    if (!after) throw versionConflict('Survey')
    if (input.plan !== undefined) now.plan = await planLinkOf(tx, after)
    const fields = Object.keys(changes) as (keyof SurveyRow)[]
    await record(tx, actor, {
      action: 'survey.update',
      entityType: 'survey',
      entityId: id,
      planId: after.planId ?? before.planId,
      before: { ...Object.fromEntries(fields.map((k) => [k, before[k]])), ...was, version: before.version },
      after: { ...Object.fromEntries(fields.map((k) => [k, after[k]])), ...now, version: after.version },
    })
    return after
  }

  /** draft or closed → open (needs a question and an audience); open → closed. */
  async function transitionWithin(tx: Tx, actor: Actor, id: number, step: Transition, input: SurveyTransition): Promise<SurveyRow> {
    const { from, to, verb } = TRANSITIONS[step]
    const before = await lockedVisibleSurvey(tx, actor, id)
    ensure(canManageSurvey(actor, before), NOT_SURVEY_COORDINATOR)
    if (!from.includes(before.state))
      throw new AppError(ErrorCode.invalidTransition, `Only a ${from.join(' or ')} survey can be ${verb}; this survey is ${before.state}`)
    if (before.version !== input.version) throw versionConflict('Survey')
    if (step === 'open') {
      const gaps = [
        ...(questionsOf(before.sections).length ? [] : ['a question']),
        ...((await audienceIds(tx, id)).length ? [] : ['an audience']),
      ]
      if (gaps.length)
        throw new AppError(ErrorCode.invalidTransition, `A survey needs ${gaps.join(' and ')} before it is opened`, { missing: gaps })
    }
    const after = await updateSurveyRow(tx, id, input.version, { state: to })
    if (!after) throw versionConflict('Survey')
    await record(tx, actor, {
      action: `survey.${step}`,
      entityType: 'survey',
      entityId: id,
      planId: after.planId,
      before: { state: before.state, version: before.version },
      after: { state: after.state, version: after.version },
    })
    if (step === 'open') await surveyOpened(fastify, tx, actor, after)
    return after
  }

  /** The same questionnaire (its coding categories too) and audience as a new draft for the next period, linked for comparison. */
  async function copyWithin(tx: Tx, actor: Actor, id: number, input: CopySurvey): Promise<SurveyRow> {
    const code = plainText(input.code)
    const source = await visibleSurveyRow(tx, actor, id)
    ensure(canManageSurvey(actor, source), NOT_SURVEY_COORDINATOR)
    if ((await surveyIdByCode(tx, code)) !== undefined) throw codeTaken(code)
    const row = await insertSurvey(tx, {
      code,
      title: input.title === undefined ? source.title : plainText(input.title),
      description: source.description,
      period: input.period === undefined ? null : plainTextOrNull(input.period),
      opens: null,
      dueDate: input.dueDate ?? null,
      reminderDays: source.reminderDays,
      coordinatorId: source.coordinatorId,
      planId: source.planId,
      measureId: source.measureId,
      state: 'draft',
      sections: source.sections,
      narratives: {},
      copiedFromId: source.id,
    })
    await saveAudience(tx, row.id, await audienceIds(tx, source.id))
    await record(tx, actor, {
      action: 'survey.copy',
      entityType: 'survey',
      entityId: row.id,
      planId: row.planId,
      before: { id: source.id, code: source.code },
      after: { ...row, audience: await audienceCodes(tx, row.id) },
    })
    return row
  }

  return {
    /** The surveys the actor may see (drafts only its coordinators), by code, with their counts. */
    async list(actor: Actor): Promise<SurveyListItem[]> {
      const rows = (await surveyRows(db)).filter((row) => canSeeSurvey(actor, row))
      const audience = await audienceCounts(db)
      const responded = await respondedCounts(db)
      const linkOf = await planLinks(db, rows)
      const tree = await InstitutionTree.load(db)
      return rows.map((row) =>
        toSurveyListItem(actor, row, tree, linkOf(row), {
          audience: audience.get(row.id) ?? 0,
          responded: responded.get(row.id) ?? 0,
        }),
      )
    },

    async get(actor: Actor, id: number): Promise<Survey> {
      return surveyView(db, actor, await visibleSurveyRow(db, actor, id))
    },

    /**
     * The lossless document (404 for an unknown survey or a draft the actor may not see). Its
     * responses are those the actor may see: all for the survey's coordinators, an institution's own
     * for its users, none for anyone else — the questionnaire is everyone's once open, the answers not.
     */
    async export(actor: Actor, id: number): Promise<SurveyDocument> {
      const survey = await visibleSurveyRow(db, actor, id)
      const rows = await loadSurveyRows(db, id)
      return surveyDocumentOf({ ...rows, responses: rows.responses.filter((r) => canSeeResponse(actor, survey, r)) })
    },

    /** Everything an import would check, without writing. */
    async dryRun(actor: Actor, doc: SurveyDocument): Promise<SurveyDryRun> {
      const { fresh } = await checkSurveyDocument(db, actor, doc)
      return dryRunOf(doc, fresh)
    },

    /**
     * A whole survey from its document, in one transaction: closed when it brings responses, a draft
     * otherwise. The document arrives unchecked (the import checks it whole, every problem at once).
     */
    async import(actor: Actor, doc: SurveyDocument): Promise<Survey> {
      const code = (doc as { survey?: { code?: unknown } } | null)?.survey?.code
      return uniqueAsConflict(
        db.transaction(async (tx) => surveyView(tx, actor, await importWithin(tx, actor, doc))),
        typeof code === 'string' ? code : '',
      )
    },

    /** The import as part of a larger transaction (the first-run data, with the system actor). */
    importWithin,

    /** A new survey, as a draft only its coordinators see. */
    async create(actor: Actor, input: CreateSurvey): Promise<Survey> {
      ensure(canCreatePlan(actor), 'Your role may not create surveys')
      checkDates(input)
      const sections = orderedSections(plainJson(input.sections ?? []))
      checkQuestionnaire(sections)
      const code = plainText(input.code)
      return uniqueAsConflict(
        db.transaction(async (tx) => {
          const tree = await InstitutionTree.load(tx)
          const coordinatorId = tree.resolve([{ code: input.coordinator, path: '/coordinator' }]).get(input.coordinator)!
          ensure(canCoordinateFrom(actor, coordinatorId), 'A plan coordinator creates surveys its own institution coordinates')
          const audience = resolveAudience(tree, input.audience)
          const link = await resolvePlanLink(tx, actor, input.plan, '/plan')
          if ((await surveyIdByCode(tx, code)) !== undefined) throw codeTaken(code)
          const row = await insertSurvey(tx, {
            code,
            title: plainText(input.title),
            description: plainTextOrNull(input.description),
            period: plainTextOrNull(input.period),
            opens: input.opens ?? null,
            dueDate: input.dueDate ?? null,
            ...(input.reminderDays ? { reminderDays: [...input.reminderDays].sort((a, b) => b - a) } : {}),
            coordinatorId,
            planId: link.planId,
            measureId: link.measureId,
            state: 'draft',
            sections,
            narratives: {},
          })
          await saveAudience(tx, row.id, audience)
          await record(tx, actor, {
            action: 'survey.create',
            entityType: 'survey',
            entityId: row.id,
            planId: row.planId,
            after: { ...row, audience: await audienceCodes(tx, row.id) },
          })
          return surveyView(tx, actor, row)
        }),
        code,
      )
    },

    /**
     * The header, audience, plan link and narratives. Until the survey closes; the narratives — the
     * coordinator's text per question for the reports, written once the figures are in — also after.
     */
    update: (actor: Actor, id: number, input: UpdateSurvey): Promise<Survey> =>
      db.transaction(async (tx) => surveyView(tx, actor, await updateWithin(tx, actor, id, input))),

    /** draft or closed → open (needs a question and an audience); open → closed. */
    transition: (actor: Actor, id: number, step: Transition, input: SurveyTransition): Promise<Survey> =>
      db.transaction(async (tx) => surveyView(tx, actor, await transitionWithin(tx, actor, id, step, input))),

    /** The same questionnaire (its coding categories too) and audience as a new draft for the next period, linked for comparison. */
    copy: (actor: Actor, id: number, input: CopySurvey): Promise<Survey> =>
      uniqueAsConflict(
        db.transaction(async (tx) => surveyView(tx, actor, await copyWithin(tx, actor, id, input))),
        plainText(input.code),
      ),

    /** The builder's steps as part of a larger transaction (the first-run data, with the system actor). */
    updateWithin,
    transitionWithin,
    copyWithin,

    /** The whole questionnaire at once; once any response has answers, its wording only (409 naming each question otherwise). */
    async saveQuestionnaire(actor: Actor, id: number, input: SaveQuestionnaire): Promise<Survey> {
      const sections = orderedSections(plainJson(input.sections))
      checkQuestionnaire(sections)
      return db.transaction(async (tx) => {
        const before = await lockedVisibleSurvey(tx, actor, id)
        ensureSurveyEditable(actor, before)
        if (before.version !== input.version) throw versionConflict('Survey')
        if (await surveyHasAnswers(tx, id)) {
          const used = new Map<string, Set<string>>()
          for (const response of await responseRows(tx, id))
            for (const [question, answer] of Object.entries(response.answers))
              for (const code of answer.codes ?? []) used.set(question, (used.get(question) ?? new Set()).add(code))
          const problems = wordingOnlyProblems(before.sections, sections, used)
          if (problems.length)
            throw new AppError(
              ErrorCode.invalidTransition,
              `The survey has answers: only wording may change. ${problems.map((p) => `${p.question}: ${p.problem}`).join('; ')}`,
              { questions: problems },
            )
        }
        const after = await updateSurveyRow(tx, id, input.version, { sections })
        if (!after) throw versionConflict('Survey')
        await record(tx, actor, {
          action: 'survey.questionnaire',
          entityType: 'survey',
          entityId: id,
          planId: after.planId,
          before: { sections: before.sections, version: before.version },
          after: { sections: after.sections, version: after.version },
        })
        return surveyView(tx, actor, after)
      })
    },

    /** A draft nobody has answered goes without a trace but its audit row. */
    async remove(actor: Actor, id: number, input: SurveyTransition): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await lockedVisibleSurvey(tx, actor, id)
        ensure(canManageSurvey(actor, before), NOT_SURVEY_COORDINATOR)
        if (before.state !== 'draft')
          throw new AppError(
            ErrorCode.invalidTransition,
            `Only a draft survey can be deleted; this survey is ${before.state}: close it instead`,
          )
        if (before.version !== input.version) throw versionConflict('Survey')
        if ((await responseCount(tx, id)) > 0)
          throw new AppError(ErrorCode.invalidTransition, 'The survey has responses and cannot be deleted')
        const audience = await audienceCodes(tx, id)
        if (!(await deleteSurveyRow(tx, id, input.version))) throw versionConflict('Survey')
        await record(tx, actor, {
          action: 'survey.delete',
          entityType: 'survey',
          entityId: id,
          planId: before.planId,
          before: { ...before, audience },
        })
      })
    },
  }
}
