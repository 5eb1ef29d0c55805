// The report's financing chapter: the lead sentence with the sum per ministry (an agency's money
// under its ministry), whether it was granted, and the table of the money by ministry, institution
// and budget sub-programme with the measures it serves (the report's number and the plan's own),
// then the coordinator's text. Money whose grant is not known reads "nav zināms", never "0 euro".
import { AlignmentType, HeadingLevel, Paragraph, type FileChild } from 'docx'
import type { DocInstitution, FinancingMinistry, FinancingRow, ReportPreview } from '@apt/shared'
import type { FinancingGroup, MeasureRef, MinistryFinancing, PlanFigures } from './figures.js'
import { institutionLabel } from './institution-labels.js'
import { formatEuro } from './latvian.js'
import { dotted } from './text.js'
import { CONTENT_WIDTH, TABLE_TEXT, caption, gridTable, heading, runs, type GridRow } from './word.js'

type Institutions = Map<string, DocInstitution>

/** The label of money outside any ministry. */
export const OTHER_INSTITUTIONS = 'Citas institūcijas'

// ——— words ———

// Head nouns of institution names, nominative → dative ("Iekšlietu ministrija" → "Iekšlietu
// ministrijai"). Only the last word changes in the names these are for: the words before it are
// genitives ("Iekšlietu", "Valsts"), which do not decline.
const DATIVE_HEADS: readonly [string, string][] = [
  ['ministrija', 'ministrijai'],
  ['kanceleja', 'kancelejai'],
  ['institūcijas', 'institūcijām'],
]

/**
 * A ministry's name in the dative, as the seed's lead lists them ("Iekšlietu ministrijai –
 * 46 000 euro"); null when the name does not end in a head noun known here, or an adjective before
 * it would decline too ("Nacionālais …"), so the caller can fall back to the nominative.
 */
export function nameInDative(name: string): string | null {
  const words = name.trim().split(/\s+/u)
  const last = words[words.length - 1] ?? ''
  const head = DATIVE_HEADS.find(([nominative]) => last.toLocaleLowerCase('lv') === nominative)
  if (!head) return null
  // Nominative adjectives (-ais, -ā, -ie, -ās) agree with the head and would need declining as well.
  if (words.slice(0, -1).some((word) => /(ais|ā|ie|ās|ējā|ējais)$/u.test(word.toLocaleLowerCase('lv')))) return null
  const dative =
    last.charAt(0) === last.charAt(0).toLocaleUpperCase('lv') ? head[1].charAt(0).toLocaleUpperCase('lv') + head[1].slice(1) : head[1]
  return [...words.slice(0, -1), dative].join(' ')
}

/** How a ministry's money is named in the lead and the table. */
function ministryName(ministry: string | null, institutions: Institutions): string {
  if (ministry === null) return OTHER_INSTITUTIONS
  return institutions.get(ministry)?.name ?? ministry
}

/** A sum whose grant may be partly unknown: "10 000 euro", "nav zināms", "10 000 euro, par 5 000 euro nav zināms". */
export function grantedText(sum: { requestedEur: number; grantedEur: number; unknownEur: number }): string {
  if (sum.unknownEur <= 0) return formatEuro(sum.grantedEur)
  if (sum.unknownEur >= sum.requestedEur && sum.grantedEur === 0) return 'nav zināms'
  return `${formatEuro(sum.grantedEur)}, par ${formatEuro(sum.unknownEur)} nav zināms`
}

/** "2.3. (2.1.3.)": the report's number and, where it differs, the plan's own. */
export function measureRefText(ref: MeasureRef): string {
  const own = ref.sourceRef?.trim()
  return own && own !== ref.number ? `${dotted(ref.number)} (${dotted(own)})` : dotted(ref.number)
}

/** Whether the money was granted, worded for what is known: all, part, none, or not known (for all or part). */
export function grantedSentence(total: { requestedEur: number; grantedEur: number; unknownEur: number }): string {
  const { requestedEur, grantedEur, unknownEur } = total
  const refusedEur = requestedEur - grantedEur - unknownEur
  if (unknownEur >= requestedEur) return 'Vai šis finansējums tika piešķirts, nav zināms.'
  if (unknownEur <= 0) {
    if (grantedEur === 0) return 'Šis finansējums netika piešķirts.'
    if (grantedEur >= requestedEur) return 'Šis finansējums tika piešķirts pilnā apmērā.'
    return `No tā tika piešķirti ${formatEuro(grantedEur)}.`
  }
  const known = [
    ...(grantedEur > 0 ? [`tika piešķirti ${formatEuro(grantedEur)}`] : []),
    ...(refusedEur > 0 ? [`netika piešķirti ${formatEuro(refusedEur)}`] : []),
  ]
  return `No tā ${known.join(', ')}, bet par ${formatEuro(unknownEur)} nav zināms, vai tie tika piešķirti.`
}

/**
 * The financing lead and its list per ministry, as the seed words it: "Īstenošanā iesaistīto
 * institūciju identificētais finansējums Plāna pasākumu īstenošanai bija 153 500 euro apmērā, tai
 * skaitā:" then "Iekšlietu ministrijai – 46 000 euro;" … (the nominative "Iekšlietu ministrija (IeM)
 * – …" when a name cannot be put in the dative reliably), and whether it was granted.
 */
