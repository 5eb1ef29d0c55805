// An import problem in words, Latvian first and English beside it: what is wrong (by its code) and
// where (by its location's steps). The web app's i18n module (web/src/i18n/import.lv.ts) takes these
// tables as they are, and the API words each problem's Latvian `message` with the same ones, so a
// problem reads the same in the browser, in the API's answer and in a log. `{name}` is a parameter
// (vue-i18n's syntax, so no { } @ $ | appear literally).
import type { ImportProblemCode, ProblemParams, ProblemStep, ProblemStepKind } from './schemas/import-problems.js'
import { actionLineNumeral } from './roman.js'

export type ImportWordingLocale = 'lv' | 'en'

export interface ImportProblemWording {
  /** What is wrong, by code. */
  problem: Record<ImportProblemCode, string>
  /** A step of the place: `{number}` numbered ("2.5. pasākums"), the `…Named` form for a code or id ("pasākums „x”"). */
  step: Record<ProblemStepKind | `${ProblemStepKind}Named` | `choice_${ChoiceList}` | `choice_${ChoiceList}Named`, string>
  /** A field's name, by its key with dots as underscores ("deadline_due"). */
  field: Record<string, string>
}

type ChoiceList = 'options' | 'rows' | 'columns' | 'categories'

const lv: ImportProblemWording = {
  problem: {
    required: 'nav aizpildīts — tas ir obligāts',
    too_long: 'garāks par {limit} zīmēm',
    too_short: 'īsāks par {limit} zīmēm',
    too_many: 'vairāk par {limit} vienībām',
    too_few: 'jābūt vismaz {limit} vienībām',
    too_small: 'jābūt vismaz {limit}',
    too_large: 'jābūt ne vairāk kā {limit}',
    format_date: 'datumam jābūt formā GGGG-MM-DD',
    format_datetime: 'laikam jābūt formā GGGG-MM-DDTHH:MM:SSZ',
    format: 'neatbilst formātam',
    expect_text: 'jābūt tekstam',
    expect_number: 'jābūt skaitlim',
    expect_integer: 'jābūt veselam skaitlim',
    expect_boolean: 'jābūt „true” vai „false”',
    expect_list: 'jābūt sarakstam',
    expect_object: 'jābūt objektam ar laukiem',
    one_of: 'jābūt vienai no vērtībām: {allowed}',
    not_allowed: 'lauks „{name}” šajā formātā nav paredzēts',
    repeated_value: 'sarakstā vērtība atkārtojas',
    nul_character: 'tekstā ir neatļauta rakstzīme (NUL); izdzēsiet to',
    invalid: 'nav derīgs ({detail})',
    duplicate_number: 'numurs „{value}” atkārtojas; katram jābūt savam numuram',
    duplicate_code: 'kods „{value}” atkārtojas',
    duplicate_id: 'identifikators „{value}” atkārtojas',
    duplicate_institution: 'institūcija „{value}” norādīta divreiz',
    end_before_start: 'perioda beigas ir pirms sākuma',
    due_before_opens: 'termiņš ir pirms aptaujas sākuma',
    unknown_institution: 'nezināma institūcija „{code}”',
    cycle: 'institūcija „{code}” caur augstākajām institūcijām kļūst pati sev augstākā',
    unknown_plan: 'nav plāna ar kodu „{code}”',
    unknown_measure: 'plānā „{plan}” nav pasākuma „{measure}”',
    code_taken: 'kods „{code}” jau ir aizņemts: norādiet citu',
    institution_not_allowed: 'institūcijas „{code}” reģistrā vēl nav; jaunu institūciju var pievienot tikai administrators',
    coordinator_not_allowed: 'jūs varat importēt tikai to, ko koordinē jūsu iestāde; „{code}” nav jūsu',
    plan_not_managed: 'aptauju ar plānu „{code}” var sasaistīt tikai šī plāna koordinatori',
    part_required: 'šim jautājuma veidam tas ir obligāts',
    part_not_allowed: 'šim jautājuma veidam tas nav paredzēts',
    unknown_question: '„{value}” nav šīs aptaujas jautājums',
    unknown_option: '„{value}” nav šī jautājuma atbilžu variants',
    unknown_row: '„{value}” nav šīs tabulas rinda',
    unknown_column: '„{value}” nav šīs tabulas kolonna',
    unknown_category: '„{value}” nav šī jautājuma kategorija',
    expect_option: 'jābūt viena atbilžu varianta identifikatoram',
    expect_options: 'jābūt atbilžu variantu identifikatoru sarakstam',
    expect_table: 'jābūt tabulai: rinda → kolonna → skaitlis',
    other_not_allowed: 'atbilde „cits” ir paredzēta tikai izvēles jautājumiem',
    no_other_choice: 'šim jautājumam nav varianta „cits”',
    duplicate_response: 'iestādei „{value}” ir otra atbilde; katrai iestādei ir viena',
    not_in_audience: '„{value}” nav aptaujas adresātu sarakstā',
    file: '{text}',
  },
  step: {
    plan: 'plāns',
    planNamed: 'plāns „{number}”',
    survey: 'aptauja',
    surveyNamed: 'aptauja „{number}”',
    institution: '{number}. iestāde',
    institutionNamed: 'iestāde „{number}”',
    actionLine: '{number} rīcības virziens',
    actionLineNamed: 'rīcības virziens „{number}”',
    measure: '{number}. pasākums',
    measureNamed: 'pasākums „{number}”',
    budgetLine: '{number}. finansējuma rinda',
    budgetLineNamed: 'finansējuma rinda „{number}”',
    progress: '{number}. izpildes gaitas ieraksts',
    progressNamed: 'izpildes gaitas ieraksts „{number}”',
    section: '{number}. sadaļa',
    sectionNamed: 'sadaļa „{number}”',
    question: '{number}. jautājums',
    questionNamed: 'jautājums „{number}”',
    choice: '{number}. vienība',
    choiceNamed: 'vienība „{number}”',
    choice_options: '{number}. atbilžu variants',
    choice_optionsNamed: 'atbilžu variants „{number}”',
    choice_rows: '{number}. rinda',
    choice_rowsNamed: 'rinda „{number}”',
    choice_columns: '{number}. kolonna',
    choice_columnsNamed: 'kolonna „{number}”',
    choice_categories: '{number}. kategorija',
    choice_categoriesNamed: 'kategorija „{number}”',
    response: '{number}. atbilde',
    responseNamed: 'atbilde no „{number}”',
    answer: '{number}. atbilde',
    answerNamed: 'atbilde „{number}”',
    sheet: 'lapa {number}',
    sheetNamed: 'lapa „{number}”',
    row: '{number}. rinda',
    rowNamed: 'rinda „{number}”',
    item: '{number}. vienība',
    itemNamed: 'vienība „{number}”',
    field: '{number}',
    fieldNamed: '{number}',
  },
  field: {
    format: 'Formāts',
    institutions: 'Iestāžu saraksts',
    plan: 'Saistītais plāns',
    plan_code: 'Plāna kods',
    plan_measure: 'Pasākums plānā',
    plan_title: 'Plāna nosaukums',
    plan_period: 'Plāna periods',
    plan_coordinator: 'Koordinējošā institūcija',
    mapping: 'Institūciju kartējums',
    code: 'Kods',
    name: 'Nosaukums',
    abbreviation: 'Saīsinājums',
    kind: 'Veids',
    parent: 'Augstākā institūcija',
    title: 'Nosaukums',
    period: 'Periods',
    period_start: 'Perioda sākums',
    period_end: 'Perioda beigas',
    approvedBy: 'Apstiprināts ar',
    coordinator: 'Koordinējošā institūcija',
    reportDue: 'Ziņojuma iesniegšanas termiņš',
    policyFramework: 'Politikas plānošanas dokuments',
    goal: 'Mērķis',
    actionLines: 'Rīcības virzieni',
    actionLine_title: 'Rīcības virziena nosaukums',
    number: 'Numurs',
    measures: 'Pasākumi',
    sourceRef: 'Numurs avotā',
    responsible: 'Atbildīgā institūcija',
    involved: 'Līdzatbildīgās institūcijas',
    deadline: 'Izpildes termiņš',
    deadline_text: 'Izpildes termiņš (teksts)',
    deadline_due: 'Izpildes termiņš',
    budget: 'Finansējums',
    budget_text: 'Finansējums (teksts)',
    budget_lines: 'Finansējuma rindas',
    budget_lines_institution: 'Finansējuma saņēmējs',
    amountEur: 'Summa (EUR)',
    source: 'Finansējuma avots',
    institution: 'Institūcija',
    programme: 'Programma',
    year: 'Gads',
    granted: 'Piešķirts',
    expectedResult: 'Darbības rezultāts',
    indicator: 'Rezultatīvais rādītājs',
    status: 'Izpildes statuss',
    assessment: 'Izpildes novērtējums',
    progress: 'Izpildes gaita',
    progress_institution: 'Izpildes gaitas institūcija',
    text: 'Teksts',
    excluded: 'Izslēgšana no plāna',
    excluded_act: 'Izslēgšanas akts',
    excluded_date: 'Izslēgšanas datums',
    description: 'Apraksts',
    opens: 'Sākuma datums',
    dueDate: 'Termiņš',
    audience: 'Adresāti',
    sections: 'Sadaļas',
    questions: 'Jautājumi',
    id: 'Identifikators',
    type: 'Jautājuma veids',
    help: 'Paskaidrojums',
    required: 'Obligāts',
    options: 'Atbilžu varianti',
    other: 'Cits',
    other_label: 'Varianta „cits” teksts',
    rows: 'Rindas',
    columns: 'Kolonnas',
    unit: 'Mērvienība',
    long: 'Garš teksts',
    categories: 'Kategorijas',
    label: 'Teksts',
    state: 'Stāvoklis',
    submittedAt: 'Iesniegšanas laiks',
    answers: 'Atbildes',
    value: 'Atbilde',
    codes: 'Kodējums',
  },
}

