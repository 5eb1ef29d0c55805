// The generated Latvian sentences about a survey's results, worded after the seed reports: the
// response rate as seed 001 writes it ("No 43 Latvijas pašvaldībām atbildes uz anketas
// jautājumiem iesūtīja 38 pašvaldības, kas ir 88% no visām pašvaldībām. Piecas pašvaldības …
// neiesūtīja."), and per question its figures as seed 000 states them: "Lielākā daļa pašvaldību
// (36 no 38) norādījušas …", small groups with their members named in parentheses, a scale from
// its weak end to its good end, coded reasons as a list with counts ("… (13) (Skrīveri; Ādaži; …)").
// Figures in, finished sentences out; the survey's report and the plan report's chapter lay them out.
import {
  isAnswered,
  questionsOf,
  type DocInstitution,
  type QuestionResult,
  type SurveyDocument,
  type SurveyQuestion,
  type SurveyResults,
} from '@apt/shared'
import { joinList } from './sentences.js'
import {
  INSTITUTION_NOUN,
  MUNICIPALITY_NOUN,
  agree,
  capitalize,
  countOf,
  formatLatvianDate,
  formatNumber,
  formatPercent,
  takesSingular,
  type Noun,
} from './latvian.js'
import { toParagraphs } from './text.js'

/** How a survey's texts speak of its respondents. */
export interface SurveyWording {
  /** "pašvaldība" when everyone asked is a municipality, otherwise "institūcija". */
  noun: Noun
  /** Institution names by code, for naming the members of small groups. */
  names: ReadonlyMap<string, string>
  /** Groups of at most this many respondents are named in parentheses; 0 names none. */
  nameUpTo: number
  /** List the free-text answers themselves (the survey's own report) or only their figures (the plan report). */
  listTexts: boolean
}

/** A paragraph of generated text, plain or a bullet of a list. */
export interface TextBlock {
  text: string
  bullet: boolean
}

export const DEFAULT_NAME_UP_TO = 10

const YES_NO_LABELS: Record<string, string> = { yes: 'Jā', no: 'Nē' }

/** "pašvaldība" when the whole audience is municipalities, else "institūcija". */
export function respondentNoun(doc: SurveyDocument): Noun {
  const kinds = new Map(doc.institutions.map((institution) => [institution.code, institution.kind]))
  return doc.survey.audience.every((code) => kinds.get(code) === 'municipality') ? MUNICIPALITY_NOUN : INSTITUTION_NOUN
}

export function surveyWording(doc: SurveyDocument, options: { nameUpTo: number; listTexts: boolean }): SurveyWording {
  return {
    noun: respondentNoun(doc),
    names: new Map(doc.institutions.map((institution: DocInstitution) => [institution.code, institution.name])),
    nameUpTo: options.nameUpTo,
    listTexts: options.listTexts,
  }
}

/** A question's label for headings and captions: "1. Vai …?" (its number, when it has one, then its text). */
export function questionTitle(question: Pick<SurveyQuestion, 'number' | 'text'>): string {
  const text = toParagraphs(question.text).join(' ')
  const number = question.number?.trim()
  if (!number) return text
  return `${number.endsWith('.') ? number : `${number}.`} ${text}`
}

/** "1." → "1. jautājums" as a caption cites it: "Atbildes uz 1. jautājumu"; a question without a number by its text. */
export function questionReference(question: Pick<SurveyQuestion, 'number' | 'text'>): string {
  const number = question.number?.trim()
  if (!number) return `jautājumu „${toParagraphs(question.text).join(' ')}”`
  return `${number.endsWith('.') ? number : `${number}.`} jautājumu`
}

/** The labels of an option-like list by id, in the question's order. */
export function optionLabels(question: SurveyQuestion): { id: string; label: string }[] {
  if (question.type === 'yes_no') return [YES_NO_LABELS.yes, YES_NO_LABELS.no].map((label, i) => ({ id: i === 0 ? 'yes' : 'no', label }))
  return (question.options ?? []).map((option) => ({ id: option.id, label: option.label }))
}

// ——— counts and names ———

function namesOf(codes: readonly string[], wording: SurveyWording): string[] {
  return codes.map((code) => wording.names.get(code) ?? code).sort((a, b) => a.localeCompare(b, 'lv'))
}

