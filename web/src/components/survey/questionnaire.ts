// The questionnaire builder's model, kept apart from the screens so it can be tested: the editable
// draft (sections → questions → choices, each with a local key for Vue), its conversion from and to
// the format's sections, ids made from labels (stable: a choice or question keeps its id once saved;
// a new one follows its label until then), the scale presets, moves, and the problems to fix before
// saving (the shared `questionnaireErrors` plus what the format's schema demands: texts, two options).
import {
  QuestionType,
  questionnaireErrors,
  type SurveyChoice,
  type SurveyQuestion,
  type SurveySection,
  type QuestionType as QuestionTypeName,
} from '@apt/shared'

export const QUESTION_TYPE_ORDER: readonly QuestionTypeName[] = [
  QuestionType.yesNo,
  QuestionType.singleChoice,
  QuestionType.multipleChoice,
  QuestionType.scale,
  QuestionType.number,
  QuestionType.numberTable,
  QuestionType.text,
]

const CHOICE_TYPES: ReadonlySet<string> = new Set([QuestionType.singleChoice, QuestionType.multipleChoice, QuestionType.scale])
export const hasOptions = (type: QuestionTypeName) => CHOICE_TYPES.has(type)
export const hasOther = (type: QuestionTypeName) => type === QuestionType.singleChoice || type === QuestionType.multipleChoice

let nextKey = 1
const newKey = () => nextKey++

export interface DraftChoice {
  key: number
  id: string
  label: string
  /** Saved before: its id no longer follows its label. */
  fixed: boolean
}

export interface DraftQuestion {
  key: number
  id: string
  /** Saved before, or typed by hand: the id stays as it is. */
  idFixed: boolean
  number: string
  type: QuestionTypeName
  text: string
  help: string
  required: boolean
  options: DraftChoice[]
  otherOn: boolean
  otherLabel: string
  rows: DraftChoice[]
  columns: DraftChoice[]
  unit: string
  long: boolean
  /** The coding categories, kept as they are (they are edited on the coding screen). */
  categories: SurveyChoice[]
}

export interface DraftSection {
  key: number
  title: string
  description: string
  questions: DraftQuestion[]
}

// ---- ids ----

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/
export const isValidKey = (id: string) => KEY_PATTERN.test(id)

/**
 * A key from a label: Latvian letters without their marks, lower case, words joined by "_", at most
 * 32 characters (cut at a word), starting with a letter ("o_1" for "1"); unique among `taken` by a
 * numeric suffix.
 */
