// The plan editor's state and every change it makes: the plan's structure as last read, one change
// at a time, each sent with the version it was based on. After a change the structure is read
// again (numbers, versions and `hasWork` come from the server, never guessed). A stale version
// (409 VERSION_CONFLICT) raises `conflict`: the page says someone else just changed the plan and
// offers a reload; nothing is retried or overwritten behind the user's back. On an active plan a
// change without a form of its own (a move, a deletion, a renumbering) asks the amendment's reason.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  ErrorCode,
  type CreateMeasure,
  type EditorActionLine,
  type EditorMeasure,
  type Measure,
  type PlanStructure,
  type UpdateMeasure,
  type UpdatePlan,
  UpdateMeasureSchema,
} from '@apt/shared'
import { isApiError } from '../../services/api'
import { planEditorService, type PlanTransitionName } from '../../services/plan-editor'
import { useNoticesStore } from '../../stores/notices'
import { usePlansStore } from '../../stores/plans'
import type { DialogAnswer, DialogRequest } from './EditorDialog.vue'
import type { PlanFields } from './PlanFieldsForm.vue'
import type { ActionLineFields } from './ActionLineForm.vue'
import type { MeasureFields } from './MeasureForm.vue'
import type { MeasureTarget } from './reorder'

export type Ask = (request: DialogRequest) => Promise<DialogAnswer | null>

/** A measure's number and budget lines, which the API's PATCH may take (see `measureChangeLocks`). */
type MeasurePatch = UpdateMeasure & { number?: string; budget?: MeasureFields['budget'] }

/**
 * What a change to an existing measure cannot carry, read from the contract itself: the measure
 * PATCH (UpdateMeasure) takes neither the number nor budget lines today. The form shows those
 * fields without letting them be changed (the number changes by renumbering), and they become
 * editable as soon as the schema takes them.
 */
