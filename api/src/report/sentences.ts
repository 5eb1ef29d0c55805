// The report's generated Latvian sentences, worded after the real 2023–2024 report (seed 001):
// the opening, the summary, the sector sentence, each action line's count sentence and the
// financing lead. Figures come in, finished sentences go out; layout lives in docx.ts.
import {
  type DocInstitution,
  type DocMeasure,
  MEASURE_STATUS_LABELS,
  type OpeningAct,
  type PlanDocument,
  SEVERAL_SECTORS,
  latvianQuotes,
  reportOpening,
} from '@apt/shared'
import type { SectorCount, StatusCounts } from './figures.js'
import { institutionShort } from './institution-labels.js'
import { toParagraphs } from './text.js'
import {
  ACTION_LINE_NOUN,
  MEASURE_NOUN,
  actAfterSaskanaAr,
  actGenitive,
  agree,
  capitalize,
  countWithNoun,
  formatLatvianDate,
  nounFor,
  numberToWords,
  takesSingular,
  titleGenitive,
  type GrammaticalCase,
} from './latvian.js'
import { actionLineNumeral } from '@apt/shared'

/** A count in words where Latvian texts spell it out; beyond 1000 digits read better anyway. */
function numeral(n: number, grammaticalCase: GrammaticalCase): string {
  return n <= 1000 ? numberToWords(n, grammaticalCase, 'm') : String(n)
}

/** "a, b un c" — Latvian lists join the last item with "un" and no comma. */
export function joinList(items: readonly string[], last = ' un '): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')}${last}${items[items.length - 1]}`
}

/** "no 30 pasākumiem" / "no 21 pasākuma": "no" governs the genitive singular but dative plural. */
function fromMeasures(n: number, attribute: { singular: string; plural: string } | null = null): string {
  const singular = takesSingular(n)
  const adjective = attribute ? `${singular ? attribute.singular : attribute.plural} ` : ''
  return `no ${adjective}${countWithNoun(n, MEASURE_NOUN, singular ? 'gen' : 'dat')}`
}

/** „…” — the one quotation style of the report's Latvian text (U+201E … U+201D). */
export const quote = (text: string) => `\u201E${text}\u201D`

/** The plan's title as the report prints it, quoted „…” within. */
export const planTitle = (doc: PlanDocument) => latvianQuotes(doc.plan.title.trim())

/** Title of the report: Informatīvais ziņojums „Par … plāna 2023.-2024. gadam izpildi”. */
export function reportTitle(doc: PlanDocument): string {
  return `Informatīvais ziņojums ${quote(`Par ${titleGenitive(planTitle(doc))} izpildi`)}`
}

/**
 * The opening paragraph: under which act the report is made, who makes it and by when, as the
 * seed's first paragraph does; with the point of the act that sets the duty ("5."), the act in
 * the genitive and its point cited as the seed does; without an approving act, simply who
 * prepared it and for when (a point alone has nothing to cite).
 */
export function openingSentence(doc: PlanDocument, institutions: Map<string, DocInstitution>, points?: string): string {
  // With a point, the one rule that joins it to the act (reportOpening), as the editor's preview does.
  return reportOpening(
    { opening: openingWithoutPoint(doc, institutions), openingAct: openingAct(doc, institutions) },
    { reportingPoint: points },
  )
}

function openingWithoutPoint(doc: PlanDocument, institutions: Map<string, DocInstitution>): string {
  const act = approvingAct(doc)
  const due = reportDue(doc)
  if (!act) {
    // "Iekšlietu ministrija ir sagatavojusi informatīvo ziņojumu „…”, lai līdz … to iesniegtu Ministru kabinetā."
    const name = `informatīvo ziņojumu ${quote(`Par ${titleGenitive(planTitle(doc))} izpildi`)}`
    const submit = due ? `, lai līdz ${due} to iesniegtu Ministru kabinetā` : ' iesniegšanai Ministru kabinetā'
    return `${coordinatorName(doc, institutions)} ir sagatavojusi ${name}${submit}.`
  }
  const basis = actAfterSaskanaAr(act) ?? `plāna apstiprināšanas aktu (${act})`
  return `${reportTitle(doc)} ir sagatavots saskaņā ar ${basis}, kurā noteikts, ka ${reportingDuty(doc, institutions)}.`
}

/**
 * The opening's halves around a point of the approving act (openingWithPoint joins them): "… ir
 * sagatavots saskaņā ar Ministru kabineta … rīkojuma Nr. 156" and the duty; null without an act.
 */