const en: ImportProblemWording = {
  problem: {
    required: 'is missing — it is required',
    too_long: 'is longer than {limit} characters',
    too_short: 'is shorter than {limit} characters',
    too_many: 'has more than {limit} items',
    too_few: 'must have at least {limit} items',
    too_small: 'must be at least {limit}',
    too_large: 'must be at most {limit}',
    format_date: 'the date must be written as YYYY-MM-DD',
    format_datetime: 'the time must be written as YYYY-MM-DDTHH:MM:SSZ',
    format: 'is not in the expected format',
    expect_text: 'must be text',
    expect_number: 'must be a number',
    expect_integer: 'must be a whole number',
    expect_boolean: 'must be “true” or “false”',
    expect_list: 'must be a list',
    expect_object: 'must be an object with fields',
    one_of: 'must be one of: {allowed}',
    not_allowed: 'the field “{name}” is not part of the format',
    repeated_value: 'a value is repeated in the list',
    nul_character: 'the text has a character that is not allowed (NUL); delete it',
    invalid: 'is not valid ({detail})',
    duplicate_number: 'the number “{value}” is used twice; each needs its own',
    duplicate_code: 'the code “{value}” is used twice',
    duplicate_id: 'the id “{value}” is used twice',
    duplicate_institution: 'the institution “{value}” is named twice',
    end_before_start: 'the period ends before it starts',
    due_before_opens: 'the due date is before the survey opens',
    unknown_institution: 'unknown institution “{code}”',
    cycle: 'the institution “{code}” becomes its own parent through its parents',
    unknown_plan: 'there is no plan with the code “{code}”',
    unknown_measure: 'the plan “{plan}” has no measure “{measure}”',
    code_taken: 'the code “{code}” is taken: choose another',
    institution_not_allowed: 'the institution “{code}” is not registered yet; only an administrator may add new institutions',
    coordinator_not_allowed: 'you may import only what your institution coordinates; “{code}” is not yours',
    plan_not_managed: 'only the coordinators of the plan “{code}” may link a survey to it',
    part_required: 'this kind of question needs it',
    part_not_allowed: 'this kind of question does not have it',
    unknown_question: '“{value}” is not a question of this survey',
    unknown_option: '“{value}” is not an option of this question',
    unknown_row: '“{value}” is not a row of this table',
    unknown_column: '“{value}” is not a column of this table',
    unknown_category: '“{value}” is not a category of this question',
    expect_option: 'must be the id of one option',
    expect_options: 'must be a list of option ids',
    expect_table: 'must be a table: row → column → number',
    other_not_allowed: 'an “other” answer is only for choice questions',
    no_other_choice: 'this question has no “other” choice',
    duplicate_response: 'the institution “{value}” has a second response; each has one',
    not_in_audience: '“{value}” is not in the survey’s audience',
    file: '{text}',
  },
  step: {
    plan: 'plan',
    planNamed: 'plan “{number}”',
    survey: 'survey',
    surveyNamed: 'survey “{number}”',
    institution: 'institution {number}',
    institutionNamed: 'institution “{number}”',
    actionLine: 'action line {number}',
    actionLineNamed: 'action line “{number}”',
    measure: 'measure {number}',
    measureNamed: 'measure “{number}”',
    budgetLine: 'budget line {number}',
    budgetLineNamed: 'budget line “{number}”',
    progress: 'progress entry {number}',
    progressNamed: 'progress entry “{number}”',
    section: 'section {number}',
    sectionNamed: 'section “{number}”',
    question: 'question {number}',
    questionNamed: 'question “{number}”',
    choice: 'item {number}',
    choiceNamed: 'item “{number}”',
    choice_options: 'option {number}',
    choice_optionsNamed: 'option “{number}”',
    choice_rows: 'row {number}',
    choice_rowsNamed: 'row “{number}”',
    choice_columns: 'column {number}',
    choice_columnsNamed: 'column “{number}”',
    choice_categories: 'category {number}',
    choice_categoriesNamed: 'category “{number}”',
    response: 'response {number}',
    responseNamed: 'response of “{number}”',
    answer: 'answer {number}',
    answerNamed: 'answer “{number}”',
    sheet: 'sheet {number}',
    sheetNamed: 'sheet “{number}”',
    row: 'row {number}',
    rowNamed: 'row “{number}”',
    item: 'item {number}',
    itemNamed: 'item “{number}”',
    field: '{number}',
    fieldNamed: '{number}',
  },
  field: {
    format: 'Format',
    institutions: 'List of institutions',
    plan: 'Linked plan',
    plan_code: 'Plan code',
    plan_measure: 'Measure in the plan',
    plan_title: 'Plan title',
    plan_period: 'Plan period',
    plan_coordinator: 'Coordinating institution',
    mapping: 'Institution mapping',
    code: 'Code',
    name: 'Name',
    abbreviation: 'Abbreviation',
    kind: 'Kind',
    parent: 'Parent institution',
    title: 'Title',
    period: 'Period',
    period_start: 'Period start',
    period_end: 'Period end',
    approvedBy: 'Approved by',
    coordinator: 'Coordinating institution',
    reportDue: 'Report due',
    policyFramework: 'Policy planning document',
    goal: 'Goal',
    actionLines: 'Action lines',
    actionLine_title: 'Action line title',
    number: 'Number',
    measures: 'Measures',
    sourceRef: 'Number in the source',
    responsible: 'Responsible institution',
    involved: 'Co-responsible institutions',
    deadline: 'Deadline',
    deadline_text: 'Deadline (text)',
    deadline_due: 'Deadline',
    budget: 'Funding',
    budget_text: 'Funding (text)',
    budget_lines: 'Funding lines',
    budget_lines_institution: 'Funding recipient',
    amountEur: 'Amount (EUR)',
    source: 'Funding source',
    institution: 'Institution',
    programme: 'Programme',
    year: 'Year',
    granted: 'Granted',
    expectedResult: 'Expected result',
    indicator: 'Performance indicator',
    status: 'Status',
    assessment: 'Assessment',
    progress: 'Progress',
    progress_institution: 'Progress institution',
    text: 'Text',
    excluded: 'Exclusion from the plan',
    excluded_act: 'Excluding act',
    excluded_date: 'Exclusion date',
    description: 'Description',
    opens: 'Opens',
    dueDate: 'Due date',
    audience: 'Audience',
    sections: 'Sections',
    questions: 'Questions',
    id: 'Id',
    type: 'Question type',
    help: 'Help text',
    required: 'Required',
    options: 'Options',
    other: 'Other',
    other_label: 'Label of “other”',
    rows: 'Rows',
    columns: 'Columns',
    unit: 'Unit',
    long: 'Long text',
    categories: 'Categories',
    label: 'Label',
    state: 'State',
    submittedAt: 'Submitted at',
    answers: 'Answers',
    value: 'Answer',
    codes: 'Coding',
  },
}

