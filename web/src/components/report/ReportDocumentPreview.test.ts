// The preview's opening cites the approving act's point from the settings (reportOpening, as the
// DOCX does), its closing block signs as the DOCX does (docx.ts closing(): "Iekšlietu ministrs" then
// "Vīza: Valsts sekretārs", each name at the right), the tables carry the captions the server numbered,
// and the narrative is quoted „…” as the DOCX prints it (rich-text.ts).
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defaultReportContent, type ReportPreview } from '@apt/shared'
import { i18n } from '../../i18n'
import ReportDocumentPreview from './ReportDocumentPreview.vue'

const preview: ReportPreview = {
  title: 'Informatīvais ziņojums „Par plāna izpildi”',
  opening:
    'Informatīvais ziņojums „Par plāna izpildi” ir sagatavots saskaņā ar Ministru kabineta rīkojumu Nr. 156, kurā noteikts, ka ministrija iesniedz ziņojumu.',
  openingAct: {
    lead: 'Informatīvais ziņojums „Par plāna izpildi” ir sagatavots saskaņā ar Ministru kabineta rīkojuma Nr. 156',
    duty: 'ministrija iesniedz ziņojumu',
  },
  informants: 'Ziņotāji.',
  purpose: 'Mērķis.',
  summary: 'Kopsavilkums.',
  sectors: 'Nozares.',
  framework: null,
  goal: null,
  overview: 'Pārskats.',
  implementationHeading: 'Plāna izpilde',
  actionLines: [
    {
      number: '1',
      heading: 'I rīcības virziens „Viens”',
      goal: null,
      countSentence: 'Kopā šajā rīcības virzienā no viena ieplānotā pasākuma izpildīts ir viens pasākums (skat. 1. tabulu).',
      tableCaption: '1. tabula. I rīcības virzienā iekļauto pasākumu izpilde',
      measures: [{ number: '1.1', title: 'Pasākums', sourceRef: null, status: 'done', excluded: null }],
    },
  ],
  financing: {
    lead: 'Finansējums bija 1 000 euro apmērā.',
    items: [],
    granted: null,
    ministries: [
      {
        label: 'Iekšlietu ministrija (IeM)',
        requestedEur: 1000,
        grantedEur: 0,
        unknownEur: 1000,
        rows: [
          {
            institution: 'Valsts policija (VP)',
            programme: null,
            measures: [{ number: '1.1', sourceRef: null }],
            requestedEur: 1000,
            grantedEur: 0,
            unknownEur: 1000,
          },
        ],
      },
    ],
    tableCaption: '2. tabula. Institūciju norādītais finansējums pa ministrijām un budžeta apakšprogrammām',
    requestedEur: 1000,
    grantedEur: 0,
    unknownEur: 1000,
  },
  surveys: [],
}

function mountPreview(settings: Partial<ReturnType<typeof defaultReportContent>['settings']>) {
  const content = defaultReportContent()
  content.settings = { ...content.settings, ...settings }
  return mount(ReportDocumentPreview, { props: { content, preview }, global: { plugins: [i18n] } })
}

describe('the report preview', () => {
  it('cites the approving act’s point in the opening as the settings give it, and the act alone without one', () => {
    expect(mountPreview({ reportingPoint: '5.' }).get('[data-testid="preview-opening"]').text()).toBe(
      'Informatīvais ziņojums „Par plāna izpildi” ir sagatavots saskaņā ar Ministru kabineta rīkojuma Nr. 156 5. punktu, kurā noteikts, ka ministrija iesniedz ziņojumu.',
    )
    expect(mountPreview({ reportingPoint: '5. un 6.' }).get('[data-testid="preview-opening"]').text()).toContain(
      'rīkojuma Nr. 156 5. un 6. punktu, kuros noteikts, ka',
    )
    expect(mountPreview({}).get('[data-testid="preview-opening"]').text()).toBe(preview.opening)
    // Without an approving act the plan names none, so a point has nothing to cite.
    const noAct = mount(ReportDocumentPreview, {
      props: {
        content: { ...defaultReportContent(), settings: { ...defaultReportContent().settings, reportingPoint: '5.' } },
        preview: { ...preview, opening: 'Ministrija ir sagatavojusi informatīvo ziņojumu.', openingAct: null },
      },
      global: { plugins: [i18n] },
    })
    expect(noAct.get('[data-testid="preview-opening"]').text()).toBe('Ministrija ir sagatavojusi informatīvo ziņojumu.')
  })

  it('signs with the minister and the vīza as the DOCX does', () => {
    const wrapper = mountPreview({
      minister: { title: 'Iekšlietu ministrs', name: 'R. Kozlovskis' },
      visa: { title: 'Valsts sekretārs', name: 'D. Trofimovs' },
    })
    const lines = wrapper
      .get('[data-testid="preview-closing"]')
      .findAll('.signatory')
      .map((p) => p.findAll('span').map((s) => s.text()))
    expect(lines).toEqual([
      ['Iekšlietu ministrs', 'R. Kozlovskis'],
      ['Vīza: Valsts sekretārs', 'D. Trofimovs'],
    ])
  })

  it('shows the vīza alone with its prefix, and no closing block without either', () => {
    const visaOnly = mountPreview({ minister: null, visa: { title: 'Valsts sekretārs', name: 'D. Trofimovs' } })
    expect(visaOnly.get('[data-testid="preview-closing"]').text()).toContain('Vīza: Valsts sekretārs')
    expect(mountPreview({ minister: null, visa: null }).find('[data-testid="preview-closing"]').exists()).toBe(false)
  })

  it('quotes the narrative „…” as the DOCX does, a quotation across runs and in a footnote too', () => {
    const content = defaultReportContent()
    content.actionLines = {
      '1': {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Programma "' },
              { type: 'text', text: 'Drošas skolas', marks: [{ type: 'bold' }] },
              { type: 'text', text: '" un “Drošības vēstneši”' },
              { type: 'footnote', attrs: { text: 'Skat. "Skolu drošība".' } },
              { type: 'text', text: '.' },
            ],
          },
        ],
      },
    }
    const wrapper = mount(ReportDocumentPreview, { props: { content, preview }, global: { plugins: [i18n] } })
    const paragraph = wrapper.findAll('p').find((p) => p.text().startsWith('Programma'))!
    expect(paragraph.text()).toBe('Programma „Drošas skolas” un „Drošības vēstneši”1.')
    expect(paragraph.get('strong').text()).toBe('Drošas skolas')
    expect(wrapper.get('[data-testid="footnotes"]').text()).toBe('Skat. „Skolu drošība”.')
  })

  it('captions the measure and financing tables as the server numbered them', () => {
    const captions = mountPreview({})
      .findAll('caption')
      .map((c) => c.text())
    expect(captions).toEqual([preview.actionLines[0]!.tableCaption, preview.financing.tableCaption])
  })
})