/** " (Alūksnes novads, Krāslavas novads)" when the group is small enough to name, else "". */
function named(codes: readonly string[], wording: SurveyWording, separator = ', '): string {
  if (codes.length === 0 || codes.length > wording.nameUpTo) return ''
  return ` (${namesOf(codes, wording).join(separator)})`
}

/** "4 pašvaldības (A, B, C, D)", "24 pašvaldības", "Viena pašvaldība (A)" at a sentence's start. */
function group(codes: readonly string[], count: number, wording: SurveyWording, initial = false): string {
  return `${countOf(count, wording.noun, 'nom', { initial })}${named(codes, wording)}`
}

/** A subject and whether its verb is singular. */
interface Subject {
  text: string
  singular: boolean
}

/**
 * How many of those who answered, as the seed words it: "Visas pašvaldības (36)", "Lielākā daļa
 * pašvaldību (36 no 38)", "Puse pašvaldību (18 no 36)", "Mazāk nekā puse pašvaldību (36 no 86)";
 * a group small enough to name is counted and named instead: "Viena pašvaldība (Dobeles novads)".
 */
function quantified(count: number, answered: number, codes: readonly string[], wording: SurveyWording): Subject {
  const { noun } = wording
  if (count === answered && answered > 1) return { text: `Visas ${noun.plural.nom} (${answered})`, singular: false }
  if (count <= wording.nameUpTo || answered <= 1) {
    return { text: group(codes, count, wording, true), singular: takesSingular(count) }
  }
  const share = `(${count} no ${answered})`
  if (count * 2 > answered) return { text: `Lielākā daļa ${noun.plural.gen} ${share}`, singular: false }
  if (count * 2 === answered) return { text: `Puse ${noun.plural.gen} ${share}`, singular: false }
  return { text: `Mazāk nekā puse ${noun.plural.gen} ${share}`, singular: false }
}

/** "norādījusi" / "norādījušas": the reporting participle agreeing with a feminine subject. */
const participle = (singular: boolean, stem: 'norādīj' | 'atbildēj' | 'minēj') => `${stem}${singular ? 'usi' : 'ušas'}`

/** „label” with Latvian quotation marks; line breaks in a label become spaces. */
const quoted = (label: string) => `„${toParagraphs(label).join(' ')}”`

/** "a, b, c, savukārt d": the seed's way of setting the last group against the others. */
function contrastList(clauses: readonly string[]): string {
  if (clauses.length <= 1) return clauses.join('')
  return `${clauses.slice(0, -1).join(', ')}, savukārt ${clauses[clauses.length - 1]}`
}

// ——— the response rate ———

export interface ResponseRateOptions {
  /** The audience is every municipality in the registry: "No 43 Latvijas pašvaldībām …". */
  wholeCountry: boolean
  /** The survey is still open: who has not answered "vēl nav iesūtījušas". */
  open: boolean
}

/**
 * Seed 001's response-rate sentences, for the demo exactly: "No 43 Latvijas pašvaldībām atbildes uz
 * anketas jautājumiem iesūtīja 38 pašvaldības, kas ir 88% no visām pašvaldībām. Piecas pašvaldības
 * informāciju uz aptaujas anketas jautājumiem neiesūtīja." Those who did not answer are named when
 * they are few enough (`wording.nameUpTo`).
 */
export function responseRateSentence(
  results: Pick<SurveyResults, 'audience' | 'responded' | 'notResponded'>,
  wording: SurveyWording,
  options: ResponseRateOptions,
): string {
  const { noun } = wording
  const { audience, responded } = results
  if (audience === 0) return `Aptaujai nav noteikta neviena ${noun.singular.nom}, kam atbildēt.`
  const attribute = options.wholeCountry ? { singular: 'Latvijas', plural: 'Latvijas' } : { singular: 'aptaujātās', plural: 'aptaujātajām' }
  // "no" takes the genitive singular ("no 21 pašvaldības") but the dative plural ("no 43 pašvaldībām").
  const of = `No ${countOf(audience, noun, takesSingular(audience) ? 'gen' : 'dat', { attribute })}`
  const all = options.wholeCountry ? `visām ${noun.plural.dat}` : `aptaujātajām ${noun.plural.dat}`
  const sentences: string[] = []
  if (responded === 0) {
    const verb = options.open ? `vēl nav iesūtījusi` : 'neiesūtīja'
    return `${of} atbildes uz anketas jautājumiem ${verb} neviena ${noun.singular.nom}.`
  }
  sentences.push(
    `${of} atbildes uz anketas jautājumiem iesūtīja ${countOf(responded, noun)}, kas ir ${formatPercent(responded / audience)} no ${all}.`,
  )
  const missing = audience - responded
  if (missing > 0) {
    const verb = options.open ? `vēl nav ${agree(missing, 'iesūtījusi', 'iesūtījušas')}` : 'neiesūtīja'
    sentences.push(
      `${countOf(missing, noun, 'nom', { initial: true })}${named(results.notResponded, wording)} informāciju uz aptaujas anketas jautājumiem ${verb}.`,
    )
  }
  return sentences.join(' ')
}