export function openingAct(doc: PlanDocument, institutions: Map<string, DocInstitution>): OpeningAct | null {
  const act = approvingAct(doc)
  if (!act) return null
  const basis = actGenitive(act) ?? `plāna apstiprināšanas akta (${act})`
  return { lead: `${reportTitle(doc)} ir sagatavots saskaņā ar ${basis}`, duty: reportingDuty(doc, institutions) }
}

/** The plan's approving act as the report cites it, quoted „…” within; undefined when none is recorded. */
function approvingAct(doc: PlanDocument): string | undefined {
  const act = doc.plan.approvedBy?.trim()
  return act ? latvianQuotes(act) : undefined
}

const coordinatorName = (doc: PlanDocument, institutions: Map<string, DocInstitution>) =>
  institutions.get(doc.plan.coordinator)?.name ?? doc.plan.coordinator

/** "2025. gada 1. decembrim"; null without a due date. */
const reportDue = (doc: PlanDocument) => (doc.plan.reportDue ? formatLatvianDate(doc.plan.reportDue, 'dat') : null)

/** "Iekšlietu ministrija sagatavo un līdz 2025. gada 1. decembrim iesniedz noteiktā kārtībā Ministru kabinetā ziņojumu par plāna izpildi" */
function reportingDuty(doc: PlanDocument, institutions: Map<string, DocInstitution>): string {
  const due = reportDue(doc)
  return `${coordinatorName(doc, institutions)} sagatavo un${due ? ` līdz ${due}` : ''} iesniedz noteiktā kārtībā Ministru kabinetā ziņojumu par plāna izpildi`
}

/** The report's purpose; it also introduces "Plāns" as the short name the later sentences use. */
export function purposeSentence(doc: PlanDocument): string {
  return `Informatīvā ziņojuma mērķis ir apkopot informāciju par ${titleGenitive(planTitle(doc))} (turpmāk – Plāns) izpildi.`
}

/**
 * Whose information the report contains, as the seed names them: "Informatīvajā ziņojumā iekļauta
 * IeM, LM, IZM, VM, TM un minēto institūciju padotības iestāžu, kā arī LIA sniegtā informācija."
 * The ministries are those that reported and those whose agencies did (the agencies themselves
 * become "minēto institūciju padotības iestādes"); every other informant follows "kā arī". Each is
 * named by its abbreviation, or in full where it has none.
 */
export function informantsSentence(codes: readonly string[], institutions: Map<string, DocInstitution>): string {
  if (codes.length === 0) return 'Institūcijas informāciju par Plāna pasākumu izpildi vēl nav sniegušas.'
  const isMinistry = (code: string | null | undefined) => !!code && institutions.get(code)?.kind === 'ministry'
  const parentMinistry = (code: string) => {
    const parent = institutions.get(code)?.parent
    return isMinistry(parent) ? parent! : null
  }
  const ministryCodes = new Set<string>()
  let agencies = 0
  const others: string[] = []
  for (const code of codes) {
    if (isMinistry(code)) ministryCodes.add(code)
    else if (parentMinistry(code)) {
      ministryCodes.add(parentMinistry(code)!)
      agencies += 1
    } else others.push(code)
  }
  // The ministries in the document's order (the seed's: IeM, LM, IZM, VM, TM).
  const order = [...institutions.keys()]
  const ministries = [...ministryCodes].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((c) => institutionShort(c, institutions))
  const otherNames = others.map((code) => institutionShort(code, institutions))
  let whose: string
  if (ministries.length === 0) whose = joinList(otherNames)
  else {
    const subordinate = ministries.length === 1 ? 'tās padotības iestāžu' : 'minēto institūciju padotības iestāžu'
    const ministryPart = agencies > 0 ? `${ministries.join(', ')} un ${subordinate}` : joinList(ministries)
    whose = otherNames.length > 0 ? `${ministryPart}, kā arī ${joinList(otherNames)}` : ministryPart
  }
  return `Informatīvajā ziņojumā iekļauta ${whose} sniegtā informācija.`
}

/** "Plāns izstrādāts … pamatnostādņu 2022.-2027. gadam ieviešanai." — null without a framework. */
export function frameworkSentence(doc: PlanDocument): string | null {
  const framework = doc.plan.policyFramework?.trim()
  return framework ? `Plāns izstrādāts ${titleGenitive(latvianQuotes(framework))} ieviešanai.` : null
}

/** "Plānā kopā tika noteikti 30 pasākumi, kas tika iedalīti četros rīcības virzienos:" */
export function planOverviewSentence(totalMeasures: number, actionLines: number): string {
  const measures = countWithNoun(totalMeasures, MEASURE_NOUN, 'nom')
  const lines = `${numeral(actionLines, 'loc')} ${nounFor(actionLines, ACTION_LINE_NOUN, 'loc')}`
  const set = agree(totalMeasures, 'noteikts', 'noteikti')
  const divided = agree(totalMeasures, 'iedalīts', 'iedalīti')
  return `Plānā kopā tika ${set} ${measures}, kas tika ${divided} ${lines}:`
}

