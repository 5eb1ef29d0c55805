// The generated Latvian sentences: the demo's exact wording and graceful singulars and zeros.
import { describe, expect, it } from 'vitest'
import { openingWithPoint } from '@apt/shared'
import { computeFigures, institutionIndex } from '../../src/report/figures.js'
import {
  actionLineCountSentence,
  informantsSentence,
  measureStatusText,
  openingAct,
  openingSentence,
  planOverviewSentence,
  reportTitle,
  sectorSentence,
  summarySentence,
  summaryWithExclusions,
} from '../../src/report/sentences.js'
import { loadDemoPlan } from './ooxml.js'

const demo = loadDemoPlan()
const figures = computeFigures(demo)
const institutions = institutionIndex(demo)
const counts = (done: number, partial: number, not_done: number, pending = 0) => ({
  done,
  partial,
  not_done,
  pending,
  total: done + partial + not_done + pending,
})

describe('summary sentence', () => {
  it('is exactly the seed’s wording for the demo', () => {
    expect(summarySentence(figures.byStatus, figures.total)).toBe(
      'Kopā no Plānā iekļautajiem 30 pasākumiem izpildīti ir 19 pasākumi, daļēji izpildīti 9 pasākumi un nav izpildīti 2 pasākumi.',
    )
  })

  it('agrees singulars, leaves out zeros and mentions unrated measures', () => {
    const c = counts(21, 1, 0)
    expect(summarySentence(c, c.total)).toBe(
      'Kopā no Plānā iekļautajiem 22 pasākumiem izpildīts ir 21 pasākums un daļēji izpildīts 1 pasākums.',
    )
    const d = counts(0, 0, 11, 10)
    expect(summarySentence(d, d.total)).toBe(
      'Kopā no Plānā iekļautā 21 pasākuma nav izpildīti 11 pasākumi un vēl nav novērtēti 10 pasākumi.',
    )
    const all = counts(5, 0, 0)
    expect(summarySentence(all, all.total)).toBe('Kopā no Plānā iekļautajiem 5 pasākumiem izpildīti ir visi 5 pasākumi.')
    expect(summarySentence(counts(0, 0, 0), 0)).toBe('Plānā nav iekļauts neviens pasākums.')
  })
})

describe('action line count sentence', () => {
  it('writes numerals in words as the seed does', () => {
    expect(actionLineCountSentence(figures.byActionLine[1], 2)).toBe(
      'Kopā šajā rīcības virzienā no vienpadsmit ieplānotajiem pasākumiem izpildīti ir seši pasākumi, četri vērtēti kā daļēji izpildīti, bet viens pasākums vērtēts kā neizpildīts (skat. 2. tabulu).',
    )
    expect(actionLineCountSentence(figures.byActionLine[0], 1)).toBe(
      'Kopā šajā rīcības virzienā no deviņiem ieplānotajiem pasākumiem izpildīti ir astoņi pasākumi, bet viens pasākums vērtēts kā daļēji izpildīts (skat. 1. tabulu).',
    )
  })

  it('handles one measure, all in one status, and none', () => {
    expect(actionLineCountSentence(counts(1, 0, 0), 3)).toBe(
      'Kopā šajā rīcības virzienā no viena ieplānotā pasākuma izpildīts ir viens pasākums (skat. 3. tabulu).',
    )
    expect(actionLineCountSentence(counts(0, 4, 0), null)).toBe(
      'Kopā šajā rīcības virzienā no četriem ieplānotajiem pasākumiem visi četri pasākumi vērtēti kā daļēji izpildīti.',
    )
    expect(actionLineCountSentence(counts(20, 0, 1), 1)).toBe(
      'Kopā šajā rīcības virzienā no divdesmit viena ieplānotā pasākuma izpildīti ir divdesmit pasākumi, bet viens pasākums vērtēts kā neizpildīts (skat. 1. tabulu).',
    )
    expect(actionLineCountSentence(counts(0, 0, 0), null)).toBe('Šajā rīcības virzienā nav iekļauts neviens pasākums.')
  })
})