/** "No tām 2 pašvaldības (A, B) atbildes iesūtīja pēc noteiktā termiņa (2025. gada 31. marta)." — null when none was late. */
export function lateSentence(late: readonly string[], dueDate: string | null | undefined, wording: SurveyWording): string | null {
  if (late.length === 0) return null
  const due = dueDate ? ` (${formatLatvianDate(dueDate, 'gen')})` : ''
  return `No tām ${group(late, late.length, wording)} atbildes iesūtīja pēc noteiktā termiņa${due}.`
}

// ——— per question ———

export interface QuestionContext {
  /** Submitted responses: who could have answered. */
  responded: number
  /** Institutions whose submitted response left this question unanswered. */
  skipped: readonly string[]
}

/** "Uz šo jautājumu atbildējušas 34 pašvaldības." */
function answeredSentence(answered: number, wording: SurveyWording): string {
  return `Uz šo jautājumu ${participle(takesSingular(answered), 'atbildēj')} ${countOf(answered, wording.noun)}.`
}

/** "Viena pašvaldība (Varakļānu novads) uz šo jautājumu neatbildēja." — null when everyone (or when most) answered it. */
function skippedSentence(result: QuestionResult, context: QuestionContext, wording: SurveyWording): string | null {
  const skipped = context.responded - result.answered
  // Said only where few skipped it: most skipping a question is a follow-up that did not apply to them.
  if (skipped <= 0 || result.answered === 0 || skipped > result.answered) return null
  const codes = context.skipped.length === skipped ? context.skipped : []
  return `${group(codes, skipped, wording, true)} uz šo jautājumu neatbildēja.`
}

interface Counted {
  id: string
  label: string
  count: number
  institutions: string[]
}

function counted(labels: readonly { id: string; label: string }[], counts: QuestionResult['options']): Counted[] {
  const byId = new Map((counts ?? []).map((c) => [c.id, c]))
  return labels.map(({ id, label }) => ({ id, label, count: byId.get(id)?.count ?? 0, institutions: byId.get(id)?.institutions ?? [] }))
}

/** "Atbildi „X” nav norādījusi neviena pašvaldība." for the options nobody chose; null when there are none. */
function nobodySentence(options: readonly Counted[], wording: SurveyWording): string | null {
  const none = options.filter((option) => option.count === 0)
  if (none.length === 0) return null
  const what = none.length === 1 ? 'Atbildi' : 'Atbildes'
  return `${what} ${joinList(none.map((option) => quoted(option.label)))} nav norādījusi neviena ${wording.noun.singular.nom}.`
}

/**
 * A single choice or scale question's distribution in one sentence. A scale and a choice without a
 * majority go in the questionnaire's order, as seed 000 states its scales: "7 pašvaldības (…)
 * norādījušas atbildi „VĀJI”, 10 pašvaldības – „DRĪZĀK VĀJI, NEKĀ LABI”, …, savukārt 25
 * pašvaldības – „LABI”." A choice most chose leads: "Lielākā daļa pašvaldību (36 no 38)
 * norādījušas atbildi „…”, 1 pašvaldība (…) – „…”, savukārt …".
 */
