// The report's financing chapter: the lead sentence with the sum per institution, and the table
// of the money by institution and budget sub-programme, with the coordinator's text after it.
import { AlignmentType, HeadingLevel, Paragraph, type FileChild } from 'docx'
import type { DocInstitution, ReportPreview } from '@apt/shared'
import type { FinancingGroup, InstitutionFinancing, PlanFigures } from './figures.js'
import { institutionLabel } from './institution-labels.js'
import { formatEuro } from './latvian.js'
import { dotted } from './text.js'
import { CONTENT_WIDTH, TABLE_TEXT, caption, heading, paragraphs, runs, table } from './word.js'

/**
 * The financing lead and its per-institution list, e.g. "Īstenošanā iesaistīto institūciju
 * identificētais finansējums Plāna pasākumu īstenošanai bija 153 500 euro apmērā, tai skaitā:"
 * followed by "Iekšlietu ministrija (IeM) – 46 000 euro;" …
 */
export function financingLead(
  financing: {
    byInstitution: readonly InstitutionFinancing[]
    requestedEur: number
    grantedEur: number
    groups: readonly FinancingGroup[]
  },
  institutions: Map<string, DocInstitution>,
): { lead: string; items: string[]; granted: string | null } {
  if (financing.groups.length === 0) {
    return { lead: 'Plāna pasākumiem nav norādīts finansējums ar konkrētām summām.', items: [], granted: null }
  }
  const several = financing.byInstitution.length > 1
  const lead = `Īstenošanā iesaistīto institūciju identificētais finansējums Plāna pasākumu īstenošanai bija ${formatEuro(financing.requestedEur)} apmērā${several ? ', tai skaitā:' : '.'}`
  const items = several
    ? financing.byInstitution.map(
        (entry, index, all) =>
          `${entry.institution ? institutionLabel(entry.institution, institutions) : 'Institūcija nav norādīta'} – ${formatEuro(entry.requestedEur)}${index === all.length - 1 ? '.' : ';'}`,
      )
    : []
  let granted: string
  if (financing.grantedEur === 0) granted = 'Šis finansējums netika piešķirts.'
  else if (financing.grantedEur >= financing.requestedEur) granted = 'Šis finansējums tika piešķirts pilnā apmērā.'
  else granted = `No tā tika piešķirti ${formatEuro(financing.grantedEur)}.`
  return { lead, items, granted }
}

function financingTable(groups: readonly FinancingGroup[], figures: PlanFigures, institutions: Map<string, DocInstitution>) {
  const amount = (value: number) => [
    new Paragraph({ style: TABLE_TEXT, alignment: AlignmentType.RIGHT, children: runs(formatEuro(value)) }),
  ]
  const text = (value: string) => [new Paragraph({ style: TABLE_TEXT, children: runs(value) })]
  const rows = groups.map((group) => [
    text(group.institution ? institutionLabel(group.institution, institutions) : 'Nav norādīta'),
    text(group.programme ?? 'Nav norādīta'),
    text(group.measures.map(dotted).join(', ')),
    amount(group.requestedEur),
    amount(group.grantedEur),
  ])
  const bold = (value: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) => [
    new Paragraph({ style: TABLE_TEXT, alignment, children: runs(value, { bold: true }) }),
  ]
  rows.push([
    bold('Kopā'),
    [],
    [],
    bold(formatEuro(figures.financing.requestedEur), AlignmentType.RIGHT),
    bold(formatEuro(figures.financing.grantedEur), AlignmentType.RIGHT),
  ])
  return table(
    [
      { header: 'Institūcija', width: 2300 },
      { header: 'Budžeta apakšprogramma', width: 2354 },
      { header: 'Pasākumi', width: 1700 },
      { header: 'Pieprasīts', width: 1500 },
      { header: 'Piešķirts', width: CONTENT_WIDTH - 2300 - 2354 - 1700 - 1500 },
    ],
    rows,
  )
}

export function financing(
  chapter: number,
  figures: PlanFigures,
  /** The coordinator's text after the figures. */
  narrative: readonly FileChild[],
  institutions: Map<string, DocInstitution>,
): FileChild[] {
  const { lead, items, granted } = financingLead(figures.financing, institutions)
  const tableNumber = figures.byActionLine.filter((line) => line.total > 0).length + 1
  const groups = figures.financing.groups
  return [
    heading(`${chapter}. Finansējums`, HeadingLevel.HEADING_1),
    new Paragraph({ children: runs(lead) }),
    ...items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) })),
    ...(granted ? [new Paragraph({ children: runs(granted) })] : []),
    ...(groups.length > 0
      ? [
          caption(`${tableNumber}. tabula. Institūciju norādītais finansējums pa budžeta apakšprogrammām`),
          financingTable(groups, figures, institutions),
          new Paragraph({}),
        ]
      : []),
    ...narrative,
  ]
}

/**
 * The financing chapter's figures for the editor's preview.
 * PLACEHOLDER: one "ministry" per institution of the old groups; the roll-up to ministries is to come.
 */
export function financingPreview(figures: PlanFigures, institutions: Map<string, DocInstitution>): ReportPreview['financing'] {
  const { lead, items, granted } = financingLead(figures.financing, institutions)
  const ministries = figures.financing.groups.map((group) => ({
    label: group.institution ? institutionLabel(group.institution, institutions) : 'Citas institūcijas',
    requestedEur: group.requestedEur,
    grantedEur: group.grantedEur,
    unknownEur: 0,
    rows: [
      {
        institution: group.institution ? institutionLabel(group.institution, institutions) : null,
        programme: group.programme,
        measures: group.measures.map((number) => ({ number, sourceRef: null })),
        requestedEur: group.requestedEur,
        grantedEur: group.grantedEur,
        unknownEur: 0,
      },
    ],
  }))
  return { lead, items, granted, ministries, requestedEur: figures.financing.requestedEur, grantedEur: figures.financing.grantedEur, unknownEur: 0 }
}