export function keyFromLabel(label: string, taken: Iterable<string> = [], prefix = 'o'): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let base = ''
  for (const word of words) {
    const next = base ? `${base}_${word}` : word
    if (next.length > 32) break
    base = next
  }
  if (!base && words[0]) base = words[0].slice(0, 32)
  if (!base) base = prefix
  else if (!/^[a-z]/.test(base)) base = `${prefix}_${base}`.slice(0, 32)
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`
    if (!used.has(candidate)) return candidate
  }
}

/** Gives every choice that is not fixed the id its label makes, unique in the list. */
export function refreshChoiceIds(choices: DraftChoice[], prefix = 'o') {
  const taken = new Set(choices.filter((c) => c.fixed).map((c) => c.id))
  for (const choice of choices) {
    if (choice.fixed) continue
    choice.id = keyFromLabel(choice.label, taken, prefix)
    taken.add(choice.id)
  }
}

export const allQuestions = (sections: readonly DraftSection[]) => sections.flatMap((s) => s.questions)

/** The next free "q<n>" of the questionnaire. */
export function nextQuestionId(sections: readonly DraftSection[]): string {
  const taken = new Set(allQuestions(sections).map((q) => q.id))
  let n = taken.size + 1
  while (taken.has(`q${n}`)) n++
  return `q${n}`
}

// ---- building ----

export function newChoice(label = '', fixed = false, id = ''): DraftChoice {
  return { key: newKey(), id, label, fixed }
}

/** The scale presets: ordered labels, weakest first. The labels are the questionnaire's (Latvian) text. */
export const SCALE_PRESETS = {
  fourPoint: ['VĀJI', 'DRĪZĀK VĀJI, NEKĀ LABI', 'DRĪZĀK LABI, NEKĀ VĀJI', 'LABI'],
  oneToFive: ['1', '2', '3', '4', '5'],
} as const
export type ScalePreset = keyof typeof SCALE_PRESETS

/** Ids a preset's labels get: readable ones for the four-point scale, s1…s5 for 1–5. */
const PRESET_IDS: Record<ScalePreset, readonly string[]> = {
  fourPoint: ['weak', 'rather_weak', 'rather_good', 'good'],
  oneToFive: ['s1', 's2', 's3', 's4', 's5'],
}

export function presetChoices(preset: ScalePreset): DraftChoice[] {
  return SCALE_PRESETS[preset].map((label, i) => newChoice(label, false, PRESET_IDS[preset][i]))
}

/** Applies a preset to a question's options, keeping the ids of options that are fixed. */
export function applyPreset(question: DraftQuestion, preset: ScalePreset) {
  const choices = presetChoices(preset)
  // A preset's own ids are stable: they do not follow the label.
  for (const c of choices) c.fixed = true
  question.options = choices
}

export function newQuestion(sections: readonly DraftSection[], type: QuestionTypeName = QuestionType.yesNo): DraftQuestion {
  const q: DraftQuestion = {
    key: newKey(),
    id: nextQuestionId(sections),
    idFixed: false,
    number: '',
    type,
    text: '',
    help: '',
    required: false,
    options: [],
    otherOn: false,
    otherLabel: '',
    rows: [],
    columns: [],
    unit: '',
    long: false,
    categories: [],
  }
  setType(q, type)
  return q
}

export function newSection(sections: readonly DraftSection[], title = ''): DraftSection {
  return { key: newKey(), title, description: '', questions: [newQuestion(sections)] }
}

/** Changes a question's type, giving it the parts the new type needs (and keeping what still fits). */
export function setType(q: DraftQuestion, type: QuestionTypeName) {
  // Options stay with the question while its type changes, so going back restores them.
  const hadOptions = q.options.length > 0
  q.type = type
  if (hasOptions(type)) {
    if (type === QuestionType.scale && (!hadOptions || q.options.every((o) => !o.label.trim()))) applyPreset(q, 'fourPoint')
    else if (!hadOptions || q.options.length < 2) q.options = [newChoice(), newChoice()]
  }
  if (!hasOther(type)) q.otherOn = false
  if (type === QuestionType.numberTable) {
    if (!q.rows.length) q.rows = [newChoice()]
    if (!q.columns.length) q.columns = [newChoice()]
  }
}

// ---- from and to the format ----

const fixedChoices = (list: readonly SurveyChoice[] | undefined) => (list ?? []).map((c) => newChoice(c.label, true, c.id))

export function toDraft(sections: readonly SurveySection[]): DraftSection[] {
  return sections.map((s) => ({
    key: newKey(),
    title: s.title,
    description: s.description ?? '',
    questions: s.questions.map((q) => ({
      key: newKey(),
      id: q.id,
      idFixed: true,
      number: q.number ?? '',
      type: q.type as QuestionTypeName,
      text: q.text,
      help: q.help ?? '',
      required: q.required ?? false,
      options: fixedChoices(q.options),
      otherOn: !!q.other,
      otherLabel: q.other?.label ?? '',
      rows: fixedChoices(q.rows),
      columns: fixedChoices(q.columns),
      unit: q.unit ?? '',
      long: q.long ?? false,
      categories: (q.categories ?? []).map((c) => ({ ...c })),
    })),
  }))
}

const choices = (list: readonly DraftChoice[]): SurveyChoice[] => list.map((c) => ({ id: c.id, label: c.label.trim() }))

/** The format's sections from the draft: only the parts each type has, empty optional texts left out. */
export function fromDraft(sections: readonly DraftSection[]): SurveySection[] {
  return sections.map((s) => {
    const section: SurveySection = { title: s.title.trim(), questions: [] }
    if (s.description.trim()) section.description = s.description.trim()
    section.questions = s.questions.map((d) => {
      const q: SurveyQuestion = { id: d.id, type: d.type, text: d.text.trim() }
      if (d.number.trim()) q.number = d.number.trim()
      if (d.help.trim()) q.help = d.help.trim()
      if (d.required) q.required = true
      if (hasOptions(d.type)) q.options = choices(d.options)
      if (hasOther(d.type) && d.otherOn) q.other = { label: d.otherLabel.trim() }
      if (d.type === QuestionType.numberTable) {
        q.rows = choices(d.rows)
        q.columns = choices(d.columns)
      }
      if ((d.type === QuestionType.number || d.type === QuestionType.numberTable) && d.unit.trim()) q.unit = d.unit.trim()
      if (d.type === QuestionType.text && d.long) q.long = true
      if (d.categories.length) q.categories = d.categories.map((c) => ({ ...c }))
      return q
    })
    return section
  })
}

/** Marks everything saved: ids no longer follow labels. */
export function fixIds(sections: DraftSection[]) {
  for (const q of allQuestions(sections)) {
    q.idFixed = true
    for (const list of [q.options, q.rows, q.columns]) for (const c of list) c.fixed = true
  }
}

// ---- moves ----

/** Moves an item one step within its list; false at the edge. */
export function step<T>(list: T[], index: number, direction: -1 | 1): boolean {
  const to = index + direction
  if (index < 0 || to < 0 || to >= list.length) return false
  const [item] = list.splice(index, 1)
  list.splice(to, 0, item!)
  return true
}

/**
 * Moves a question one step; at the edge of its section it steps into the neighbouring section
 * (at its end going up, at its start going down). Returns the question's new place, or null.
 */
export function stepQuestion(sections: DraftSection[], si: number, qi: number, direction: -1 | 1): { si: number; qi: number } | null {
  const section = sections[si]
  if (!section) return null
  const to = qi + direction
  if (to >= 0 && to < section.questions.length) {
    step(section.questions, qi, direction)
    return { si, qi: to }
  }
  const neighbour = sections[si + direction]
  if (!neighbour || section.questions.length <= 1) return null
  const [q] = section.questions.splice(qi, 1)
  if (direction < 0) {
    neighbour.questions.push(q!)
    return { si: si - 1, qi: neighbour.questions.length - 1 }
  }
  neighbour.questions.unshift(q!)
  return { si: si + 1, qi: 0 }
}

// ---- problems ----

export type ProblemKind =
  | 'sectionTitle'
  | 'sectionEmpty'
  | 'questionText'
  | 'questionId'
  | 'duplicateId'
  | 'optionsTooFew'
  | 'optionLabel'
  | 'otherLabel'
  | 'rowsMissing'
  | 'columnsMissing'
  | 'rowLabel'
  | 'columnLabel'
  | 'duplicateChoice'
  | 'noSections'
  | 'other'

export interface Problem {
  kind: ProblemKind
  /** Where: section index, question index (when it is about one question). */
  si: number | null
  qi: number | null
  /** The question's id, the choice's label or the message from the shared check. */
  detail?: string
}

/**
 * What stands in the way of saving, in the order of the questionnaire: the format's own rules
 * (non-empty texts and labels, two options, a section has questions, valid ids) and the shared
 * questionnaire check (unique ids; the parts each type needs).
 */
export function questionnaireProblems(sections: readonly DraftSection[]): Problem[] {
  const problems: Problem[] = []
  if (!sections.length) problems.push({ kind: 'noSections', si: null, qi: null })
  sections.forEach((s, si) => {
    if (!s.title.trim()) problems.push({ kind: 'sectionTitle', si, qi: null })
    if (!s.questions.length) problems.push({ kind: 'sectionEmpty', si, qi: null })
    s.questions.forEach((q, qi) => {
      const at = { si, qi }
      if (!q.text.trim()) problems.push({ kind: 'questionText', ...at })
      if (!isValidKey(q.id)) problems.push({ kind: 'questionId', ...at, detail: q.id })
      if (hasOptions(q.type)) {
        if (q.options.length < 2) problems.push({ kind: 'optionsTooFew', ...at })
        if (q.options.some((o) => !o.label.trim())) problems.push({ kind: 'optionLabel', ...at })
      }
      if (hasOther(q.type) && q.otherOn && !q.otherLabel.trim()) problems.push({ kind: 'otherLabel', ...at })
      if (q.type === QuestionType.numberTable) {
        if (!q.rows.length) problems.push({ kind: 'rowsMissing', ...at })
        if (!q.columns.length) problems.push({ kind: 'columnsMissing', ...at })
        if (q.rows.some((r) => !r.label.trim())) problems.push({ kind: 'rowLabel', ...at })
        if (q.columns.some((c) => !c.label.trim())) problems.push({ kind: 'columnLabel', ...at })
      }
    })
  })
  // The shared rules, on what would be sent; the schema-level gaps above are not repeated.
  const known = new Set(problems.map((p) => `${p.si}/${p.qi}`))
  for (const error of questionnaireErrors(fromDraft(sections))) {
    const m = /^\/sections\/(\d+)\/questions\/(\d+)(?:\/(\w+))?/.exec(error.path)
    const si = m ? Number(m[1]) : null
    const qi = m ? Number(m[2]) : null
    const part = m?.[3]
    const q = si !== null && qi !== null ? sections[si]?.questions[qi] : undefined
    if (error.message.startsWith('duplicate question id')) problems.push({ kind: 'duplicateId', si, qi, detail: q?.id })
    else if (error.message.startsWith('duplicate'))
      problems.push({ kind: 'duplicateChoice', si, qi, detail: /"(.*)"/.exec(error.message)?.[1] })
    else if (!known.has(`${si}/${qi}`) || (part !== 'options' && part !== 'rows' && part !== 'columns'))
      problems.push({ kind: 'other', si, qi, detail: `${error.path}: ${error.message}` })
  }
  return problems
}

/** A question's "Q" label for messages: its number, else its place ("2.3"). */
export const questionLabel = (sections: readonly DraftSection[], si: number, qi: number) =>
  sections[si]?.questions[qi]?.number.trim() || `${si + 1}.${qi + 1}`

/** A question's number and text as the questionnaire shows it: "1. Vai…", whether the number was written "1" or "1.". */
export function numberedText(q: { number?: string | null; text: string }): string {
  const n = q.number?.trim()
  if (!n) return q.text
  return `${n}${/[.)]$/.test(n) ? '' : '.'} ${q.text}`
}