/**
 * The summary sentence, for the demo exactly: "Kopā no Plānā iekļautajiem 30 pasākumiem izpildīti
 * ir 19 pasākumi, daļēji izpildīti 9 pasākumi un nav izpildīti 2 pasākumi." Statuses with no
 * measures are left out; measures not yet rated get their own clause.
 */
export function summarySentence(byStatus: StatusCounts, total: number): string {
  if (total === 0) return 'Plānā nav iekļauts neviens pasākums.'
  const count = (n: number) => (n === total && !takesSingular(n) && total > 1 ? `visi ${n}` : String(n))
  const measures = (n: number) => `${count(n)} ${nounFor(n, MEASURE_NOUN)}`
  const clauses: string[] = []
  if (byStatus.done) clauses.push(`${agree(byStatus.done, 'izpildīts', 'izpildīti')} ir ${measures(byStatus.done)}`)
  if (byStatus.partial) clauses.push(`daļēji ${agree(byStatus.partial, 'izpildīts', 'izpildīti')} ${measures(byStatus.partial)}`)
  if (byStatus.not_done) clauses.push(`nav ${agree(byStatus.not_done, 'izpildīts', 'izpildīti')} ${measures(byStatus.not_done)}`)
  if (byStatus.pending) clauses.push(`vēl nav ${agree(byStatus.pending, 'novērtēts', 'novērtēti')} ${measures(byStatus.pending)}`)
  const lead = `Kopā ${fromMeasures(total, { singular: 'Plānā iekļautā', plural: 'Plānā iekļautajiem' })}`
  return `${lead} ${joinList(clauses)}.`
}

/** The summary sentence followed, when an amendment excluded measures, by how many it left out. */
export function summaryWithExclusions(byStatus: StatusCounts, total: number, excluded: number): string {
  return [summarySentence(byStatus, total), excludedSentence(excluded, total)].filter(Boolean).join(' ')
}

/**
 * One action line's count sentence with numerals in words, as the seed writes it: "Kopā šajā
 * rīcības virzienā no vienpadsmit ieplānotajiem pasākumiem izpildīti ir seši pasākumi, četri
 * vērtēti kā daļēji izpildīti, bet viens pasākums vērtēts kā neizpildīts (skat. 2. tabulu)."
 * The noun is repeated after the first clause only where it is singular, as the seed does.
 */
export function actionLineCountSentence(line: StatusCounts & { total: number; excluded?: number }, tableNumber: number | null): string {
  const excluded = excludedSentence(line.excluded ?? 0, line.total)
  return excluded ? `${countSentence(line, tableNumber)} ${excluded}` : countSentence(line, tableNumber)
}

/** "2. tabula. II rīcības virzienā iekļauto pasākumu izpilde", the caption of an action line's measure table. */
export const measureTableCaption = (table: number, actionLine: string) =>
  `${table}. tabula. ${actionLineNumeral(actionLine)} rīcības virzienā iekļauto pasākumu izpilde`

function countSentence(line: StatusCounts & { total: number; excluded?: number }, tableNumber: number | null): string {
  const { total } = line
  // Every table is cited where its line is counted, this one too (it lists the excluded measures).
  if (total === 0 && line.excluded)
    return `Visi šī rīcības virziena pasākumi ir izslēgti no Plāna${tableNumber === null ? '' : ` (skat. ${tableNumber}. tabulu)`}.`
  if (total === 0) return 'Šajā rīcības virzienā nav iekļauts neviens pasākums.'
  const ofTotal = takesSingular(total)
    ? `no ${numeral(total, 'gen')} ieplānotā ${MEASURE_NOUN.singular.gen}`
    : `no ${numeral(total, 'dat')} ieplānotajiem ${MEASURE_NOUN.plural.dat}`

  const clauses: string[] = []
  const subject = (n: number) => {
    const first = clauses.length === 0
    const all = first && n === total && !takesSingular(n) ? 'visi ' : ''
    const noun = first || takesSingular(n) ? ` ${nounFor(n, MEASURE_NOUN)}` : ''
    return `${all}${numeral(n, 'nom')}${noun}`
  }
  const rated = (n: number) => agree(n, 'vērtēts', 'vērtēti')
  if (line.done) clauses.push(`${agree(line.done, 'izpildīts', 'izpildīti')} ir ${subject(line.done)}`)
  if (line.partial) {
    clauses.push(`${subject(line.partial)} ${rated(line.partial)} kā daļēji ${agree(line.partial, 'izpildīts', 'izpildīti')}`)
  }
  if (line.not_done) {
    clauses.push(`${subject(line.not_done)} ${rated(line.not_done)} kā ${agree(line.not_done, 'neizpildīts', 'neizpildīti')}`)
  }
  if (line.pending) clauses.push(`${subject(line.pending)} vēl nav ${agree(line.pending, 'novērtēts', 'novērtēti')}`)

  const reference = tableNumber === null ? '' : ` (skat. ${tableNumber}. tabulu)`
  return `Kopā šajā rīcības virzienā ${ofTotal} ${joinList(clauses, ', bet ')}${reference}.`
}