function distributionSentence(options: readonly Counted[], answered: number, lead: boolean, wording: SurveyWording): string | null {
  const chosen = options.filter((option) => option.count > 0)
  if (chosen.length === 0) return null
  const top = lead ? chosen.reduce((best, option) => (option.count > best.count ? option : best)) : null
  const ordered = top && top.count * 2 > answered ? [top, ...chosen.filter((option) => option !== top)] : chosen
  const [first, ...rest] = ordered
  const subject =
    first === top && top.count * 2 > answered
      ? quantified(first.count, answered, first.institutions, wording)
      : { text: group(first.institutions, first.count, wording, true), singular: takesSingular(first.count) }
  const clauses = [
    `${subject.text} ${participle(subject.singular, 'norādīj')} atbildi ${quoted(first.label)}`,
    ...rest.map((option) => `${group(option.institutions, option.count, wording)} – ${quoted(option.label)}`),
  ]
  return `${contrastList(clauses)}.`
}

/** A yes/no question: "Mazāk nekā puse pašvaldību (36 no 86) uz šo jautājumu atbildējušas „Jā”, savukārt 50 pašvaldības – „Nē”." */
function yesNoSentence(options: readonly Counted[], answered: number, wording: SurveyWording): string | null {
  const [yes, no] = options
  if (!yes || !no || answered === 0) return null
  const first = yes.count > 0 ? yes : no
  const second = first === yes ? no : null
  const subject = quantified(first.count, answered, first.institutions, wording)
  const lead = `${subject.text} uz šo jautājumu ${participle(subject.singular, 'atbildēj')} ${quoted(first.label)}`
  return second && second.count > 0
    ? `${contrastList([lead, `${group(second.institutions, second.count, wording)} – ${quoted(second.label)}`])}.`
    : `${lead}.`
}

/**
 * A multiple choice question's options, most chosen first: "Norādītās atbildes: „Izglītības
 * iestādes” – 24 pašvaldības; „Sociālais dienests” – 23 pašvaldības; … „Administratīvā komisija” –
 * 1 pašvaldība (Rīga)."
 */
function multipleSentence(options: readonly Counted[], wording: SurveyWording): string | null {
  const chosen = options
    .map((option, index) => ({ option, index }))
    .filter(({ option }) => option.count > 0)
    .sort((a, b) => b.option.count - a.option.count || a.index - b.index)
    .map(({ option }) => `${quoted(option.label)} – ${group(option.institutions, option.count, wording)}`)
  return chosen.length === 0 ? null : `Norādītās atbildes: ${chosen.join('; ')}.`
}

/**
 * Coded answers as seed 000 lists its reasons: one bullet per category with its count, and its
 * institutions when few: "Psihologu mazā slodze (2) (Ludzas novads; Preiļu novads);". The last
 * bullet ends with a full stop. Categories nobody was coded with are left out.
 */
function categoryBullets(question: SurveyQuestion, result: QuestionResult, wording: SurveyWording): TextBlock[] {
  const counts = counted(question.categories ?? [], result.categories)
  const used = counts.filter((category) => category.count > 0)
  return used.map((category, index) => ({
    text: `${toParagraphs(category.label).join(' ')} (${category.count})${named(category.institutions, wording, '; ')}${index === used.length - 1 ? '.' : ';'}`,
    bullet: true,
  }))
}

/**
 * When most answers share a category, it leads as the seed says it: "Lielākā daļa pašvaldību (30
 * no 32) atbildēs minējušas „Sociālās rehabilitācijas pakalpojumi …”." Null otherwise.
 */
function majorityCategorySentence(question: SurveyQuestion, result: QuestionResult, wording: SurveyWording): string | null {
  const categories = counted(question.categories ?? [], result.categories)
  const top = categories.reduce<Counted | null>((best, category) => (!best || category.count > best.count ? category : best), null)
  if (!top || top.count * 2 <= result.answered) return null
  const subject = quantified(top.count, result.answered, top.institutions, wording)
  return `${subject.text} atbildēs ${participle(subject.singular, 'minēj')} ${quoted(top.label)}.`
}

/** The answers themselves, each with who gave it: "Starpinstitucionālā nepilngadīgo lietu komisija (Dobeles novads);" */
function textBullets(texts: readonly { institution: string; text: string }[], wording: SurveyWording): TextBlock[] {
  return texts.map((entry, index) => {
    const text = toParagraphs(entry.text)
      .join(' ')
      .replace(/[.;]+$/, '')
    // Who said it, unless the report names no one (nameUpTo 0).
    const who = wording.nameUpTo > 0 ? ` (${wording.names.get(entry.institution) ?? entry.institution})` : ''
    return { text: `${text}${who}${index === texts.length - 1 ? '.' : ';'}`, bullet: true }
  })
}

