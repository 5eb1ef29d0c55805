// The open-data catalogue as DCAT-AP in JSON-LD, for the national portal to harvest: one
// dcat:Dataset per published plan (and per published survey's results), each with its title,
// description, publisher (the coordinating ministry as a foaf:Agent), dates, licence and one
// dcat:Distribution per format. The context is inline, so a reader needs no remote document.
import type { PublishedPlan } from '@apt/shared'

export const CATALOG_PATH = '/open-data/catalog.jsonld'

export const CATALOG_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
}

/** The EU's file-type authority table and IANA's media types, as DCAT-AP asks for dct:format and dcat:mediaType. */
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/'
const MEDIA_TYPE = 'https://www.iana.org/assignments/media-types/'
const FORMATS = {
  json: { mediaType: 'application/json', fileType: 'JSON' },
  csv: { mediaType: 'text/csv', fileType: 'CSV' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileType: 'DOCX' },
  html: { mediaType: 'text/html', fileType: 'HTML' },
} as const
type Format = keyof typeof FORMATS

const lv = (text: string) => ({ '@value': text, '@language': 'lv' })
const en = (text: string) => ({ '@value': text, '@language': 'en' })
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' })
const ref = (url: string) => ({ '@id': url })

function distribution(url: string, format: Format, title: { lv: string; en: string }, licence: string, modified: string) {
  const { mediaType, fileType } = FORMATS[format]
  return {
    '@id': `${url}#distribution`,
    '@type': 'dcat:Distribution',
    'dct:title': [lv(title.lv), en(title.en)],
    'dcat:accessURL': ref(url),
    'dcat:downloadURL': ref(url),
    'dcat:mediaType': ref(`${MEDIA_TYPE}${mediaType}`),
    'dct:format': ref(`${FILE_TYPE}${fileType}`),
    'dct:license': ref(licence),
    'dct:modified': dateTime(modified),
  }
}

function publisher(baseUrl: string, institution: PublishedPlan['coordinator']) {
  return {
    '@id': `${baseUrl}/open-data/publishers/${encodeURIComponent(institution.code)}`,
    '@type': 'foaf:Agent',
    'foaf:name': lv(institution.name),
    'dct:identifier': institution.code,
  }
}

const total = (plan: PublishedPlan) => plan.summary.total

function planDataset(baseUrl: string, plan: PublishedPlan) {
  const page = `${baseUrl}/p/${encodeURIComponent(plan.code)}`
  const licence = plan.licence.url
  const describe = plan.goal?.trim()
    ? plan.goal
    : `Rīcības plāna “${plan.title}” (${plan.period.start} – ${plan.period.end}) ${total(plan)} pasākumu izpildes gaita: atbildīgās institūcijas, termiņi, finansējums, izpildes pakāpe un vērtējums.`
  return {
    '@id': `${page}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:identifier': plan.code,
    'dct:title': lv(plan.title),
    'dct:description': lv(describe),
    'dct:publisher': publisher(baseUrl, plan.coordinator),
    'dct:issued': dateTime(plan.publishedAt),
    'dct:modified': dateTime(plan.updatedAt),
    'dct:license': ref(licence),
    'dct:language': ref('http://publications.europa.eu/resource/authority/language/LAV'),
    'dct:temporal': {
      '@type': 'dct:PeriodOfTime',
      'dcat:startDate': { '@value': plan.period.start, '@type': 'xsd:date' },
      'dcat:endDate': { '@value': plan.period.end, '@type': 'xsd:date' },
    },
    'dcat:landingPage': ref(page),
    'dcat:keyword': [lv('rīcības plāns'), lv('pasākumu izpilde'), en('action plan')],
    'dcat:distribution': [
      distribution(
        `${page}/data.json`,
        'json',
        { lv: 'Plāns action-plan/1 formātā', en: 'The plan as action-plan/1' },
        licence,
        plan.updatedAt,
      ),
      distribution(`${page}/measures.csv`, 'csv', { lv: 'Pasākumi (CSV)', en: 'Measures (CSV)' }, licence, plan.updatedAt),
      ...plan.reports.map((report) =>
        distribution(
          `${baseUrl}${report.downloadPath}`,
          'docx',
          { lv: `Informatīvais ziņojums: ${report.fileName}`, en: `Informative report: ${report.fileName}` },
          licence,
          report.publishedAt,
        ),
      ),
    ],
  }
}

function surveyDataset(baseUrl: string, plan: PublishedPlan, survey: PublishedPlan['surveys'][number]) {
  const url = `${baseUrl}/p/${encodeURIComponent(plan.code)}/surveys/${encodeURIComponent(survey.code)}/results.json`
  const title = survey.period ? `${survey.title} (${survey.period})` : survey.title
  return {
    '@id': `${url}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `${plan.code}/${survey.code}`,
    'dct:title': lv(`${title}: apkopotie rezultāti`),
    'dct:description': lv(
      `Aptaujas “${title}” apkopotie rezultāti rīcības plānam “${plan.title}”: atbilžu skaits un daļa katram jautājumam.`,
    ),
    'dct:publisher': publisher(baseUrl, plan.coordinator),
    'dct:issued': dateTime(survey.publishedAt),
    'dct:modified': dateTime(survey.publishedAt),
    'dct:license': ref(plan.licence.url),
    'dcat:distribution': [
      distribution(url, 'json', { lv: 'Rezultāti (JSON)', en: 'Results (JSON)' }, plan.licence.url, survey.publishedAt),
    ],
  }
}

/** The catalogue of every published plan and survey result; `baseUrl` is PUBLIC_URL without its trailing slash. */
export function buildCatalog(baseUrl: string, plans: readonly PublishedPlan[], licence: { name: string; url: string }) {
  const modified = plans
    .map((p) => p.updatedAt)
    .sort()
    .at(-1)
  return {
    '@context': CATALOG_CONTEXT,
    '@id': `${baseUrl}${CATALOG_PATH}`,
    '@type': 'dcat:Catalog',
    'dct:title': [lv('Rīcības plānu izpildes atvērtie dati'), en('Open data of action plans’ implementation')],
    'dct:description': [
      lv('Publicēto rīcības plānu pasākumi, to izpildes gaita un aptauju apkopotie rezultāti.'),
      en('The measures of published action plans, their progress and survey results.'),
    ],
    'dct:license': { '@id': licence.url, 'dct:title': licence.name },
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    'foaf:homepage': ref(`${baseUrl}/`),
    'dcat:dataset': plans.flatMap((plan) => [planDataset(baseUrl, plan), ...plan.surveys.map((s) => surveyDataset(baseUrl, plan, s))]),
  }
}
