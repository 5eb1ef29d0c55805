// A calendar date as Latvian official texts write it, in the case its sentence needs: "līdz" takes
// the dative ("iesniegt līdz 2025. gada 23. decembrim"), a deadline on its own the nominative. One
// place for the report, the e-mails and the web app.

export type DateCase = 'nom' | 'gen' | 'dat' | 'acc' | 'loc'

const MONTHS: readonly Readonly<Record<DateCase, string>>[] = [
  { nom: 'janvāris', gen: 'janvāra', dat: 'janvārim', acc: 'janvāri', loc: 'janvārī' },
  { nom: 'februāris', gen: 'februāra', dat: 'februārim', acc: 'februāri', loc: 'februārī' },
  { nom: 'marts', gen: 'marta', dat: 'martam', acc: 'martu', loc: 'martā' },
  { nom: 'aprīlis', gen: 'aprīļa', dat: 'aprīlim', acc: 'aprīli', loc: 'aprīlī' },
  { nom: 'maijs', gen: 'maija', dat: 'maijam', acc: 'maiju', loc: 'maijā' },
  { nom: 'jūnijs', gen: 'jūnija', dat: 'jūnijam', acc: 'jūniju', loc: 'jūnijā' },
  { nom: 'jūlijs', gen: 'jūlija', dat: 'jūlijam', acc: 'jūliju', loc: 'jūlijā' },
  { nom: 'augusts', gen: 'augusta', dat: 'augustam', acc: 'augustu', loc: 'augustā' },
  { nom: 'septembris', gen: 'septembra', dat: 'septembrim', acc: 'septembri', loc: 'septembrī' },
  { nom: 'oktobris', gen: 'oktobra', dat: 'oktobrim', acc: 'oktobri', loc: 'oktobrī' },
  { nom: 'novembris', gen: 'novembra', dat: 'novembrim', acc: 'novembri', loc: 'novembrī' },
  { nom: 'decembris', gen: 'decembra', dat: 'decembrim', acc: 'decembri', loc: 'decembrī' },
]

/**
 * A calendar date ('YYYY-MM-DD') the way Latvian official documents write it:
 * 'nom' "2025. gada 1. decembris", 'gen' "… decembra", 'dat' "līdz 2025. gada 1. decembrim",
 * 'acc' "uz 2025. gada 1. decembri", 'loc' "2025. gada 1. decembrī".
 */
export function formatLatvianDate(isoDate: string, grammaticalCase: DateCase = 'nom'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined
  if (!match || !month) throw new RangeError(`Not a YYYY-MM-DD date: ${isoDate}`)
  return `${match[1]}. gada ${Number(match[3])}. ${month[grammaticalCase]}`
}