/** Coded texts (a text question's answers or a choice's "other"): the categories, then what no category holds. */
function codedTexts(
  question: SurveyQuestion,
  result: QuestionResult,
  texts: readonly { institution: string; text: string; codes: string[] }[],
  lead: string,
  wording: SurveyWording,
): TextBlock[] {
  const blocks: TextBlock[] = []
  const hasCategories = (question.categories ?? []).length > 0
  const bullets = hasCategories ? categoryBullets(question, result, wording) : []
  if (bullets.length > 0) blocks.push({ text: lead, bullet: false }, ...bullets)
  const uncoded = texts.filter((entry) => entry.codes.length === 0)
  if (hasCategories && uncoded.length > 0 && bullets.length > 0) {
    const n = uncoded.length
    blocks.push({
      text: `Vēl ${countOf(n, wording.noun, 'gen')} ${agree(n, 'atbilde', 'atbildes')} nav ${agree(n, 'iedalīta', 'iedalītas')} nevienā kategorijā${wording.listTexts ? ':' : '.'}`,
      bullet: false,
    })
    if (wording.listTexts) blocks.push(...textBullets(uncoded, wording))
  } else if (wording.listTexts && texts.length > 0 && bullets.length === 0) {
    blocks.push(...textBullets(texts, wording))
  }
  return blocks
}

/** "Norādīto vērtību kopsumma ir 1 234,5 euro, vidēji – 36,3 euro uz vienu pašvaldību, mediāna – 30 euro." */
function numberSentence(result: QuestionResult, question: SurveyQuestion, wording: SurveyWording): string | null {
  if (result.sum == null || result.mean == null || result.median == null) return null
  const unit = question.unit?.trim() ? ` ${question.unit.trim()}` : ''
  return (
    `Norādīto vērtību kopsumma ir ${formatNumber(result.sum)}${unit}, vidēji – ${formatNumber(result.mean)}${unit} ` +
    `uz vienu ${wording.noun.singular.acc}, mediāna – ${formatNumber(result.median)}${unit}.`
  )
}

/** A number table's row and column totals (sums over everyone who answered). */
export function tableTotals(question: SurveyQuestion, result: QuestionResult) {
  const rows = question.rows ?? []
  const columns = question.columns ?? []
  const cell = (rowId: string, columnId: string) => result.cells?.[rowId]?.[columnId]?.sum ?? 0
  const rowTotals = rows.map((row) => columns.reduce((sum, column) => sum + cell(row.id, column.id), 0))
  const columnTotals = columns.map((column) => rows.reduce((sum, row) => sum + cell(row.id, column.id), 0))
  return { rows, columns, cell, rowTotals, columnTotals, total: rowTotals.reduce((a, b) => a + b, 0) }
}

/**
 * A number table in words, one sentence per row: "Bērniem vecumposmā no 7 līdz 11 gadiem: 2013. gadā
 * – 74, 2014. gadā – 32." and the largest row named when there are several.
 */
function tableSentences(question: SurveyQuestion, result: QuestionResult, perRow: boolean): string[] {
  const { rows, columns, cell, rowTotals } = tableTotals(question, result)
  const unit = question.unit?.trim() ? ` ${question.unit.trim()}` : ''
  const sentences = perRow
    ? rows.map(
        (row) =>
          `${toParagraphs(row.label).join(' ')}: ${columns.map((column) => `${toParagraphs(column.label).join(' ')} – ${formatNumber(cell(row.id, column.id))}${unit}`).join(', ')}.`,
      )
    : []
  if (rows.length > 1 && rowTotals.some((total) => total > 0)) {
    const max = Math.max(...rowTotals)
    const min = Math.min(...rowTotals)
    const largest = rows[rowTotals.indexOf(max)]!
    const smallest = rows[rowTotals.indexOf(min)]!
    sentences.push(
      max === min
        ? `Visās rindās kopsumma ir vienāda (${formatNumber(max)}${unit}).`
        : `Lielākā kopsumma ir rindā ${quoted(largest.label)} (${formatNumber(max)}${unit}), mazākā – rindā ${quoted(smallest.label)} (${formatNumber(min)}${unit}).`,
    )
  }
  return sentences
}

