// Our own small Latvian dictionary for the password strength estimator (zxcvbn-ts has none): the
// words, names and places a Latvian user reaches for first, the ministries' and institutions'
// words, and the product's own. Most likely first (zxcvbn ranks by position). Each word also
// counts without its diacritics (`rīga` and `riga`), see `latvianDictionary`.

/** A comma-separated list as words (phrases keep their spaces). */
const words = (strings: TemplateStringsArray) =>
  strings
    .join('')
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)

const PASSWORD_WORDS = words`
  parole, paroli, parole1, mana parole, slepens, slepena, slepenā, piekļuve, ienākt, pieslēgties,
  lietotājs, administrators, admins, sveiki, sveiks, labdien, labrīt, paldies, lūdzu, mīlestība,
  mīlu, tevi mīlu, es tevi mīlu, mans, mana, jauns, jauna, jaunā, vecs, dators, internets
`

const COUNTRY = words`
  latvija, latvijas, latvietis, latviete, latviešu, latvis, rīga, rīgas, rīgā, daugava, gauja,
  venta, lielupe, daugavpils, liepāja, jelgava, jūrmala, ventspils, rēzekne, valmiera, ogre,
  cēsis, tukums, sigulda, kuldīga, talsi, bauska, jēkabpils, kurzeme, vidzeme, latgale, zemgale,
  sēlija, baltija, eiropa, brīvība, tēvzeme, dzimtene, dievs, dievs svētī latviju, līgo, jāņi,
  ziemassvētki, lieldienas, republika, latvijas republika, saeima, valdība, valsts, milda
`

const CALENDAR = words`
  janvāris, februāris, marts, aprīlis, maijs, jūnijs, jūlijs, augusts, septembris, oktobris,
  novembris, decembris, pirmdiena, otrdiena, trešdiena, ceturtdiena, piektdiena, sestdiena,
  svētdiena, pavasaris, vasara, rudens, ziema, diena, nakts, rīts, vakars, gads, mēnesis,
  nedēļa, viens, divi, trīs, četri, pieci, seši, septiņi, astoņi, deviņi, desmit
`

const COMMON_WORDS = words`
  saule, mēness, zvaigzne, zeme, ūdens, jūra, upe, ezers, mežs, koks, ozols, liepa, bērzs,
  egle, priede, puķe, rudzupuķe, zieds, kalns, lauks, pļava, māja, mājas, ģimene, mamma,
  mamiņa, tētis, tētiņš, māte, tēvs, brālis, māsa, bērns, bērni, draugs, draudzene, sirds,
  laime, prieks, cerība, dzīve, darbs, skola, kaķis, kaķītis, suns, sunītis, zirgs, lācis,
  vilks, lapsa, zaķis, stārķis, bite, maize, piens, alus, kafija, tēja, auto, mašīna,
  zaļš, zaļais, zils, zilais, sarkans, sarkanais, balts, melns, dzeltens, sudrabs, zelts,
  labs, labi, liels, mazs, skaists, drošs, droša, stiprs, ilgs, kopā, šodien, rīt, vakar
`

const NAMES = words`
  jānis, anna, pēteris, kristīne, andris, inese, māris, ilze, juris, līga, edgars, laura,
  artūrs, kristaps, mārtiņš, ieva, zane, dace, aivars, gunta, ivars, sandra, raivis, liene,
  roberts, elīna, kārlis, agnese, uldis, baiba, valdis, ruta, normunds, signe, aleksandrs,
  jeļena, sergejs, olga, dmitrijs, natālija, vladimirs, tatjana, gints, daiga, guntis, ināra,
  aigars, linda, armands, santa, rihards, marta, emīls, sofija, markuss, alise, toms, katrīna,
  dāvis, evelīna, niks, paula, ričards, rūta, krišjānis, valdemārs, spīdola, lāčplēsis, bērziņš,
  kalniņš, ozoliņš, jansons, ozols, liepiņš, krūmiņš, balodis, eglītis, zariņš, pētersons,
  vītols, kļaviņš, kārkliņš, vanags, lapiņš, šmits, ivanovs, kazaks, miezis, siliņš, priede
`

const INSTITUTIONS = words`
  ministrija, ministrs, iekšlietas, iekšlietu, iekšlietu ministrija, tieslietas, tieslietu,
  tieslietu ministrija, labklājība, labklājības, izglītība, zinātne, veselība, veselības, policija,
  policists, valsts policija, probācija, probācijas, robežsardze, ugunsdzēsēji, glābšanas dienests,
  dienests, pārvalde, ieslodzījums, kanceleja, valsts kanceleja, pašvaldība, pašvaldības, iestāde,
  departaments, nodaļa, birojs, centrs, asociācija, aizsardzība, drošība, kārtība, likums, tiesa,
  tiesiskums, sabiedrība, iem, tm, lm, izm, vm, vp, vugd, vrs, vpd, ievp, bac, vk, lia,
  pasv, gov, gov.lv, lv
`

/** The product's own words: what a user sees on every page and might reuse. */
const PRODUCT = words`
  rīcības plāns, rīcības, plāns, plāna, pasākums, pasākumi, uzraudzība, izpilde, izpildes,
  ziņojums, ziņotājs, ziņotāja, koordinators, koordinatore, skatītājs, pārskats, atskaite,
  kārta, termiņš, statuss, pierādījums, pielikums, iesniegt, apstiprināt, audits, demo,
  action plan, tracker, apt
`

const strip = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '')

/** Each word as written, then without diacritics and without spaces, most likely first, no repeats. */
export function latvianDictionary(): string[] {
  const list = [...PASSWORD_WORDS, ...COUNTRY, ...CALENDAR, ...COMMON_WORDS, ...NAMES, ...INSTITUTIONS, ...PRODUCT]
  const all = new Set<string>()
  for (const word of list) {
    const plain = strip(word)
    for (const form of [word, plain, word.replaceAll(' ', ''), plain.replaceAll(' ', '')]) all.add(form)
  }
  return [...all]
}
