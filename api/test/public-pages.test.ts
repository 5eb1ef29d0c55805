// The public progress pages (/p/{planCode}, issue 17): without a session, the published demo plan's
// pages answer HTML with every measure's title and status; search and filters narrow the list; a
// page answers 304 to its own ETag and a new ETag once something public changed; an unpublished or
// unknown plan is a 404 page; a title with markup is shown as text.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MEASURE_STATUS_LABELS, type MeasureStatus, questionsOf } from '@apt/shared'
import { measures, surveys } from '../src/db/schema/index.js'
import { loadPublishedSurveyResults } from '../src/plugins/public/published-survey.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { draft, measuresByNumber, openRound, step, tinyPdf, upload } from './round-fixtures.js'
import { leaks, nonPublicStrings } from './support/non-public-strings.js'

interface ListedMeasure {
  id: number
  number: string
  title: string
  status: MeasureStatus
  actionLine: { number: string }
  responsible: string[]
  involved: string[]
  sector: string
  version: number
}

let t: TestApp
let coordinator: Client
let planId: number
let planCode: string
/** The demo plan's measures as the product's own API lists them: what the pages must show. */
let expected: ListedMeasure[]

/** As the templates write text: Eta escapes these five characters. */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** The measure table's rows by measure number: each row's HTML. */
function rowsOf(html: string): Map<string, string> {
  const table = html.slice(html.indexOf('<table class="measures">'))
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'))
  const rows = body.split('<tr>').slice(1)
  return new Map(rows.map((row) => [/<td>([^<]+)<\/td>/.exec(row)![1]!, row]))
}

async function listMeasures(): Promise<ListedMeasure[]> {
  const res = await coordinator.get(`/api/plans/${planId}/measures`)
  expect(res.status).toBe(200)
  return res.body
}

async function publish() {
  expect((await coordinator.post(`/api/plans/${planId}/publish`)).status).toBe(200)
}

beforeAll(async () => {
  t = await startTestApp()
  coordinator = await t.login(DEMO.planCoordinator)
  planId = await t.demoPlanId()
  planCode = (await coordinator.get(`/api/plans/${planId}`)).body.code
  expected = await listMeasures()
  expect(expected.length).toBeGreaterThan(10)
})
afterAll(() => t?.close())

describe('before publishing', () => {
  it('every page of the plan is a 404 page, as for a plan that does not exist', async () => {
    for (const path of [`/p/${planCode}`, `/p/${planCode}/lines/1`, `/p/${planCode}/measures/${expected[0]!.number}`, '/p/NO-SUCH-PLAN']) {
      const res = await t.http.get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers.etag).toBeUndefined()
      expect(res.text).toContain('<h1>Lapa nav atrasta</h1>')
      expect(res.text).not.toContain(expected[0]!.title.slice(0, 40))
    }
  })
})

