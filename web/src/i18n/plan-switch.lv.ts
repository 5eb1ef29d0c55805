// Finding and switching plans, in Latvian (the `planSwitch.*` keys of lv.ts): the header's plan
// switcher, the menu's link to every plan and the current plan's mark in the plans list.
// vue-i18n treats { } @ $ | as syntax, so they never appear literally.
const lv = {
  navPlans: 'Plāni',
  label: 'Plāns',
  /** After the visible "Plāns: BNN-2023-2024", for screen readers: what the button does. */
  change: 'mainīt plānu',
  listLabel: 'Pieejamie plāni',
  years: '{start}–{end}',
  current: 'pašreizējais',
  all: 'Visi plāni',
  lead: 'Plāns, kurā strādājat, ir redzams galvenes plāna izvēlnē; sistēma to atceras un nākamreiz atver to pašu. Izvēlieties citu plānu šeit vai galvenē.',
}
export default lv