const updatable = new Set(Object.keys(UpdateMeasureSchema.properties))
export const measureChangeLocks = { number: !updatable.has('number'), budgetLines: !updatable.has('budget') }

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function usePlanEditor(planId: () => number, ask: Ask) {
  const { t } = useI18n()
  const notices = useNoticesStore()
  const plans = usePlansStore()

  const structure = ref<PlanStructure | null>(null)
  const loadError = ref<unknown>(null)
  const actionError = ref<unknown>(null)
  const conflict = ref(false)
  const busy = ref(false)
  /** Said by the page's live region after a move. */
  const announcement = ref('')

  const plan = computed(() => structure.value?.plan ?? null)
  const lines = computed<EditorActionLine[]>(() => structure.value?.actionLines ?? [])
  const canEdit = computed(() => plan.value?.abilities.edit === true)
  /** An active (approved) plan: every change amends it and needs a reason. */
  const needsReason = computed(() => plan.value?.state === 'active')

  async function load() {
    loadError.value = null
    try {
      structure.value = await planEditorService.structure(planId())
    } catch (e) {
      loadError.value = e
    }
  }

  /** Reads everything again after a conflict; the user sees the newest state before changing it. */
  async function reload() {
    conflict.value = false
    actionError.value = null
    await load()
    if (!loadError.value) notices.push('info', t('editor.reloaded'))
  }

  async function refreshPlanLists() {
    await plans.loadPlans(true).catch(() => undefined)
    if (plans.plan?.id === planId()) await plans.loadPlan(planId(), true).catch(() => undefined)
  }

  /** Runs one change: busy while it runs, then reads the structure again; false when it failed. */
  async function run(action: () => Promise<unknown>, success?: string, options: { reread?: boolean } = {}): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    actionError.value = null
    try {
      await action()
      if (success) notices.push('success', success)
      if (options.reread !== false) await load()
      return true
    } catch (e) {
      if (isApiError(e) && e.code === ErrorCode.versionConflict) conflict.value = true
      else actionError.value = e
      return false
    } finally {
      busy.value = false
    }
  }

  /** On an active plan, asks the amendment's reason (with what the change does); null when cancelled. */
  async function reasonFor(title: string, text: string[], confirmLabel: string): Promise<{ reason?: string } | null> {
    if (!needsReason.value) return {}
    const answer = await ask({ title, text: [...text, t('editor.reason.amends')], confirmLabel, reason: 'required' })
    return answer ? { reason: answer.reason } : null
  }

  // ---- the plan ----

  async function updatePlan(fields: PlanFields): Promise<boolean> {
    const p = plan.value
    if (!p) return false
    const patch: UpdatePlan = { version: p.version }
    if (fields.code !== p.code) patch.code = fields.code
    if (fields.title !== p.title) patch.title = fields.title
    if (!same(fields.period, p.period)) patch.period = fields.period
    if ((fields.approvedBy ?? null) !== p.approvedBy) patch.approvedBy = fields.approvedBy ?? null
    if (fields.coordinator !== p.coordinator) patch.coordinator = fields.coordinator
    if ((fields.reportDue ?? null) !== p.reportDue) patch.reportDue = fields.reportDue ?? null
    if ((fields.policyFramework ?? null) !== p.policyFramework) patch.policyFramework = fields.policyFramework ?? null
    if ((fields.goal ?? null) !== p.goal) patch.goal = fields.goal ?? null
    if (Object.keys(patch).length === 1) {
      notices.push('info', t('editor.nothingChanged'))
      return true
    }
    if (fields.reason) patch.reason = fields.reason
    const ok = await run(() => planEditorService.update(p.id, patch), t('editor.plan.saved'))
    if (ok) await refreshPlanLists()
    return ok
  }

  async function transition(name: PlanTransitionName): Promise<boolean> {
    const p = plan.value
    if (!p) return false
    const answer = await ask({
      title: t(`editor.life.${name}.confirmTitle`),
      text: [t(`editor.life.${name}.consequence`)],
      confirmLabel: t(`editor.life.${name}.action`),
      danger: name === 'close',
      reason: name === 'reopen' ? 'required' : name === 'close' ? 'optional' : 'none',
    })
    if (!answer) return false
    const ok = await run(
      () => planEditorService.transition(p.id, name, { version: p.version, ...(answer.reason ? { reason: answer.reason } : {}) }),
      t(`editor.life.${name}.done`),
    )
    if (ok) await refreshPlanLists()
    return ok
  }

  async function renumber(): Promise<boolean> {
    const p = plan.value
    if (!p) return false
    const answer = await ask({
      title: t('editor.renumber.confirmTitle'),
      text: [t('editor.renumber.consequence'), t('editor.renumber.order')],
      confirmLabel: t('editor.renumber.action'),
      reason: needsReason.value ? 'required' : 'none',
    })
    if (!answer) return false
    return run(
      async () => {
        structure.value = await planEditorService.renumber(p.id, {
          version: p.version,
          ...(answer.reason ? { reason: answer.reason } : {}),
        })
      },
      t('editor.renumber.done'),
      { reread: false },
    )
  }

  // ---- action lines ----

  async function createLine(fields: ActionLineFields): Promise<boolean> {
    const p = plan.value
    if (!p) return false
    return run(
      () =>
        planEditorService.createActionLine(p.id, {
          number: fields.number,
          title: fields.title,
          goal: fields.goal,
          planVersion: p.version,
          ...(fields.reason ? { reason: fields.reason } : {}),
        }),
      t('editor.line.created', { number: fields.number }),
    )
  }

  async function updateLine(line: EditorActionLine, fields: ActionLineFields): Promise<boolean> {
    const patch: Parameters<typeof planEditorService.updateActionLine>[1] = { version: line.version }
    if (fields.number !== line.number) patch.number = fields.number
    if (fields.title !== line.title) patch.title = fields.title
    if ((fields.goal ?? null) !== line.goal) patch.goal = fields.goal
    if (Object.keys(patch).length === 1) {
      notices.push('info', t('editor.nothingChanged'))
      return true
    }
    if (fields.reason) patch.reason = fields.reason
    return run(() => planEditorService.updateActionLine(line.id, patch), t('editor.line.saved', { number: fields.number }))
  }

  async function deleteLine(line: EditorActionLine): Promise<boolean> {
    const answer = await ask({
      title: t('editor.line.deleteTitle', { number: line.number }),
      text: [
        t('editor.line.deleteText', { number: line.number, title: line.title }),
        ...(line.measures.length ? [t('editor.line.deleteMeasures', line.measures.length)] : []),
      ],
      confirmLabel: t('editor.line.delete'),
      danger: true,
      reason: needsReason.value ? 'required' : 'none',
    })
    if (!answer) return false
    return run(
      () => planEditorService.deleteActionLine(line.id, { version: line.version, ...(answer.reason ? { reason: answer.reason } : {}) }),
      t('editor.line.deleted', { number: line.number }),
    )
  }

  async function moveLine(line: EditorActionLine, position: number): Promise<boolean> {
    const why = await reasonFor(
      t('editor.move.lineTitle', { number: line.number }),
      [t('editor.move.lineText', { number: line.number, place: position + 1 })],
      t('editor.move.confirm'),
    )
    if (!why) return false
    const ok = await run(() => planEditorService.updateActionLine(line.id, { version: line.version, position, ...why }))
    if (ok) announcement.value = t('editor.move.lineMoved', { number: line.number, place: position + 1, count: lines.value.length })
    return ok
  }

  // ---- measures ----

  async function createMeasure(line: EditorActionLine, fields: MeasureFields): Promise<boolean> {
    const p = plan.value
    if (!p) return false
    const body: CreateMeasure = {
      number: fields.number,
      sourceRef: fields.sourceRef,
      title: fields.title,
      responsible: fields.responsible,
      involved: fields.involved,
      deadline: fields.deadline,
      budget: fields.budget,
      expectedResult: fields.expectedResult,
      indicator: fields.indicator,
      planVersion: p.version,
      ...(fields.reason ? { reason: fields.reason } : {}),
    }
    return run(() => planEditorService.createMeasure(line.id, body), t('editor.measure.created', { number: fields.number }))
  }

  async function updateMeasure(measure: Measure, fields: MeasureFields): Promise<boolean> {
    const patch: MeasurePatch = { version: measure.version }
    if (fields.number !== measure.number && !measureChangeLocks.number) patch.number = fields.number
    if (fields.sourceRef !== measure.sourceRef) patch.sourceRef = fields.sourceRef
    if (fields.title !== measure.title) patch.title = fields.title
    if (!same(fields.responsible, measure.responsible)) patch.responsible = fields.responsible
    if (!same(fields.involved, measure.involved)) patch.involved = fields.involved
    if (!same(fields.deadline, measure.deadline)) patch.deadline = fields.deadline
    const before = measure.budget
    if (!measureChangeLocks.budgetLines && !same(fields.budget?.lines ?? [], before?.lines ?? [])) patch.budget = fields.budget
    else if ((fields.budget?.text ?? null) !== (before?.text ?? null)) patch.budgetText = fields.budget?.text ?? null
    if (fields.expectedResult !== measure.expectedResult) patch.expectedResult = fields.expectedResult
    if (fields.indicator !== measure.indicator) patch.indicator = fields.indicator
    if (Object.keys(patch).length === 1) {
      notices.push('info', t('editor.nothingChanged'))
      return true
    }
    if (fields.reason) patch.reason = fields.reason
    return run(
      () => planEditorService.updateMeasure(measure.id, patch as UpdateMeasure),
      t('editor.measure.saved', { number: fields.number }),
    )
  }

  async function deleteMeasure(measure: EditorMeasure): Promise<boolean> {
    const answer = await ask({
      title: t('editor.measure.deleteTitle', { number: measure.number }),
      text: [t('editor.measure.deleteText', { number: measure.number, title: measure.title })],
      confirmLabel: t('editor.measure.delete'),
      danger: true,
      reason: needsReason.value ? 'required' : 'none',
    })
    if (!answer) return false
    return run(
      () => planEditorService.deleteMeasure(measure.id, { version: measure.version, ...(answer.reason ? { reason: answer.reason } : {}) }),
      t('editor.measure.deleted', { number: measure.number }),
    )
  }

  async function excludeMeasure(measure: EditorMeasure): Promise<boolean> {
    const answer = await ask({
      title: t('editor.exclude.title', { number: measure.number }),
      text: [t('editor.exclude.consequence')],
      confirmLabel: t('editor.exclude.action'),
      exclusion: true,
      reason: needsReason.value ? 'required' : 'none',
    })
    if (!answer?.exclusion) return false
    return run(
      () =>
        planEditorService.excludeMeasure(measure.id, {
          version: measure.version,
          excluded: answer.exclusion!,
          ...(answer.reason ? { reason: answer.reason } : {}),
        }),
      t('editor.exclude.done', { number: measure.number }),
    )
  }

  async function restoreMeasure(measure: EditorMeasure): Promise<boolean> {
    const answer = await ask({
      title: t('editor.restore.title', { number: measure.number }),
      text: [t('editor.restore.consequence')],
      confirmLabel: t('editor.restore.action'),
      reason: needsReason.value ? 'required' : 'none',
    })
    if (!answer) return false
    return run(
      () =>
        planEditorService.excludeMeasure(measure.id, {
          version: measure.version,
          excluded: null,
          ...(answer.reason ? { reason: answer.reason } : {}),
        }),
      t('editor.restore.done', { number: measure.number }),
    )
  }

  async function moveMeasure(measure: EditorMeasure, target: MeasureTarget): Promise<boolean> {
    const line = lines.value.find((l) => l.id === target.actionLineId)
    if (!line) return false
    const why = await reasonFor(
      t('editor.move.measureTitle', { number: measure.number }),
      [t('editor.move.measureText', { number: measure.number, place: target.position + 1, line: line.number })],
      t('editor.move.confirm'),
    )
    if (!why) return false
    const ok = await run(() =>
      planEditorService.moveMeasure(measure.id, {
        version: measure.version,
        actionLineId: target.actionLineId,
        position: target.position,
        ...why,
      }),
    )
    if (ok) announcement.value = t('editor.move.measureMoved', { number: measure.number, place: target.position + 1, line: line.number })
    return ok
  }

  return {
    structure,
    plan,
    lines,
    canEdit,
    needsReason,
    loadError,
    actionError,
    conflict,
    busy,
    announcement,
    load,
    reload,
    updatePlan,
    transition,
    renumber,
    createLine,
    updateLine,
    deleteLine,
    moveLine,
    createMeasure,
    updateMeasure,
    deleteMeasure,
    excludeMeasure,
    restoreMeasure,
    moveMeasure,
  }
}

export type PlanEditor = ReturnType<typeof usePlanEditor>