describe('the published plan', () => {
  beforeAll(publish)

  it('overview: 200 HTML without a session, every measure with its number, title and status', async () => {
    const res = await t.http.get(`/p/${planCode}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="lv">/)
    expect(res.text.match(/<h1[ >]/g)).toHaveLength(1)
    const rows = rowsOf(res.text)
    expect([...rows.keys()]).toEqual(expected.map((m) => m.number))
    for (const measure of expected) {
      const row = rows.get(measure.number)!
      expect(row).toContain(escapeHtml(measure.title))
      expect(row).toContain(`>${MEASURE_STATUS_LABELS.lv[measure.status]}</span>`)
      expect(row).toContain(`href="/p/${planCode}/measures/${measure.number}"`)
    }
    // The figures state every status's count in text.
    for (const status of ['done', 'partial', 'not_done', 'pending'] as const) {
      const count = expected.filter((m) => m.status === status).length
      expect(res.text).toMatch(new RegExp(`${MEASURE_STATUS_LABELS.lv[status]}</dt><dd>${count}</dd>`))
    }
    // Open data links, the stylesheet from the API itself, no script.
    expect(res.text).toContain(`href="/p/${planCode}/data.json"`)
    expect(res.text).toContain(`href="/p/${planCode}/measures.csv"`)
    expect(res.text).not.toMatch(/<script/i)
    const css = /<link rel="stylesheet" href="([^"]+)">/.exec(res.text)![1]!
    const stylesheet = await t.http.get(css)
    expect(stylesheet.status).toBe(200)
    expect(stylesheet.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(stylesheet.headers['cache-control']).toContain('immutable')
  })

  it('in English with ?lang=en: the html lang, the labels, links that keep the language', async () => {
    const res = await t.http.get(`/p/${planCode}?lang=en`)
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/)
    const rows = rowsOf(res.text)
    for (const measure of expected) expect(rows.get(measure.number)).toContain(`>${MEASURE_STATUS_LABELS.en[measure.status]}</span>`)
    expect(res.text).toContain(`href="/p/${planCode}/measures/${expected[0]!.number}?lang=en"`)
    expect(res.text).toContain(`<a class="language" href="/p/${planCode}" lang="lv" hreflang="lv">Latviski</a>`)
  })

  it('search and filters narrow the list to what the product’s own filters find', async () => {
    const sample = expected.find((m) => m.status === 'partial')!
    const byVP = expected.filter((m) => [...m.responsible, ...m.involved].includes('VP'))
    const sector = expected[0]!.sector
    const cases: [string, (m: ListedMeasure) => boolean][] = [
      ['status=partial', (m) => m.status === 'partial'],
      ['line=2', (m) => m.actionLine.number === '2'],
      ['institution=VP', (m) => byVP.includes(m)],
      [`sector=${sector}`, (m) => m.sector === sector],
      ['status=done&line=1', (m) => m.status === 'done' && m.actionLine.number === '1'],
      [`q=${encodeURIComponent(sample.number)}`, (m) => m.number === sample.number || m.number.startsWith(`${sample.number}.`)],
      ['status=&line=&institution=&sector=&q=', () => true],
    ]
    for (const [query, keep] of cases) {
      const res = await t.http.get(`/p/${planCode}?${query}`)
      expect(res.status, query).toBe(200)
      const numbers = [...rowsOf(res.text).keys()]
      const wanted = expected.filter(keep).map((m) => m.number)
      expect(numbers, query).toEqual(wanted)
      expect(wanted.length, query).toBeGreaterThan(0)
    }
    // A word of a title, in another case, finds that measure; words that match nothing say so.
    const word = sample.title
      .split(/\s+/)
      .find((w) => w.length > 6)!
      .replace(/[^\p{L}]/gu, '')
    const found = await t.http.get(`/p/${planCode}?q=${encodeURIComponent(word.toLocaleUpperCase('lv'))}`)
    expect([...rowsOf(found.text).keys()]).toContain(sample.number)
    const none = await t.http.get(`/p/${planCode}?q=zzzqqq`)
    expect(none.text).toContain('Neviens pasākums neatbilst atlasei.')
    expect(none.text).not.toContain('<table class="measures">')
    // The form shows the choice made.
    const chosen = await t.http.get(`/p/${planCode}?status=partial&q=${encodeURIComponent('a"b')}`)
    expect(chosen.text).toContain('<option value="partial" selected>')
    expect(chosen.text).toContain('value="a&quot;b"')
  })

  it('a bad filter value or an overlong search is a 400 page, not a 500', async () => {
    for (const query of ['status=finished', `q=${'x'.repeat(201)}`, 'lang=de']) {
      const res = await t.http.get(`/p/${planCode}?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.text).toContain('<h1>Nepareizs pieprasījums</h1>')
    }
  })

  it('an action line page lists its measures; a measure page shows its facts; unknown ones are 404', async () => {
    const line = await t.http.get(`/p/${planCode}/lines/2`)
    expect(line.status).toBe(200)
    expect([...rowsOf(line.text).keys()]).toEqual(expected.filter((m) => m.actionLine.number === '2').map((m) => m.number))

    for (const measure of expected) {
      const res = await t.http.get(`/p/${planCode}/measures/${measure.number}`)
      expect(res.status, measure.number).toBe(200)
      expect(res.text).toContain(`${measure.number}. pasākums</span> ${escapeHtml(measure.title)}</h1>`)
      expect(res.text).toContain(`class="status status-${measure.status}">${MEASURE_STATUS_LABELS.lv[measure.status]}<`)
    }
    for (const path of [`/p/${planCode}/lines/99`, `/p/${planCode}/measures/99.9`]) {
      const res = await t.http.get(path)
      expect(res.status, path).toBe(404)
      expect(res.text).toContain('<h1>Lapa nav atrasta</h1>')
    }
  })

  it('ETag: 304 to the same page, another ETag per language and query, a new one after a public change', async () => {
    const path = `/p/${planCode}/measures/${expected[0]!.number}`
    const first = await t.http.get(path)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.headers['cache-control']).toBe('public, max-age=60')
    expect(first.headers['last-modified']).toBeDefined()

    const again = await t.http.get(path).set('If-None-Match', etag)
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect((await t.http.get(path).set('If-None-Match', `"other", W/${etag}`)).status).toBe(304)
    expect((await t.http.get(path).set('If-None-Match', '"other"')).status).toBe(200)

    const english = await t.http.get(`${path}?lang=en`)
    expect(english.headers.etag).not.toBe(etag)
    const filtered = await t.http.get(`/p/${planCode}?status=done`)
    const unfiltered = await t.http.get(`/p/${planCode}`)
    expect(filtered.headers.etag).not.toBe(unfiltered.headers.etag)

    // The coordinator changes the measure's official status: the page is new.
    const measure = expected[0]!
    const detail = (await coordinator.get(`/api/measures/${measure.id}`)).body
    const status = measure.status === 'partial' ? 'done' : 'partial'
    const change = await coordinator.patch(`/api/measures/${measure.id}`, {
      version: detail.version,
      status,
      reason: 'Public page test',
      keepAssessment: true,
    })
    expect(change.status).toBe(200)
    const changed = await t.http.get(path).set('If-None-Match', etag)
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(changed.text).toContain(`class="status status-${status}">${MEASURE_STATUS_LABELS.lv[status]}<`)
    expect(changed.text).toContain('Public page test')
  })

  it('a title with markup is shown as text, never as markup', async () => {
    const measure = expected[1]!
    const title = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'quoted'`
    await t.app.db.update(measures).set({ title }).where(eq(measures.id, measure.id))
    await t.app.changes.caughtUp()
    for (const path of [
      `/p/${planCode}`,
      `/p/${planCode}/lines/${measure.actionLine.number}`,
      `/p/${planCode}/measures/${measure.number}`,
    ]) {
      const res = await t.http.get(path)
      expect(res.status, path).toBe(200)
      expect(res.text, path).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quoted&#39;',
      )
      expect(res.text, path).not.toMatch(/<script|<img/i)
    }
    await t.app.db.update(measures).set({ title: measure.title }).where(eq(measures.id, measure.id))
    await t.app.changes.caughtUp()
  })

  it('the pages are GET only and the same for anyone, logged in or not', async () => {
    const path = `/p/${planCode}`
    const anonymous = await t.http.get(path)
    const loggedIn = await coordinator.get(path)
    expect(loggedIn.status).toBe(200)
    expect(loggedIn.text).toBe(anonymous.text)
    expect(loggedIn.headers.etag).toBe(anonymous.headers.etag)
    expect((await t.http.head(path)).status).toBe(200)
    for (const method of ['post', 'put', 'patch', 'delete'] as const) expect((await t.http[method](path)).status, method).toBe(404)
  })

  it('unpublished again: 404 once more', async () => {
    expect((await coordinator.post(`/api/plans/${planId}/unpublish`)).status).toBe(200)
    expect((await t.http.get(`/p/${planCode}`)).status).toBe(404)
    await publish()
  })
})

describe('a published survey’s results', () => {
  it('every question with its figures; free texts only of the questions marked publishable; 404 before publishing', async () => {
    const [survey] = await t.app.db.select().from(surveys).where(eq(surveys.planId, planId))
    expect(survey).toBeDefined()
    const path = `/p/${planCode}/surveys/${encodeURIComponent(survey!.code)}`
    expect((await t.http.get(path)).status).toBe(404)

    const textQuestions = questionsOf(survey!.sections).filter(({ question }) => question.type === 'text')
    const [shown, hidden] = textQuestions.map(({ question }) => question.id)
    await t.app.db
      .update(surveys)
      .set({ resultsPublishedAt: new Date(), publicTextQuestions: [shown!] })
      .where(eq(surveys.id, survey!.id))
    const results = (await loadPublishedSurveyResults(t.app.db, planCode, survey!.code))!
    const res = await t.http.get(path)
    expect(res.status).toBe(200)
    expect(res.text).toContain(`<h1>${escapeHtml(survey!.title)}</h1>`)
    expect(res.text).toContain(`<dd>${results.responded} no ${results.audience}</dd>`)
    for (const { question } of questionsOf(survey!.sections)) expect(res.text).toContain(escapeHtml(question.text))
    const byId = new Map(results.questions.map((q) => [q.id, q]))
    expect(byId.get(shown!)!.texts!.length).toBeGreaterThan(0)
    for (const text of byId.get(shown!)!.texts!) expect(res.text).toContain(escapeHtml(text))
    expect(byId.get(hidden!)!.texts).toBeUndefined()
    // Each option's count is stated in text beside its label.
    const choice = results.questions.find((q) => q.options?.some((o) => o.count > 0))!
    const question = questionsOf(survey!.sections).find(({ question }) => question.id === choice.id)!.question
    for (const option of choice.options!) {
      const label =
        question.type === 'yes_no'
          ? { yes: 'Jā', no: 'Nē' }[option.id as 'yes' | 'no']
          : question.options!.find((o) => o.id === option.id)!.label
      expect(res.text).toContain(`<th scope="row">${escapeHtml(label)}</th>\n        <td class="num">${option.count}</td>`)
    }
    // The plan's overview links to it; the survey's page links back and to the plan's open data.
    expect((await t.http.get(`/p/${planCode}`)).text).toContain(`href="${path}"`)
    expect(res.text).toContain(`href="/p/${planCode}/data.json"`)
    expect(res.text).toContain(`href="${path}/results.json"`)
    expect((await t.http.get(`${path}/results.json`)).status).toBe(200)
    const english = await t.http.get(`${path}?lang=en`)
    expect(english.text).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(english.text).toContain(`<dd>${results.responded} of ${results.audience}</dd>`)
  })
})

describe('nothing that is not public', () => {
  it('no page shows a draft, a submission in review or returned, a comment, an e-mail or a private file', async () => {
    const clients = await t.loginAll()
    const byNumber = await measuresByNumber(coordinator, planId)
    const round = await openRound(coordinator, planId)
    const inRound = (number: string) => round.measures.some((m) => m.number === number)
    expect(['2.3', '3.5', '2.7'].every(inRound)).toBe(true)

    // VPD's draft on 2.3 with a file and a link: a draft is never public.
    const vpd = await draft(clients.reporterVPD, round.id, byNumber.get('2.3')!.id, 'VPD', {
      text: 'VPD melnraksts: 17 lietas vēl neizskatītas',
    })
    expect((await upload(clients.reporterVPD, vpd.id, 'VPD iekšējais pārskats.pdf', tinyPdf())).status).toBe(201)
    const link = await clients.reporterVPD.post(`/api/submissions/${vpd.id}/evidence`, {
      url: 'https://intranet.vpd.example/lietas',
      title: 'VPD iekšējā sistēma',
    })
    expect(link.status).toBe(201)
    // VP's text on 3.5, returned with a comment.
    const vp = await draft(clients.reporterVP, round.id, byNumber.get('3.5')!.id, 'VP', { text: 'VP teksts, kas tika atgriezts labošanai' })
    const vpSubmitted = await step(clients.reporterVP, vp.id, 'submit', vp.version)
    await step(coordinator, vp.id, 'return', vpSubmitted.version, 200, { comment: 'Lūdzu papildināt ar skaitļiem par 2024. gadu' })
    // TM's text on 2.7, submitted and waiting for review.
    const tm = await draft(clients.ministryCoordinator, round.id, byNumber.get('2.7')!.id, 'TM', {
      text: 'TM teksts, kas vēl gaida izskatīšanu',
    })
    await step(clients.ministryCoordinator, tm.id, 'submit', tm.version)

    const secrets = await nonPublicStrings(t.app.db)
    const kinds = new Set(secrets.map((s) => s.kind.replace(/ \d+/g, '')))
    for (const kind of [
      'submission (draft) text',
      'submission (returned) text',
      'submission (submitted) text',
      'submission return comment',
      'user e-mail',
      'evidence file name',
      'evidence link',
    ])
      expect([...kinds], kind).toContain(kind)

    const plan = (await coordinator.get(`/api/plans/${planId}`)).body
    const paths = [
      `/p/${planCode}`,
      `/p/${planCode}?q=${encodeURIComponent('VPD')}`,
      ...plan.actionLines.map((line: { number: string }) => `/p/${planCode}/lines/${line.number}`),
      ...expected.map((m) => `/p/${planCode}/measures/${m.number}`),
      ...(await t.app.db.select({ code: surveys.code }).from(surveys).where(eq(surveys.planId, planId))).map(
        (s) => `/p/${planCode}/surveys/${encodeURIComponent(s.code)}`,
      ),
    ]
    for (const path of paths)
      for (const lang of ['lv', 'en']) {
        const res = await t.http.get(lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path)
        expect(res.status, path).toBe(200)
        expect(leaks(secrets, res.text), `${path} (${lang})`).toEqual([])
      }
  })
})

describe('the limit per address', () => {
  // Last in this file: it spends the address's allowance for the minute.
  it('past 300 requests a minute, a 429 page that says when to come back', async () => {
    let res = await t.http.get('/p/NO-SUCH-PLAN')
    for (let i = 0; i < 300 && res.status !== 429; i++) res = await t.http.get('/p/NO-SUCH-PLAN')
    expect(res.status).toBe(429)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['retry-after']).toMatch(/^\d+$/)
    expect(res.text).toContain('<h1>Pārāk daudz pieprasījumu</h1>')
  })
})