export function financingLead(
  financing: PlanFigures['financing'],
  institutions: Institutions,
): { lead: string; items: string[]; granted: string | null } {
  if (financing.groups.length === 0) {
    return { lead: 'Plāna pasākumiem nav norādīts finansējums ar konkrētām summām.', items: [], granted: null }
  }
  const ministries = financing.byMinistry
  const datives = ministries.map((entry) => nameInDative(ministryName(entry.ministry, institutions)))
  const inDative = datives.every((name) => name !== null)
  const names = ministries.map((entry, index) =>
    inDative
      ? entry.ministry === null
        ? 'citām institūcijām'
        : datives[index]!
      : entry.ministry === null
        ? OTHER_INSTITUTIONS
        : institutionLabel(entry.ministry, institutions),
  )
  const start = `Īstenošanā iesaistīto institūciju identificētais finansējums Plāna pasākumu īstenošanai bija ${formatEuro(financing.requestedEur)} apmērā`
  let lead: string
  let items: string[] = []
  if (ministries.length > 1) {
    lead = `${start}, tai skaitā:`
    items = ministries.map(
      (entry, index, all) => `${names[index]} – ${formatEuro(entry.requestedEur)}${index === all.length - 1 ? '.' : ';'}`,
    )
  } else {
    lead = inDative && ministries[0]!.ministry !== null ? `${start} (${names[0]}).` : `${start}.`
  }
  return { lead, items, granted: grantedSentence(financing) }
}

// ——— the table ———

function rowOf(group: FinancingGroup, institutions: Institutions): FinancingRow {
  return {
    institution: group.institution ? institutionLabel(group.institution, institutions) : null,
    programme: group.programme,
    measures: group.measureRefs.map((ref) => ({ number: ref.number, sourceRef: ref.sourceRef })),
    requestedEur: group.requestedEur,
    grantedEur: group.grantedEur,
    unknownEur: group.unknownEur,
  }
}

function ministryOfPreview(entry: MinistryFinancing, institutions: Institutions): FinancingMinistry {
  return {
    label: entry.ministry === null ? OTHER_INSTITUTIONS : institutionLabel(entry.ministry, institutions),
    requestedEur: entry.requestedEur,
    grantedEur: entry.grantedEur,
    unknownEur: entry.unknownEur,
    rows: entry.groups.map((group) => rowOf(group, institutions)),
  }
}

/** "5. tabula. Institūciju norādītais finansējums …": numbered after the action lines' measure tables. */
export const financingTableCaption = (table: number) =>
  `${table}. tabula. Institūciju norādītais finansējums pa ministrijām un budžeta apakšprogrammām`

const WIDTHS = [2300, 2254, 1800, 1500, CONTENT_WIDTH - 2300 - 2254 - 1800 - 1500]

function financingTable(ministries: readonly FinancingMinistry[], total: { requestedEur: number; grantedEur: number; unknownEur: number }) {
  const text = (value: string, bold = false) => [new Paragraph({ style: TABLE_TEXT, children: runs(value, { bold }) })]
  const amount = (value: string, bold = false) => [
    new Paragraph({ style: TABLE_TEXT, alignment: AlignmentType.RIGHT, children: runs(value, { bold }) }),
  ]
  const header: GridRow = {
    header: true,
    cells: ['Institūcija', 'Budžeta apakšprogramma', 'Pasākumi', 'Pieprasīts', 'Piešķirts'].map((title) => ({
      content: [new Paragraph({ style: TABLE_TEXT, alignment: AlignmentType.CENTER, children: runs(title, { bold: true }) })],
      shaded: true,
    })),
  }
  const rows: GridRow[] = ministries.flatMap((ministry) => [
    // The ministry's subtotal, then its own and its agencies' rows.
    {
      header: false,
      cells: [
        { content: text(`${ministry.label} kopā`, true), columnSpan: 3 },
        { content: amount(formatEuro(ministry.requestedEur), true) },
        { content: amount(grantedText(ministry), true) },
      ],
    },
    ...ministry.rows.map((row): GridRow => ({
      header: false,
      cells: [
        { content: text(row.institution ?? 'Nav norādīta') },
        { content: text(row.programme ?? 'Nav norādīta') },
        { content: text(row.measures.map(measureRefText).join(', ')) },
        { content: amount(formatEuro(row.requestedEur)) },
        { content: amount(grantedText(row)) },
      ],
    })),
  ])
  rows.push({
    header: false,
    cells: [
      { content: text('Kopā', true), columnSpan: 3 },
      { content: amount(formatEuro(total.requestedEur), true) },
      { content: amount(grantedText(total), true) },
    ],
  })
  return gridTable(WIDTHS, [header, ...rows])
}

export function financing(
  chapter: number,
  figures: PlanFigures,
  /** The coordinator's text after the figures. */
  narrative: readonly FileChild[],
  institutions: Institutions,
): FileChild[] {
  const { lead, items, granted } = financingLead(figures.financing, institutions)
  const ministries = figures.financing.byMinistry.map((entry) => ministryOfPreview(entry, institutions))
  return [
    heading(`${chapter}. Finansējums`, HeadingLevel.HEADING_1),
    new Paragraph({ children: runs(lead) }),
    ...items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) })),
    ...(granted ? [new Paragraph({ children: runs(granted) })] : []),
    ...(ministries.length > 0
      ? [caption(financingTableCaption(figures.financingTable)), financingTable(ministries, figures.financing), new Paragraph({})]
      : []),
    ...narrative,
  ]
}

/** The financing chapter's figures for the editor's preview, worded and rolled up as the DOCX has them. */
export function financingPreview(figures: PlanFigures, institutions: Institutions): ReportPreview['financing'] {
  const { lead, items, granted } = financingLead(figures.financing, institutions)
  return {
    lead,
    items,
    granted,
    ministries: figures.financing.byMinistry.map((entry) => ministryOfPreview(entry, institutions)),
    tableCaption: figures.financing.byMinistry.length > 0 ? financingTableCaption(figures.financingTable) : null,
    requestedEur: figures.financing.requestedEur,
    grantedEur: figures.financing.grantedEur,
    unknownEur: figures.financing.unknownEur,
  }
}
