// Rounds that do not surprise, in Latvian (the `roundSafety.*` keys of lv.ts): the warnings before a
// round is opened (a due date already past, measures another open round asks about) with what they
// would cause, and progress that is red only when late, saying why reports outnumber measures.
// vue-i18n treats { } @ $ | as syntax, so they never appear literally.
const lv = {
  check: {
    checking: 'Pārbauda kārtu…',
    title: 'Pirms kārtas atvēršanas ņemiet vērā',
    dueInPast: 'Iesniegšanas termiņš ({date}) jau ir pagājis: visas iestādes uzreiz kavēs.',
    overlap: 'Atvērtā kārta “{title}” (termiņš {date}) jau prasa ziņot par {measures}: {numbers}.',
    overlapMeasures: '{n} no šiem pasākumiem | {n} no šiem pasākumiem | {n} no šiem pasākumiem',
    overlapConsequence:
      'Iestādēm par šiem pasākumiem būs jāiesniedz divi ziņojumi. | Iestādēm par šo pasākumu būs jāiesniedz divi ziņojumi. | Iestādēm par šiem pasākumiem būs jāiesniedz divi ziņojumi.',
    question: 'Vai tomēr atvērt kārtu?',
    confirm: 'Jā, atvērt kārtu',
    back: 'Nē, labot kārtas datus',
  },
  progress: {
    notStarted: 'Vēl nav sākts',
    late: 'Kavēts',
    missingLate: 'Nav sākts, kavēts',
    owed: 'Kārtā jāiesniedz {reports} par {measures}: par katru pasākumu savu ziņojumu iesniedz katra tā atbildīgā un iesaistītā iestāde.',
    reports: '{n} ziņojumu | {n} ziņojums | {n} ziņojumi',
    measures: '{n} pasākumiem | {n} pasākumu | {n} pasākumiem',
    dueIn: 'termiņš šodien | termiņš pēc {n} dienas | termiņš pēc {n} dienām',
    notLateYet: 'Līdz termiņam neiesniegtais nav kavēts.',
    openRounds: 'Atvērtās atskaites kārtas ({n})',
    byInstitution: 'Iesniegšana pa iestādēm: {title}',
  },
}
export default lv