describe('other sentences', () => {
  it('names the sectors as the seed does', () => {
    expect(sectorSentence(figures.bySector, figures.total, institutions)).toBe(
      'Vērtējot iestāžu ieguldījumu, jānorāda, ka no 30 pasākumiem iekšlietu nozares iestādes bija atbildīgas par divpadsmit pasākumu izpildi, bet tieslietu nozares iestādes – par desmit pasākumu izpildi. ' +
        'Četru pasākumu izpilde vienlaikus bija vairāku nozaru līdzatbildībā un četru pasākumu izpilde bija LIA atbildībā.',
    )
  })

  it('opens with the act, the coordinator and the due date', () => {
    expect(reportTitle(demo)).toBe(
      'Informatīvais ziņojums „Par Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpildi”',
    )
    expect(openingSentence(demo, institutions)).toBe(
      'Informatīvais ziņojums „Par Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpildi” ' +
        'ir sagatavots saskaņā ar Ministru kabineta 2023. gada 22. marta rīkojumu Nr. 156, kurā noteikts, ka Iekšlietu ministrija sagatavo un ' +
        'līdz 2025. gada 1. decembrim iesniedz noteiktā kārtībā Ministru kabinetā ziņojumu par plāna izpildi.',
    )
    // Without an approving act the opening simply says who prepared it and for when.
    const noAct = { ...demo, plan: { ...demo.plan, approvedBy: null } }
    expect(openingSentence(noAct, institutions)).toBe(
      'Iekšlietu ministrija ir sagatavojusi informatīvo ziņojumu „Par Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpildi”, ' +
        'lai līdz 2025. gada 1. decembrim to iesniegtu Ministru kabinetā.',
    )
    const bare = { ...demo, plan: { ...demo.plan, approvedBy: null, reportDue: null } }
    expect(openingSentence(bare, institutions)).toMatch(
      /^Iekšlietu ministrija ir sagatavojusi informatīvo ziņojumu „Par .*” iesniegšanai Ministru kabinetā\.$/,
    )
    expect(openingSentence(bare, institutions)).not.toContain(', jo ')
  })

  it('cites the point of the approving act that sets the duty, the act in the genitive, as the seed does', () => {
    expect(openingSentence(demo, institutions, '5.')).toBe(
      'Informatīvais ziņojums „Par Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāna 2023.-2024. gadam izpildi” ' +
        'ir sagatavots saskaņā ar Ministru kabineta 2023. gada 22. marta rīkojuma Nr. 156 5. punktu, kurā noteikts, ka Iekšlietu ministrija sagatavo un ' +
        'līdz 2025. gada 1. decembrim iesniedz noteiktā kārtībā Ministru kabinetā ziņojumu par plāna izpildi.',
    )
    // Several points: "kuros".
    expect(openingSentence(demo, institutions, '5. un 6.')).toContain(
      'rīkojuma Nr. 156 5. un 6. punktu, kuros noteikts, ka Iekšlietu ministrija',
    )
    // The act with its own title quoted: the point follows the title, as in the seed.
    const titled = {
      ...demo,
      plan: { ...demo.plan, approvedBy: 'Ministru kabineta 2023. gada 22. marta rīkojums Nr. 156 "Par plānu 2023.-2024. gadam"' },
    }
    expect(openingSentence(titled, institutions, '5.')).toContain(
      'saskaņā ar Ministru kabineta 2023. gada 22. marta rīkojuma Nr. 156 „Par plānu 2023.-2024. gadam” 5. punktu, kurā noteikts',
    )
    // An act whose head noun is unknown is named in brackets, in the genitive.
    const unknownHead = { ...demo, plan: { ...demo.plan, approvedBy: 'MK 22.03.2023. akts Nr. 156' } }
    expect(openingSentence(unknownHead, institutions, '5.')).toContain(
      'saskaņā ar plāna apstiprināšanas akta (MK 22.03.2023. akts Nr. 156) 5. punktu, kurā noteikts',
    )
    // A blank point reads as none; without an approving act a point has nothing to cite.
    expect(openingSentence(demo, institutions, '  ')).toBe(openingSentence(demo, institutions))
    const noAct = { ...demo, plan: { ...demo.plan, approvedBy: null } }
    expect(openingSentence(noAct, institutions, '5.')).toBe(openingSentence(noAct, institutions))
    expect(openingAct(noAct, institutions)).toBeNull()
    // The preview's halves and the sentence are one wording.
    expect(openingWithPoint(openingAct(demo, institutions)!, '5.')).toBe(openingSentence(demo, institutions, '5.'))
  })

  it('lists the informants and gives the plan overview', () => {
    // As the seed: the ministries (in the document's order), their agencies together, then the others.
    expect(informantsSentence(['IeM', 'LM', 'IZM', 'VM', 'TM', 'VP', 'VPD', 'BAC', 'LIA'], institutions)).toBe(
      'Informatīvajā ziņojumā iekļauta IeM, LM, IZM, VM, TM un minēto institūciju padotības iestāžu, kā arī LIA sniegtā informācija.',
    )
    // A ministry is named when only its agency reported.
    expect(informantsSentence(['VP', 'VRS'], institutions)).toBe(
      'Informatīvajā ziņojumā iekļauta IeM un tās padotības iestāžu sniegtā informācija.',
    )
    expect(informantsSentence(['IeM', 'TM', 'VP', 'IeVP', 'LIA'], institutions)).toBe(
      'Informatīvajā ziņojumā iekļauta IeM, TM un minēto institūciju padotības iestāžu, kā arī LIA sniegtā informācija.',
    )
    expect(informantsSentence(['TM', 'IeM'], institutions)).toBe('Informatīvajā ziņojumā iekļauta IeM un TM sniegtā informācija.')
    expect(informantsSentence(['LIA'], institutions)).toBe('Informatīvajā ziņojumā iekļauta LIA sniegtā informācija.')
    // An institution without an official abbreviation is named in full, never by its code.
    const noAbbreviation = new Map(institutions)
    noAbbreviation.set('PASV', { ...institutions.get('PASV')!, abbreviation: null })
    expect(informantsSentence(['VP', 'LIA', 'PASV'], noAbbreviation)).toBe(
      'Informatīvajā ziņojumā iekļauta IeM un tās padotības iestāžu, kā arī LIA un Pašvaldības sniegtā informācija.',
    )
    expect(planOverviewSentence(30, 4)).toBe('Plānā kopā tika noteikti 30 pasākumi, kas tika iedalīti četros rīcības virzienos:')
    expect(planOverviewSentence(21, 1)).toBe('Plānā kopā tika noteikts 21 pasākums, kas tika iedalīts vienā rīcības virzienā:')
  })
})

