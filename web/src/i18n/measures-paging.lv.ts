// The measures table's pages, in Latvian (the `measuresPaging.*` keys of lv.ts): a plan of 1,000
// measures is shown a page at a time, with GOV.UK-style page links under the table.
// vue-i18n treats { } @ $ | as syntax, so they never appear literally.
const lv = {
  /** After "Atrasti 1000 pasākumi": which of them the page shows. */
  showing: 'rāda {from}.–{to}.',
  nav: 'Pasākumu saraksta lapas',
  previous: 'Iepriekšējā',
  next: 'Nākamā',
  /** For screen readers after "Iepriekšējā" / "Nākamā". */
  pageWord: 'lapa',
  page: '{n}. lapa',
  /** The page the table shows, for screen readers. */
  current: '{n}. lapa, pašreizējā',
}

export default lv