/**
 * A question's figures in generated text: who answered, how the answers fall, the coded categories
 * with their counts (and their members when few), numbers summed. What a table or a chart shows
 * besides is the layout's business.
 */
export function questionBlocks(
  question: SurveyQuestion,
  result: QuestionResult,
  context: QuestionContext,
  wording: SurveyWording,
  options: { tableInWords: boolean } = { tableInWords: true },
): TextBlock[] {
  const blocks: TextBlock[] = []
  const say = (text: string | null) => {
    if (text) blocks.push({ text, bullet: false })
  }
  if (result.answered === 0) {
    say(`Uz šo jautājumu neviena ${wording.noun.singular.nom} nav atbildējusi.`)
    return blocks
  }
  const labels = counted(optionLabels(question), result.options)
  switch (question.type) {
    case 'yes_no':
      say(yesNoSentence(labels, result.answered, wording))
      break
    case 'single_choice':
    case 'scale': {
      say(distributionSentence(labels, result.answered, question.type === 'single_choice', wording))
      say(nobodySentence(labels, wording))
      break
    }
    case 'multiple_choice':
      say(`${answeredSentence(result.answered, wording).slice(0, -1)}; katra varēja norādīt vairākas atbildes.`)
      say(multipleSentence(labels, wording))
      say(nobodySentence(labels, wording))
      break
    case 'number':
      say(answeredSentence(result.answered, wording))
      say(numberSentence(result, question, wording))
      break
    case 'number_table':
      say(answeredSentence(result.answered, wording))
      for (const sentence of tableSentences(question, result, options.tableInWords)) say(sentence)
      break
    case 'text':
      say(answeredSentence(result.answered, wording))
      say(majorityCategorySentence(question, result, wording))
      blocks.push(...codedTexts(question, result, result.texts ?? [], 'Atbildēs minēts:', wording))
      break
  }
  // A choice's "other": its coded categories, or the texts.
  const other = result.other ?? []
  if (question.type !== 'text' && other.length > 0) {
    say(
      `Citu atbildi ${participle(takesSingular(other.length), 'norādīj')} ${group(
        other.map((entry) => entry.institution),
        other.length,
        wording,
      )}.`,
    )
    blocks.push(...codedTexts(question, result, other, 'Citās atbildēs minēts:', wording))
  }
  say(skippedSentence(result, context, wording))
  return blocks
}

/**
 * Per question, who could have answered (the submitted responses of the audience) and who of them
 * left it unanswered, by the tally's own rule (`isAnswered`), so the sentences agree with its counts.
 */
export function questionContexts(
  doc: SurveyDocument,
  results: Pick<SurveyResults, 'responded' | 'notResponded'>,
): Map<string, QuestionContext> {
  const notResponded = new Set(results.notResponded)
  const responses = new Map((doc.responses ?? []).filter((r) => r.state === 'submitted').map((r) => [r.institution, r]))
  const respondents = doc.survey.audience.filter((code) => !notResponded.has(code) && responses.has(code))
  return new Map(
    questionsOf(doc.survey.sections).map(({ question }) => [
      question.id,
      {
        responded: results.responded,
        skipped: respondents.filter((code) => !isAnswered(responses.get(code)?.answers[question.id])),
      },
    ]),
  )
}

/** A noun phrase for a chapter heading: "aptaujā par …" for a title "Aptauja par …", else "aptaujā „…”". */
export function surveyInLocative(title: string): string {
  const clean = toParagraphs(title).join(' ').replace(/\.$/, '')
  const match = /^aptauja\s+(.+)$/iu.exec(clean)
  return match ? `aptaujā ${match[1]}` : `aptaujā ${quoted(clean)}`
}

/** "Pārskats par pašvaldību sniegtajām atbildēm aptaujā par …" (the report numbers it where the outline puts it). */
export function surveyChapterHeading(title: string, noun: Noun): string {
  return `Pārskats par ${noun.plural.gen} sniegtajām atbildēm ${surveyInLocative(title)}`
}

/** A table's count column: "Pašvaldību skaits". */
export function countHeader(noun: Noun): string {
  return `${capitalize(noun.plural.gen)} skaits`
}
