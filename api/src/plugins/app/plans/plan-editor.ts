// The plan editor: a plan created as a draft, its fields changed, moved through draft → active →
// closed (an admin may reopen), and its shape — action lines and measures added, changed, moved,
// excluded, removed, renumbered. Every change runs in one transaction with the plan row locked
// (changes of one plan take turns), moves the plan's version on when it changes the shape, keeps
// positions dense and writes an audit row with before, after and the reason. On an active plan each
// change is an amendment and states why; a closed plan is read-only (./plan-access.ts).
import type { FastifyInstance } from 'fastify'
import {
  alreadyExists,
  AppError,
  canCoordinateFrom,
  canCreatePlan,
  canManagePlan,
  canReopenPlan,
  type CreateActionLine,
  type CreateMeasure,
  type CreatePlan,
  type DeleteRecord,
  type EditorActionLine,
  ErrorCode,
  type ExcludeMeasure,
  fieldErrors,
  type Measure,
  measureAbilities,
  type MoveMeasure,
  type Plan,
  type PlanStructure,
  type PlanTransition,
  type RenumberPlan,
  type UpdateActionLine,
  type UpdatePlan,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { ActionLine as ActionLineRow, Plan as PlanRow } from '../../../db/schema/index.js'
import type { Actor } from '../auth/actor.js'
import { ensure, isUniqueViolation, versionConflict } from '../errors.js'
import { plainText, plainTextOrNull } from '../input.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { changeMeasureExclusion } from '../measures/measure-changes.js'
import { measureItemViews, measureRow, measureView, namePlanInstitutions, updateMeasureRow } from '../measures/measures-data.js'
import { ensureShapeable, ensureVisible, NOT_COORDINATOR, visiblePlanRow } from './plan-access.js'
import {
  actionLineNumberTaken,
  actionLineRow,
  bumpPlanVersion,
  continuedBy,
  deleteActionLineRow,
  deleteMeasureRow,
  findActionLine,
  insertActionLine,
  insertMeasure,
  insertPlan,
  lineNumbers,
  loadOrder,
  lockPlanRow,
  measureRowsByIds,
  measureNumberTaken,
  measuresWithWork,
  openRoundTitles,
  type PlanOrder,
  renumberRows,
  saveOrder,
  structureRows,
  updateActionLineRow,
  updatePlanRow,
} from './plan-editor-data.js'
import { planView, toPlan } from './plan-views.js'
import { planIdByCode } from './plans-data.js'

type Transition = 'activate' | 'close' | 'reopen'

/** Each transition: the state it leaves, the state it reaches, and how the refusal reads. */
const TRANSITIONS: Record<Transition, { from: PlanRow['state']; to: PlanRow['state']; verb: string }> = {
  activate: { from: 'draft', to: 'active', verb: 'activated' },
  close: { from: 'active', to: 'closed', verb: 'closed' },
  reopen: { from: 'closed', to: 'active', verb: 'reopened' },
}

/**
 * Deleting a measure that has submissions or progress would lose that work, and one a later plan
 * continues would break the link: 409 naming each, with the way out.
 */
async function refuseWork(executor: DbOrTx, items: { id: number; number: string }[]) {
  const ids = items.map((m) => m.id)
  const worked = await measuresWithWork(executor, ids)
  const continued = await continuedBy(executor, ids)
  const blocked = items.filter((m) => worked.has(m.id) || continued.has(m.id))
  if (!blocked.length) return
  const numbers = blocked.map((m) => m.number).join(', ')
  const continuedNote = blocked.some((m) => continued.has(m.id)) ? ' (or a later plan continues it)' : ''
  throw new AppError(
    ErrorCode.measureHasWork,
    `${blocked.length === 1 ? `Measure ${numbers} has` : `Measures ${numbers} have`} submissions or progress${continuedNote}: exclude ${blocked.length === 1 ? 'it' : 'them'} by an amendment instead of deleting`,
    { measures: blocked.map((m) => ({ id: m.id, number: m.number, hasWork: worked.has(m.id), continued: continued.has(m.id) })) },
  )
}

/** The 409s of taken unique values, naming what exists (the web says "Plāns ar kodu X jau ir"). */
const planCodeTaken = (code: string) =>
  alreadyExists({ entity: 'plan', field: '/code', value: code }, `A plan with code ${code} already exists`)
const lineNumberTaken = (number: string) =>
  alreadyExists({ entity: 'actionLine', field: '/number', value: number }, `Action line ${number} already exists in this plan`)
const measureNumberConflict = (number: string) =>
  alreadyExists({ entity: 'measure', field: '/number', value: number }, `Measure ${number} already exists in this plan`)

/** A unique index that refused a row written meanwhile by someone else reads as the 409 a pre-check gives. */
async function uniqueAsConflict<T>(work: Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict()
    throw error
  }
}