describe('measures excluded by an amendment', () => {
  const excluded = { act: 'MK 2024. gada 5. marta rīkojums Nr. 170', date: '2024-03-05' }

  it('read "Izslēgts (act, date)" in place of their status', () => {
    expect(measureStatusText({ status: 'done', excluded })).toBe('Izslēgts (MK 2024. gada 5. marta rīkojums Nr. 170, 05.03.2024.)')
    expect(measureStatusText({ status: 'partial', excluded: null })).toBe('Daļēji izpildīts')
    expect(measureStatusText({ status: 'partial' })).toBe('Daļēji izpildīts')
  })

  it('are named after the counts they are left out of', () => {
    expect(summaryWithExclusions(counts(3, 1, 0), 4, 0)).toBe(summarySentence(counts(3, 1, 0), 4))
    expect(summaryWithExclusions(counts(3, 1, 0), 4, 1)).toBe(
      `${summarySentence(counts(3, 1, 0), 4)} Ar Plāna grozījumiem izslēgts 1 pasākums; tas šajā skaitā nav ieskaitīts.`,
    )
    expect(actionLineCountSentence({ ...counts(2, 0, 0), excluded: 2 }, 3)).toMatch(
      /\(skat\. 3\. tabulu\)\. Ar Plāna grozījumiem izslēgti 2 pasākumi; tie šajā skaitā nav ieskaitīti\.$/,
    )
    // The table still lists the excluded measures, so it is cited like every other.
    expect(actionLineCountSentence({ ...counts(0, 0, 0), excluded: 2 }, 3)).toBe(
      'Visi šī rīcības virziena pasākumi ir izslēgti no Plāna (skat. 3. tabulu).',
    )
  })
})