/**
 * "Ar Plāna grozījumiem izslēgti 2 pasākumi; tie šajā skaitā nav ieskaitīti." — '' when none is
 * excluded (and when every one is: the count sentence says so itself).
 */
export function excludedSentence(excluded: number, counted = 1): string {
  if (excluded === 0 || counted === 0) return ''
  const one = takesSingular(excluded)
  return `Ar Plāna grozījumiem ${agree(excluded, 'izslēgts', 'izslēgti')} ${countWithNoun(excluded, MEASURE_NOUN)}; ${one ? 'tas' : 'tie'} šajā skaitā nav ${one ? 'ieskaitīts' : 'ieskaitīti'}.`
}

/** "05.03.2024." — how the report writes an amendment's date next to its act. */
function numericDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-')
  return `${day}.${month}.${year}.`
}

/**
 * A measure's status as the report's tables state it: its official status, or for a measure an
 * amendment excluded "Izslēgts (MK 2024. gada 5. marta rīkojums Nr. 170, 05.03.2024.)".
 */
export function measureStatusText(measure: Pick<DocMeasure, 'status' | 'excluded'>): string {
  if (measure.excluded) return `Izslēgts (${measure.excluded.act.trim()}, ${numericDate(measure.excluded.date)})`
  return MEASURE_STATUS_LABELS.lv[measure.status]
}

/** "iekšlietu" from "Iekšlietu ministrija": how Latvian names a ministry's sector. */
function sectorWord(institution: DocInstitution | undefined): string | null {
  if (!institution || institution.kind !== 'ministry') return null
  const match = /^(.+?)\s+ministrija$/iu.exec(institution.name.trim())
  return match ? match[1].charAt(0).toLocaleLowerCase('lv') + match[1].slice(1) : null
}

/**
 * Which sectors carried the measures, as the seed says it: "… no 30 pasākumiem iekšlietu nozares
 * iestādes bija atbildīgas par divpadsmit pasākumu izpildi, bet tieslietu nozares iestādes – par
 * desmit pasākumu izpildi. Četru pasākumu izpilde vienlaikus bija vairāku nozaru līdzatbildībā un
 * četru pasākumu izpilde bija LIA atbildībā."
 */
export function sectorSentence(bySector: readonly SectorCount[], total: number, institutions: Map<string, DocInstitution>): string {
  if (total === 0 || bySector.length === 0) return ''
  const ofMeasures = (n: number) => `${numeral(n, 'gen')} ${nounFor(n, MEASURE_NOUN, 'gen')}`

  const ministries: string[] = []
  const others: string[] = []
  for (const { sector, count } of bySector) {
    const word = sector === SEVERAL_SECTORS ? null : sectorWord(institutions.get(sector))
    if (word) {
      const head = ministries.length === 0 ? `${word} nozares iestādes bija atbildīgas par` : `${word} nozares iestādes – par`
      ministries.push(`${head} ${ofMeasures(count)} izpildi`)
    } else if (sector === SEVERAL_SECTORS) {
      others.push(`${ofMeasures(count)} izpilde vienlaikus bija vairāku nozaru līdzatbildībā`)
    } else {
      others.push(`${ofMeasures(count)} izpilde bija ${sector} atbildībā`)
    }
  }

  const lead = `Vērtējot iestāžu ieguldījumu, jānorāda, ka ${fromMeasures(total)}`
  const sentences: string[] = []
  if (ministries.length > 0) sentences.push(`${lead} ${joinList(ministries, ', bet ')}.`)
  if (others.length > 0) {
    const text = joinList(others)
    sentences.push(ministries.length > 0 ? `${capitalize(text)}.` : `${lead} ${text}.`)
  }
  return sentences.join(' ')
}

/** "I rīcības virziens „Primārā prevencija …”" (lowercase after the numeral, as everywhere in the app) — the title on one line, its closing full stop dropped inside the quotes. */
export function actionLineHeading(line: { number: string; title: string }): string {
  const title = toParagraphs(line.title).join(' ').replace(/\.$/, '')
  return `${actionLineNumeral(line.number)} rīcības virziens ${quote(title)}`
}