export const IMPORT_PROBLEM_WORDING: Record<ImportWordingLocale, ImportProblemWording> = { lv, en }

/** Fills `{name}` parameters. */
export function fillParams(template: string, params: Readonly<ProblemParams>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole))
}

const NUMBERED = /^\d+(\.\d+)*\.?$/

/**
 * The wording key and parameters of one step: a numbered one by its number without a closing dot
 * (Latvian wording adds it: "2.5. pasākums", English does not: "measure 2.5"), an action line's as
 * its numeral ("2" → "II"); a code or id by its `…Named` form, in quotes.
 */
export function stepWording(step: ProblemStep): { key: string; params: { number: string } } {
  const base = step.kind === 'choice' && step.key ? `choice_${step.key}` : step.kind
  const number = step.number ?? ''
  if (step.kind === 'field' || !number) return { key: base, params: { number } }
  if (!NUMBERED.test(number)) return { key: `${base}Named`, params: { number } }
  const bare = number.replace(/\.$/, '')
  return { key: base, params: { number: step.kind === 'actionLine' ? actionLineNumeral(bare) : bare } }
}

/** The wording key of a field step: its dotted key with underscores. */
export const fieldWordingKey = (key: string) => key.replace(/\./g, '_')

/** One step in words: a field by its name (the file's column header when given), anything else by its number. */
export function describeStep(step: ProblemStep, wording: ImportProblemWording): string {
  if (step.kind === 'field') return step.label ?? wording.field[fieldWordingKey(step.key ?? '')] ?? step.key ?? ''
  const { key, params } = stepWording(step)
  const text = fillParams(wording.step[key as keyof ImportProblemWording['step']] ?? key, params)
  return step.label ? `${text} „${step.label}”` : text
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('lv') + text.slice(1)

/** The place in words, outermost first: "II rīcības virziens → 2.5. pasākums → Izpildes termiņš". */
export function describeLocation(location: readonly ProblemStep[], wording: ImportProblemWording): string {
  return capitalise(location.map((s) => describeStep(s, wording)).join(' → '))
}

/** What is wrong in words; a code this build does not know says nothing (the caller falls back to the API's message). */
export function describeProblem(problem: { code: string; params: Readonly<ProblemParams> }, wording: ImportProblemWording): string | null {
  const template = (wording.problem as Record<string, string>)[problem.code]
  return template === undefined ? null : fillParams(template, problem.params)
}

/** The whole problem in one sentence: "II rīcības virziens → 2.5. pasākums → Izpildes termiņš: datumam jābūt formā GGGG-MM-DD". */
export function describeImportProblem(
  problem: { code: string; params: Readonly<ProblemParams>; location: readonly ProblemStep[] },
  locale: ImportWordingLocale = 'lv',
): string {
  const wording = IMPORT_PROBLEM_WORDING[locale]
  const what = describeProblem(problem, wording) ?? problem.code
  return problem.location.length ? `${describeLocation(problem.location, wording)}: ${what}` : capitalise(what)
}