/** Institution codes to ids, all unknown ones reported at once (422, each with its JSON path). */
function checkPeriod(period: { start: string; end: string }) {
  if (period.end < period.start)
    throw fieldErrors(ErrorCode.validationFailed, [{ path: '/period/end', message: 'must not be before the start' }])
}

/** A 0-based place in a list of `length`, clamped to its end. */
const placeIn = (length: number, position: number | undefined) => Math.min(position ?? length, length)

/** Takes `id` out of the order wherever it is and puts it at `position` of `lineId`'s measures. */
function placeMeasure(order: PlanOrder, id: number, lineId: number, position: number | undefined) {
  for (const ids of order.measures.values()) {
    const at = ids.indexOf(id)
    if (at >= 0) ids.splice(at, 1)
  }
  const target = order.measures.get(lineId)!
  target.splice(placeIn(target.length, position), 0, id)
}

export function createPlanEditor(fastify: FastifyInstance) {
  const { db } = fastify
  const record = fastify.audit.record

  /** The plan locked for a change, if the actor may see it (404 naming `what` otherwise). */
  async function lockedPlan(tx: Tx, actor: Actor, planId: number, what = 'Plan') {
    return ensureVisible(actor, await lockPlanRow(tx, planId), what)
  }

  /** The action line with its plan locked, checked for a change of shape for `reason`. */
  async function lineForChange(tx: Tx, actor: Actor, id: number, reason: string | undefined) {
    const line = await actionLineRow(tx, id)
    const plan = await lockedPlan(tx, actor, line.planId, 'Action line')
    ensureShapeable(actor, plan, reason)
    return { line, plan }
  }

  /** The measure with its plan locked, checked for a change of shape for `reason` and at `version`. */
  async function measureForChange(tx: Tx, actor: Actor, id: number, version: number, reason: string | undefined) {
    const measure = await measureRow(tx, id)
    const plan = await lockedPlan(tx, actor, measure.planId, 'Measure')
    ensureShapeable(actor, plan, reason)
    if (measure.version !== version) throw versionConflict('Measure')
    return { measure, plan }
  }

  async function editorLine(executor: DbOrTx, line: ActionLineRow): Promise<EditorActionLine> {
    const structure = await readStructure(executor, line.planId)
    return structure.actionLines.find((l) => l.id === line.id)!
  }

  /** The plan's action lines and measures as the editor shows them. */
  async function readStructure(executor: DbOrTx, planId: number) {
    const rows = await structureRows(executor, planId)
    const tree = await InstitutionTree.load(executor)
    const responsible = new Map<number, string[]>()
    for (const link of rows.links)
      responsible.set(link.measureId, [...(responsible.get(link.measureId) ?? []), tree.codeOf(link.institutionId)!])
    const actionLines = rows.lines.map((line) => ({
      id: line.id,
      number: line.number,
      title: line.title,
      goal: line.goal,
      version: line.version,
      measures: rows.measures
        .filter((m) => m.actionLineId === line.id)
        .map((m) => ({
          id: m.id,
          number: m.number,
          title: m.title,
          responsible: responsible.get(m.id) ?? [],
          excluded: m.excludedAct !== null && m.excludedDate !== null ? { act: m.excludedAct, date: m.excludedDate } : null,
          hasWork: m.hasWork,
          version: m.version,
        })),
    }))
    return { rows, tree, actionLines }
  }

  async function structureOf(executor: DbOrTx, actor: Actor, plan: PlanRow): Promise<PlanStructure> {
    const { rows, tree, actionLines } = await readStructure(executor, plan.id)
    const lines = rows.lines.map((line, i) => ({ ...line, measureCount: actionLines[i]!.measures.length }))
    return { plan: toPlan(actor, plan, tree, lines), actionLines }
  }

  async function measureOf(executor: DbOrTx, actor: Actor, plan: PlanRow, id: number): Promise<Measure> {
    return { ...(await measureView(executor, id)), abilities: measureAbilities(actor, plan) }
  }

  /** Where a measure stands: its action line's number and its 0-based place there. */
  const placeOf = (order: PlanOrder, lines: Map<number, string>, lineId: number, id: number) => ({
    actionLine: lines.get(lineId) ?? null,
    position: order.measures.get(lineId)?.indexOf(id) ?? null,
  })

  return {
    /** A new plan, as a draft only its coordinators see. */
    async create(actor: Actor, input: CreatePlan): Promise<Plan> {
      ensure(canCreatePlan(actor), 'Your role may not create plans')
      checkPeriod(input.period)
      const conflict = () => planCodeTaken(input.code)
      return uniqueAsConflict(
        db.transaction(async (tx) => {
          const tree = await InstitutionTree.load(tx)
          const coordinatorId = tree.resolve([{ code: input.coordinator, path: '/coordinator' }]).get(input.coordinator)!
          ensure(canCoordinateFrom(actor, coordinatorId), 'A plan coordinator creates plans its own institution coordinates')
          if ((await planIdByCode(tx, input.code)) !== undefined) throw conflict()
          const row = await insertPlan(tx, {
            code: plainText(input.code),
            title: plainText(input.title),
            periodStart: input.period.start,
            periodEnd: input.period.end,
            approvedBy: plainTextOrNull(input.approvedBy),
            coordinatorId,
            reportDue: input.reportDue ?? null,
            policyFramework: plainTextOrNull(input.policyFramework),
            goal: plainTextOrNull(input.goal),
            state: 'draft',
          })
          // The document names its coordinator, so the export lists it first, as imported plans do.
          await namePlanInstitutions(tx, row.id, [coordinatorId])
          await record(tx, actor, { action: 'plan.create', entityType: 'plan', entityId: row.id, planId: row.id, after: row })
          return planView(tx, actor, row)
        }),
        conflict,
      )
    },

    /** The plan's own fields; on an active plan an amendment with a reason. */
    async update(actor: Actor, id: number, input: UpdatePlan): Promise<Plan> {
      const conflict = () => planCodeTaken(input.code ?? '')
      return uniqueAsConflict(
        db.transaction(async (tx) => {
          const before = await lockedPlan(tx, actor, id)
          ensureShapeable(actor, before, input.reason)
          if (before.version !== input.version) throw versionConflict('Plan')
          const changes: Partial<PlanRow> = {}
          if (input.code !== undefined && input.code !== before.code) {
            if ((await planIdByCode(tx, input.code)) !== undefined) throw conflict()
            changes.code = plainText(input.code)
          }
          if (input.title !== undefined) changes.title = plainText(input.title)
          if (input.period !== undefined) {
            checkPeriod(input.period)
            changes.periodStart = input.period.start
            changes.periodEnd = input.period.end
          }
          if (input.approvedBy !== undefined) changes.approvedBy = plainTextOrNull(input.approvedBy)
          if (input.reportDue !== undefined) changes.reportDue = input.reportDue
          if (input.policyFramework !== undefined) changes.policyFramework = plainTextOrNull(input.policyFramework)
          if (input.goal !== undefined) changes.goal = plainTextOrNull(input.goal)
          if (input.coordinator !== undefined) {
            const tree = await InstitutionTree.load(tx)
            const coordinatorId = tree.resolve([{ code: input.coordinator, path: '/coordinator' }]).get(input.coordinator)!
            if (coordinatorId !== before.coordinatorId) {
              ensure(canCoordinateFrom(actor, coordinatorId), 'A plan coordinator may name only its own institution as coordinator')
              changes.coordinatorId = coordinatorId
              await namePlanInstitutions(tx, id, [coordinatorId])
            }
          }
          const after = await updatePlanRow(tx, id, input.version, changes)
          if (!after) throw versionConflict('Plan')
          const fields = Object.keys(changes) as (keyof PlanRow)[]
          await record(tx, actor, {
            action: 'plan.update',
            entityType: 'plan',
            entityId: id,
            planId: id,
            before: { ...Object.fromEntries(fields.map((k) => [k, before[k]])), version: before.version },
            after: { ...Object.fromEntries(fields.map((k) => [k, after[k]])), version: after.version },
            reason: input.reason ?? null,
          })
          return planView(tx, actor, after)
        }),
        conflict,
      )
    },

    /** draft → active (approved), active → closed (reported), closed → active (admins, with a reason). */
    async transition(actor: Actor, id: number, step: Transition, input: PlanTransition): Promise<Plan> {
      const { from, to, verb } = TRANSITIONS[step]
      return db.transaction(async (tx) => {
        const before = await lockedPlan(tx, actor, id)
        if (step === 'reopen')
          ensure(canReopenPlan(actor, { ...before, state: 'closed' }), 'Only an administrator may reopen a closed plan')
        else ensure(canManagePlan(actor, before), NOT_COORDINATOR)
        if (before.state !== from)
          throw new AppError(ErrorCode.invalidTransition, `Only a ${from} plan can be ${verb}; this plan is ${before.state}`)
        if (before.version !== input.version) throw versionConflict('Plan')
        if (step === 'reopen' && !input.reason?.trim())
          throw new AppError(ErrorCode.reasonRequired, 'Reopening a closed plan needs a reason', {
            errors: [{ path: '/reason', message: 'is required to reopen a plan' }],
          })
        if (step === 'activate') {
          const { actionLines } = await readStructure(tx, id)
          const counted = actionLines.flatMap((l) => l.measures).filter((m) => m.excluded === null)
          if (!actionLines.length || !counted.length)
            throw new AppError(
              ErrorCode.invalidTransition,
              'A plan needs at least one action line and one measure (not excluded) before it is activated',
            )
        }
        if (step === 'close') {
          const open = await openRoundTitles(tx, id)
          if (open.length)
            throw new AppError(
              ErrorCode.invalidTransition,
              `Close the open reporting rounds first: ${open.map((t) => `“${t}”`).join(', ')}`,
            )
        }
        const after = await updatePlanRow(tx, id, input.version, { state: to })
        if (!after) throw versionConflict('Plan')
        await record(tx, actor, {
          action: `plan.${step}`,
          entityType: 'plan',
          entityId: id,
          planId: id,
          before: { state: before.state, version: before.version },
          after: { state: after.state, version: after.version },
          reason: input.reason ?? null,
        })
        return planView(tx, actor, after)
      })
    },

    /** Every action line with its measures, in order (404 for a draft the actor may not see). */
    async structure(actor: Actor, id: number): Promise<PlanStructure> {
      return structureOf(db, actor, await visiblePlanRow(db, actor, id))
    },

    /** Action lines become 1…n and measures L.1…L.k in their current order; source numbers stay. */
    async renumber(actor: Actor, id: number, input: RenumberPlan): Promise<PlanStructure> {
      return db.transaction(async (tx) => {
        const plan = await lockedPlan(tx, actor, id)
        ensureShapeable(actor, plan, input.reason)
        if (plan.version !== input.version) throw versionConflict('Plan')
        const { actionLines } = await readStructure(tx, id)
        const lines: { id: number; from: string; number: string }[] = []
        const measureNumbers: { id: number; from: string; number: string }[] = []
        actionLines.forEach((line, l) => {
          lines.push({ id: line.id, from: line.number, number: String(l + 1) })
          line.measures.forEach((m, k) => measureNumbers.push({ id: m.id, from: m.number, number: `${l + 1}.${k + 1}` }))
        })
        const changedLines = lines.filter((r) => r.from !== r.number)
        const changedMeasures = measureNumbers.filter((r) => r.from !== r.number)
        await renumberRows(tx, changedLines, changedMeasures)
        const after = await bumpPlanVersion(tx, id)
        await record(tx, actor, {
          action: 'plan.renumber',
          entityType: 'plan',
          entityId: id,
          planId: id,
          before: {
            version: plan.version,
            actionLines: changedLines.map((r) => ({ id: r.id, number: r.from })),
            measures: changedMeasures.map((r) => ({ id: r.id, number: r.from })),
          },
          after: {
            version: after.version,
            actionLines: changedLines.map((r) => ({ id: r.id, number: r.number })),
            measures: changedMeasures.map((r) => ({ id: r.id, number: r.number })),
          },
          reason: input.reason ?? null,
        })
        return structureOf(tx, actor, after)
      })
    },

    async createActionLine(actor: Actor, planId: number, input: CreateActionLine): Promise<EditorActionLine> {
      const number = plainText(input.number)
      const conflict = () => lineNumberTaken(number)
      return uniqueAsConflict(
        db.transaction(async (tx) => {
          const plan = await lockedPlan(tx, actor, planId)
          ensureShapeable(actor, plan, input.reason)
          if (plan.version !== input.planVersion) throw versionConflict('Plan')
          if (await actionLineNumberTaken(tx, planId, number)) throw conflict()
          const order = await loadOrder(tx, planId)
          const line = await insertActionLine(tx, {
            planId,
            number,
            title: plainText(input.title),
            goal: plainTextOrNull(input.goal),
            position: order.lines.length,
          })
          order.lines.splice(placeIn(order.lines.length, input.position), 0, line.id)
          order.measures.set(line.id, [])
          await saveOrder(tx, order)
          const after = await bumpPlanVersion(tx, planId)
          await record(tx, actor, {
            action: 'action-line.create',
            entityType: 'action_line',
            entityId: line.id,
            planId,
            before: { planVersion: plan.version },
            after: { ...line, position: order.lines.indexOf(line.id), planVersion: after.version },
            reason: input.reason ?? null,
          })
          return editorLine(tx, line)
        }),
        conflict,
      )
    },

    /** Its number, title, goal, and (`position`) its place among the plan's action lines. */
    async updateActionLine(actor: Actor, id: number, input: UpdateActionLine): Promise<EditorActionLine> {
      const number = input.number === undefined ? undefined : plainText(input.number)
      const conflict = () => lineNumberTaken(number ?? '')
      return uniqueAsConflict(
        db.transaction(async (tx) => {
          const { line: before, plan } = await lineForChange(tx, actor, id, input.reason)
          if (before.version !== input.version) throw versionConflict('Action line')
          const changes: Partial<ActionLineRow> = {}
          if (number !== undefined && number !== before.number) {
            if (await actionLineNumberTaken(tx, plan.id, number)) throw conflict()
            changes.number = number
          }
          if (input.title !== undefined) changes.title = plainText(input.title)
          if (input.goal !== undefined) changes.goal = plainTextOrNull(input.goal)
          const after = await updateActionLineRow(tx, id, input.version, changes)
          if (!after) throw versionConflict('Action line')
          const order = await loadOrder(tx, plan.id)
          const from = order.lines.indexOf(id)
          let to = from
          if (input.position !== undefined) {
            order.lines.splice(from, 1)
            to = placeIn(order.lines.length, input.position)
            order.lines.splice(to, 0, id)
            await saveOrder(tx, order)
          }
          // Numbers and places are the plan's shape: they move its version on; a title or goal does not.
          const reshaped = changes.number !== undefined || to !== from
          const planAfter = reshaped ? await bumpPlanVersion(tx, plan.id) : plan
          const fields = Object.keys(changes) as (keyof ActionLineRow)[]
          await record(tx, actor, {
            action: 'action-line.update',
            entityType: 'action_line',
            entityId: id,
            planId: plan.id,
            before: {
              ...Object.fromEntries(fields.map((k) => [k, before[k]])),
              position: from,
              version: before.version,
              planVersion: plan.version,
            },
            after: {
              ...Object.fromEntries(fields.map((k) => [k, after[k]])),
              position: to,
              version: after.version,
              planVersion: planAfter.version,
            },
            reason: input.reason ?? null,
          })
          return editorLine(tx, after)
        }),
        conflict,
      )
    },

    /** Removes the action line with its measures, unless one of them has work (409 naming them). */
    async deleteActionLine(actor: Actor, id: number, input: DeleteRecord): Promise<void> {
      await db.transaction(async (tx) => {
        const { line, plan } = await lineForChange(tx, actor, id, input.reason)
        if (line.version !== input.version) throw versionConflict('Action line')
        const order = await loadOrder(tx, plan.id)
        const ids = order.measures.get(id) ?? []
        const items = await measureItemViews(tx, await measureRowsByIds(tx, ids))
        await refuseWork(tx, items)
        if (!(await deleteActionLineRow(tx, id, input.version))) throw versionConflict('Action line')
        order.lines = order.lines.filter((l) => l !== id)
        order.measures.delete(id)
        await saveOrder(tx, order)
        const after = await bumpPlanVersion(tx, plan.id)
        await record(tx, actor, {
          action: 'action-line.delete',
          entityType: 'action_line',
          entityId: id,
          planId: plan.id,
          before: { ...line, measures: items, planVersion: plan.version },
          after: { planVersion: after.version },
          reason: input.reason ?? null,
        })
      })
    },

    /** A new measure in the action line, at `position` among its measures (at the end without one). */
    async createMeasure(actor: Actor, lineId: number, input: CreateMeasure): Promise<Measure> {
      const number = plainText(input.number)
      const conflict = () => measureNumberConflict(number)
      return uniqueAsConflict(
        db.transaction(async (tx) => {
          const { line, plan } = await lineForChange(tx, actor, lineId, input.reason)
          if (plan.version !== input.planVersion) throw versionConflict('Plan')
          if (await measureNumberTaken(tx, plan.id, number)) throw conflict()
          const tree = await InstitutionTree.load(tx)
          const budgetLines = input.budget?.lines ?? []
          const ids = tree.resolve([
            ...input.responsible.map((code, i) => ({ code, path: `/responsible/${i}` })),
            ...(input.involved ?? []).map((code, i) => ({ code, path: `/involved/${i}` })),
            ...budgetLines.flatMap((b, i) =>
              b.institution == null ? [] : [{ code: b.institution, path: `/budget/lines/${i}/institution` }],
            ),
          ])
          const responsible = input.responsible.map((c) => ids.get(c)!)
          const involved = (input.involved ?? []).map((c) => ids.get(c)!)
          const order = await loadOrder(tx, plan.id)
          const measure = await insertMeasure(tx, {
            values: {
              planId: plan.id,
              actionLineId: line.id,
              number,
              sourceRef: plainTextOrNull(input.sourceRef),
              title: plainText(input.title),
              deadlineText: input.deadline ? plainText(input.deadline.text) : null,
              deadlineDue: input.deadline?.due ?? null,
              hasBudget: input.budget != null,
              budgetText: plainTextOrNull(input.budget?.text),
              expectedResult: plainTextOrNull(input.expectedResult),
              indicator: plainTextOrNull(input.indicator),
              position: 0,
            },
            responsible,
            involved,
            budget: budgetLines.map((b) => ({
              amountEur: b.amountEur,
              source: b.source,
              institutionId: b.institution == null ? null : ids.get(b.institution)!,
              programme: plainTextOrNull(b.programme),
              year: b.year ?? null,
              granted: b.granted ?? null,
            })),
          })
          await namePlanInstitutions(tx, plan.id, [...responsible, ...involved])
          placeMeasure(order, measure.id, line.id, input.position)
          await saveOrder(tx, order)
          const after = await bumpPlanVersion(tx, plan.id)
          const view = await measureOf(tx, actor, after, measure.id)
          const { abilities: _abilities, ...snapshot } = view
          await record(tx, actor, {
            action: 'measure.create',
            entityType: 'measure',
            entityId: measure.id,
            planId: plan.id,
            before: { planVersion: plan.version },
            after: { ...snapshot, position: order.measures.get(line.id)!.indexOf(measure.id), planVersion: after.version },
            reason: input.reason ?? null,
          })
          return view
        }),
        conflict,
      )
    },

    /** To another action line of the same plan and/or another place among its measures. */
    async moveMeasure(actor: Actor, id: number, input: MoveMeasure): Promise<Measure> {
      return db.transaction(async (tx) => {
        const { measure, plan } = await measureForChange(tx, actor, id, input.version, input.reason)
        const target = await findActionLine(tx, input.actionLineId)
        if (!target || target.planId !== plan.id)
          throw fieldErrors(ErrorCode.invalidReference, [
            { path: '/actionLineId', message: 'is not an action line of this measure’s plan' },
          ])
        const order = await loadOrder(tx, plan.id)
        const numbers = await lineNumbers(tx, plan.id)
        const from = placeOf(order, numbers, measure.actionLineId, id)
        placeMeasure(order, id, target.id, input.position)
        const to = placeOf(order, numbers, target.id, id)
        await saveOrder(tx, order)
        // Its action line is the measure's own field: a second editor of the measure must reload.
        const updated = await updateMeasureRow(tx, id, input.version, { actionLineId: target.id })
        if (!updated) throw versionConflict('Measure')
        const after = await bumpPlanVersion(tx, plan.id)
        await record(tx, actor, {
          action: 'measure.move',
          entityType: 'measure',
          entityId: id,
          planId: plan.id,
          before: { ...from, version: measure.version, planVersion: plan.version },
          after: { ...to, version: updated.version, planVersion: after.version },
          reason: input.reason ?? null,
        })
        return measureOf(tx, actor, after, id)
      })
    },

    /** Marks the measure excluded by an amendment (kept, left out of counts), or with null takes that back. */
    async excludeMeasure(actor: Actor, id: number, input: ExcludeMeasure): Promise<Measure> {
      return db.transaction(async (tx) => {
        const { measure, plan } = await measureForChange(tx, actor, id, input.version, input.reason)
        const { planAfter, audit } = await changeMeasureExclusion(tx, measure, input.version, input.excluded, plan)
        await record(tx, actor, { ...audit, reason: input.reason ?? null })
        return measureOf(tx, actor, planAfter, id)
      })
    },

    /** Removes a measure that has no submissions or progress; one that has must be excluded instead. */
    async deleteMeasure(actor: Actor, id: number, input: DeleteRecord): Promise<void> {
      await db.transaction(async (tx) => {
        const { measure, plan } = await measureForChange(tx, actor, id, input.version, input.reason)
        await refuseWork(tx, [measure])
        const before = await measureView(tx, id)
        const order = await loadOrder(tx, plan.id)
        if (!(await deleteMeasureRow(tx, id, input.version))) throw versionConflict('Measure')
        order.measures.set(
          measure.actionLineId,
          order.measures.get(measure.actionLineId)!.filter((m) => m !== id),
        )
        await saveOrder(tx, order)
        const after = await bumpPlanVersion(tx, plan.id)
        await record(tx, actor, {
          action: 'measure.delete',
          entityType: 'measure',
          entityId: id,
          planId: plan.id,
          before: { ...before, planVersion: plan.version },
          after: { planVersion: after.version },
          reason: input.reason ?? null,
        })
      })
    },
  }
}

export type PlanEditor = ReturnType<typeof createPlanEditor>
