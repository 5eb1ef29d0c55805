// Surveys through the real app: the demo survey as the first start imports it, export → import →
// export, every abuse of an import named by its path with nothing written, and the builder —
// create, change, questionnaire (wording only once answered), open, close, copy, delete — with its
// versions, drafts' visibility and audit rows.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SurveyDocument, SurveySection } from '@apt/shared'
import { DEMO_OPEN_SURVEY, readDemoSurvey } from '../src/bootstrap.js'
import { auditLog, surveys } from '../src/db/schema/index.js'
import { type Client, CREDENTIALS, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let c: Awaited<ReturnType<TestApp['loginAll']>>
let demoId: number

beforeAll(async () => {
  t = await startTestApp()
  c = await t.loginAll()
  const list = (await c.planCoordinator.get('/api/surveys')).body as { id: number; code: string }[]
  demoId = list.find((s) => s.code === readDemoSurvey().survey.code)!.id
})
afterAll(() => t.close())

/** The document without keys whose value is null or empty: the format lets either side leave them out. */
function stripEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripEmpty)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, stripEmpty(v)] as const)
      .filter(
        ([, v]) =>
          v !== null && v !== undefined && !(Array.isArray(v) && !v.length) && !(typeof v === 'object' && !Object.keys(v as object).length),
      )
    return Object.fromEntries(entries)
  }
  return value
}

const demoWithCode = (code: string): SurveyDocument => {
  const doc = structuredClone(readDemoSurvey())
  doc.survey.code = code
  return doc
}

const surveyCount = async () => (await t.app.db.select({ id: surveys.id }).from(surveys)).length
const surveyAudit = async (id: number) =>
  (await c.admin.get(`/api/audit?entity=survey&entityId=${id}`)).body as { action: string; before: unknown; after: unknown }[]

/** DELETE with a body (the test client's delete sends none). */
const remove = (client: Client, id: number, version: number) =>
  client.agent.delete(`/api/surveys/${id}`).set('X-CSRF-Token', client.csrfToken).send({ version })

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path)

const QUESTIONNAIRE: SurveySection[] = [
  {
    title: 'Sadarbība',
    questions: [
      { id: 'group', type: 'yes_no', text: 'Vai pašvaldībā ir sadarbības grupa?', required: true },
      {
        id: 'often',
        type: 'single_choice',
        text: 'Cik bieži tā sanāk?',
        options: [
          { id: 'monthly', label: 'Reizi mēnesī' },
          { id: 'rarely', label: 'Retāk' },
        ],
        other: { label: 'Cits' },
      },
      { id: 'why', type: 'text', text: 'Kas traucē?', categories: [{ id: 'money', label: 'Finansējums' }] },
    ],
  },
]

describe('the demo survey', () => {
  it('is in the list with its counts, closed, linked to measure 4.4', async () => {
    const res = await c.reporterVP.get('/api/surveys')
    expect(res.status).toBe(200)
    const demo = res.body.find((s: { id: number }) => s.id === demoId)
    expect(demo).toMatchObject({
      code: 'PASV-PREV-2025',
      state: 'closed',
      coordinator: 'IeM',
      audienceCount: 43,
      respondedCount: 38,
      plan: { code: 'BNN-2023-2024', measure: '4.4' },
      copiedFromId: null,
      abilities: { edit: false, open: false, close: false, copy: false, readResults: false, code: false },
    })
    const open = res.body.find((s: { code: string }) => s.code === DEMO_OPEN_SURVEY.code)
    expect(open).toMatchObject({ state: 'open', period: '2025', copiedFromId: demoId, plan: null, audienceCount: 43, respondedCount: 0 })
  })

  it('exports as it was imported (null and empty keys aside), named for download', async () => {
    const res = await c.planCoordinator.get(`/api/surveys/${demoId}/export`)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="PASV-PREV-2025-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(stripEmpty(res.body)).toEqual(stripEmpty(readDemoSurvey()))
  })

  it('exports to others the questionnaire with only the responses they may see', async () => {
    const riga = await t.login(CREDENTIALS['zinotajs@riga.demo.lv']!)
    const own = (await riga.get(`/api/surveys/${demoId}/export`)).body as SurveyDocument
    expect(own.responses!.map((r) => r.institution)).toEqual(['RIGA'])
    expect(own.survey.sections).toEqual(readDemoSurvey().survey.sections)
    const aluksne = await t.login(CREDENTIALS['zinotajs@aluksne.demo.lv']!)
    expect((await aluksne.get(`/api/surveys/${demoId}/export`)).body.responses).toBeUndefined()
    for (const other of [c.viewer, c.reporterVP, c.ministryCoordinator]) {
      const res = await other.get(`/api/surveys/${demoId}/export`)
      expect(res.status).toBe(200)
      expect(res.body.responses).toBeUndefined()
    }
  })

  it('reads in detail with its audience, questionnaire and abilities for its coordinator', async () => {
    const res = await c.planCoordinator.get(`/api/surveys/${demoId}`)
    expect(res.status).toBe(200)
    expect(res.body.audience).toHaveLength(43)
    expect(res.body.audience[0]).toEqual({ code: 'DAUGAVPILS', name: 'Daugavpils' })
    expect(res.body.sections).toEqual(readDemoSurvey().survey.sections)
    expect(res.body).toMatchObject({ answered: true, narratives: {}, abilities: { edit: false, open: true, close: false, copy: true } })
  })
})

describe('import', () => {
  it('export → import → export gives the same document; with responses the survey is closed', async () => {
    const first = (await c.admin.get(`/api/surveys/${demoId}/export`)).body as SurveyDocument
    const doc = { ...first, survey: { ...first.survey, code: 'RT-1' } }
    const imported = await c.planCoordinator.post('/api/surveys/import', doc)
    expect(imported.status).toBe(201)
    expect(imported.body).toMatchObject({ code: 'RT-1', state: 'closed', respondedCount: 38, audienceCount: 43 })
    const second = (await c.planCoordinator.get(`/api/surveys/${imported.body.id}/export`)).body
    expect(JSON.stringify(second)).toBe(JSON.stringify(doc))
    const audit = await surveyAudit(imported.body.id)
    expect(audit).toEqual([
      expect.objectContaining({ action: 'survey.import', after: expect.objectContaining({ code: 'RT-1', responses: 38, questions: 21 }) }),
    ])
  })

  it('without responses makes a draft only its coordinators see', async () => {
    const doc = demoWithCode('RT-DRAFT')
    delete doc.responses
    const res = await c.planCoordinator.post('/api/surveys/import', doc)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ state: 'draft', respondedCount: 0, answered: false })
    expect((await c.reporterVP.get(`/api/surveys/${res.body.id}`)).status).toBe(404)
    expect((await c.viewer.get(`/api/surveys/${res.body.id}/export`)).status).toBe(404)
    expect((await c.ministryCoordinator.get('/api/surveys')).body.map((s: { code: string }) => s.code)).not.toContain('RT-DRAFT')
    expect((await c.admin.get(`/api/surveys/${res.body.id}`)).status).toBe(200)
  })

  it('dry run checks everything and writes nothing', async () => {
    const before = await surveyCount()
    const res = await c.planCoordinator.post('/api/surveys/import?dryRun=true', demoWithCode('RT-DRY'))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      valid: true,
      code: 'RT-DRY',
      questions: 21,
      audience: 43,
      responses: 38,
      state: 'closed',
      newInstitutions: [],
    })
    expect(await surveyCount()).toBe(before)
    const taken = await c.planCoordinator.post('/api/surveys/import?dryRun=true', readDemoSurvey())
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('ALREADY_EXISTS')
  })

  it('refuses abuse with 400 naming every path at once, and writes nothing', async () => {
    const before = await surveyCount()
    const doc = demoWithCode('RT-ABUSE')
    const answers = (i: number) => doc.responses![i]!.answers as Record<string, { value: unknown; other?: unknown; codes?: string[] }>
    answers(0).no_such_question = { value: 'x' } // unknown question id
    answers(1).coop_format = { value: 42 } // wrong shape: a number for a single choice
    answers(2).frequency = { value: 'daily' } // not an option of the question
    answers(3).members = { value: ['social_service', 'astronauts'] } // one option id not in the question
    answers(4).main_issues!.codes = ['violence', 'weather'] // a code not among the categories
    answers(5).levels_description = { value: 'Teksts', other: 'cits' } // "other" on a text question
    doc.responses!.push({ ...structuredClone(doc.responses![6]!) }) // a second response of one institution
    const outsider = structuredClone(doc.responses![7]!)
    doc.survey.audience = doc.survey.audience.filter((code) => code !== outsider.institution)
    doc.survey.sections[0]!.questions[1]!.id = 'coop_format' // a question id twice
    const res = await c.admin.post('/api/surveys/import', doc)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_FAILED')
    expect(paths(res)).toEqual(
      expect.arrayContaining([
        '/survey/sections/0/questions/1/id',
        '/responses/0/answers/no_such_question',
        '/responses/1/answers/coop_format/value',
        '/responses/2/answers/frequency/value',
        '/responses/3/answers/members/value/1',
        '/responses/4/answers/main_issues/codes/1',
        '/responses/5/answers/levels_description/other',
        `/responses/${doc.responses!.length - 1}/institution`,
        '/responses/7/institution',
      ]),
    )
    expect(res.body.errors.find((e: { path: string }) => e.path === '/responses/7/institution').message).toMatch(
      /not in the survey's audience/,
    )
    expect(await surveyCount()).toBe(before)
  })

  it('refuses unknown institutions (422), new ones from a coordinator (403), a foreign coordinator (403), an unknown plan link (422), a taken code (409)', async () => {
    const before = await surveyCount()
    const unknown = demoWithCode('RT-422')
    unknown.survey.audience.push('NOWHERE')
    const r1 = await c.admin.post('/api/surveys/import', unknown)
    expect(r1.status).toBe(422)
    expect(r1.body).toMatchObject({ code: 'UNKNOWN_INSTITUTIONS', details: { codes: [{ code: 'NOWHERE', path: '/survey/audience/43' }] } })

    const fresh = demoWithCode('RT-NEW')
    fresh.institutions.push({ code: 'JAUNA', name: 'Jaunā biedrība', kind: 'ngo', parent: null })
    fresh.survey.audience.push('JAUNA')
    const r2 = await c.planCoordinator.post('/api/surveys/import', fresh)
    expect(r2.status).toBe(403)
    expect(r2.body.message).toMatch(/JAUNA/)

    const foreign = demoWithCode('RT-TM')
    foreign.survey.coordinator = 'TM'
    expect((await c.planCoordinator.post('/api/surveys/import', foreign)).status).toBe(403)

    const noPlan = demoWithCode('RT-PLAN')
    noPlan.survey.plan = { code: 'NO-SUCH-PLAN', measure: '4.4' }
    const r3 = await c.planCoordinator.post('/api/surveys/import', noPlan)
    expect(r3.status).toBe(422)
    expect(r3.body).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ path: '/survey/plan/code' }] })
    const noMeasure = demoWithCode('RT-MEASURE')
    noMeasure.survey.plan = { code: 'BNN-2023-2024', measure: '99.9' }
    const r4 = await c.planCoordinator.post('/api/surveys/import', noMeasure)
    expect(r4.status).toBe(422)
    expect(r4.body).toMatchObject({ code: 'INVALID_REFERENCE', errors: [{ path: '/survey/plan/measure' }] })

    const taken = await c.planCoordinator.post('/api/surveys/import', readDemoSurvey())
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('ALREADY_EXISTS')
    expect(await surveyCount()).toBe(before)

    // An administrator may bring the new institution along; it is audited too.
    const r5 = await c.admin.post('/api/surveys/import', fresh)
    expect(r5.status).toBe(201)
    expect(r5.body.audienceCount).toBe(44)
    const created = (await c.admin.get('/api/audit?entity=institution')).body as { action: string; after: { code: string } }[]
    expect(created.some((r) => r.action === 'institution.create' && r.after.code === 'JAUNA')).toBe(true)
  })

  it('refuses a document the schema does not allow, and a reporter', async () => {
    const doc = demoWithCode('RT-SCHEMA') as unknown as Record<string, unknown>
    doc.format = 'survey/2'
    const res = await c.admin.post('/api/surveys/import', doc)
    expect(res.status).toBe(400)
    expect(paths(res)).toContain('/format')
    expect((await c.reporterVP.post('/api/surveys/import', demoWithCode('RT-REP'))).status).toBe(403)
  })

  it('refuses a NUL character by its path, and keeps no other control characters', async () => {
    const nul = demoWithCode('RT-NUL')
    ;(nul.responses![0]!.answers.main_issues as { value: string }).value = 'Vardarbība\u0000 ģimenē'
    const refused = await c.admin.post('/api/surveys/import', nul)
    expect(refused.status).toBe(400)
    expect(paths(refused)).toEqual(['/responses/0/answers/main_issues/value'])
    const doc = demoWithCode('RT-CONTROL')
    ;(doc.responses![0]!.answers.main_issues as { value: string }).value = 'Vardarbība\u0007 ģimenē'
    doc.survey.sections[0]!.title = 'Sadarbība\u001b'
    const res = await c.admin.post('/api/surveys/import', doc)
    expect(res.status).toBe(201)
    const exported = (await c.admin.get(`/api/surveys/${res.body.id}/export`)).body as SurveyDocument
    expect(exported.responses![0]!.answers.main_issues!.value).toBe('Vardarbība ģimenē')
    expect(exported.survey.sections[0]!.title).toBe('Sadarbība')
  })
})

describe('the builder', () => {
  async function create(code: string, extra: object = {}) {
    const res = await c.planCoordinator.post('/api/surveys', {
      code,
      coordinator: 'IeM',
      title: 'Aptauja par sadarbību',
      period: '2025',
      dueDate: '2030-03-31',
      audience: ['municipalities'],
      sections: QUESTIONNAIRE,
      ...extra,
    })
    expect(res.status).toBe(201)
    return res.body as { id: number; version: number; state: string; audience: { code: string }[]; sections: SurveySection[] }
  }

  it('creates a draft for every municipality, seen by its coordinators only, and audits it', async () => {
    const survey = await create('B-CREATE', { plan: { code: 'BNN-2023-2024', measure: '4.4' } })
    expect(survey).toMatchObject({ state: 'draft', audienceCount: 43, respondedCount: 0, plan: { code: 'BNN-2023-2024', measure: '4.4' } })
    expect(survey.audience.map((a) => a.code)).toEqual(readDemoSurvey().survey.audience)
    expect(survey.sections).toEqual(QUESTIONNAIRE)
    for (const other of [c.reporterVP, c.ministryCoordinator, c.viewer]) {
      expect((await other.get(`/api/surveys/${survey.id}`)).status).toBe(404)
      expect((await other.get('/api/surveys')).body.some((s: { id: number }) => s.id === survey.id)).toBe(false)
    }
    expect(await surveyAudit(survey.id)).toEqual([
      expect.objectContaining({ action: 'survey.create', after: expect.objectContaining({ code: 'B-CREATE', state: 'draft' }) }),
    ])
    // Its export imports again: the coordinator and the audience are listed.
    const doc = (await c.planCoordinator.get(`/api/surveys/${survey.id}/export`)).body as SurveyDocument
    expect(doc.institutions.map((i) => i.code)).toEqual(['IeM', ...readDemoSurvey().survey.audience])
    expect(doc.responses).toBeUndefined()
  })

  it('refuses unknown audience codes (422), another coordinator (403), a taken code (409), a broken questionnaire (400)', async () => {
    const base = { coordinator: 'IeM', title: 'X', audience: ['RIGA'] }
    const r1 = await c.planCoordinator.post('/api/surveys', { ...base, code: 'B-BAD1', audience: ['RIGA', 'ATLANTIDA'] })
    expect(r1.status).toBe(422)
    expect(r1.body).toMatchObject({ code: 'UNKNOWN_INSTITUTIONS', details: { codes: [{ code: 'ATLANTIDA', path: '/audience/1' }] } })
    expect((await c.planCoordinator.post('/api/surveys', { ...base, code: 'B-BAD2', coordinator: 'TM' })).status).toBe(403)
    expect((await c.admin.post('/api/surveys', { ...base, code: 'B-BAD3', coordinator: 'TM' })).status).toBe(201)
    const taken = await c.planCoordinator.post('/api/surveys', { ...base, code: 'PASV-PREV-2025' })
    expect(taken.status).toBe(409)
    const broken = await c.planCoordinator.post('/api/surveys', {
      ...base,
      code: 'B-BAD4',
      sections: [
        {
          title: 'A',
          questions: [
            { id: 'q', type: 'single_choice', text: 'Q?' },
            { id: 'q', type: 'text', text: 'Q2?' },
          ],
        },
      ],
    })
    expect(broken.status).toBe(400)
    expect(paths(broken)).toEqual(expect.arrayContaining(['/sections/0/questions/1/id', '/sections/0/questions/0/options']))
    expect((await c.ministryCoordinator.post('/api/surveys', { ...base, code: 'B-BAD5' })).status).toBe(403)
  })

  it('changes the header and audience at the version read (409 when it moved), audited with before and after', async () => {
    const survey = await create('B-PATCH')
    const res = await c.planCoordinator.patch(`/api/surveys/${survey.id}`, {
      version: survey.version,
      title: 'Jauns nosaukums',
      audience: ['RIGA', 'ALUKSNES-NOV'],
      plan: { code: 'BNN-2023-2024' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      title: 'Jauns nosaukums',
      audienceCount: 2,
      plan: { code: 'BNN-2023-2024', measure: null },
      version: survey.version + 1,
    })
    const stale = await c.planCoordinator.patch(`/api/surveys/${survey.id}`, { version: survey.version, title: 'Vecs' })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('VERSION_CONFLICT')
    const update = (await surveyAudit(survey.id)).find((r) => r.action === 'survey.update')
    expect(update).toMatchObject({
      before: { title: 'Aptauja par sadarbību', plan: null, version: survey.version },
      after: { title: 'Jauns nosaukums', audience: ['RIGA', 'ALUKSNES-NOV'], plan: { code: 'BNN-2023-2024', measure: null } },
    })
    expect((update!.before as { audience: string[] }).audience).toHaveLength(43)
    const dates = await c.planCoordinator.patch(`/api/surveys/${survey.id}`, { version: res.body.version, opens: '2030-04-01' })
    expect(dates.status).toBe(400)
    expect(paths(dates)).toEqual(['/dueDate'])
    expect((await c.ministryCoordinator.patch(`/api/surveys/${survey.id}`, { version: res.body.version, title: 'X' })).status).toBe(403)
  })

  it('saves the questionnaire whole, versioned; opens it (needs questions), closes it', async () => {
    const empty = await create('B-LIFE', { sections: [] })
    const noQuestions = await c.planCoordinator.post(`/api/surveys/${empty.id}/open`, { version: empty.version })
    expect(noQuestions.status).toBe(409)
    expect(noQuestions.body.code).toBe('INVALID_TRANSITION')
    const saved = await c.planCoordinator.put(`/api/surveys/${empty.id}/questionnaire`, { version: empty.version, sections: QUESTIONNAIRE })
    expect(saved.status).toBe(200)
    expect(saved.body.sections).toEqual(QUESTIONNAIRE)
    const stale = await c.planCoordinator.put(`/api/surveys/${empty.id}/questionnaire`, { version: empty.version, sections: [] })
    expect(stale.status).toBe(409)
    const opened = await c.planCoordinator.post(`/api/surveys/${empty.id}/open`, { version: saved.body.version })
    expect(opened.status).toBe(200)
    expect(opened.body).toMatchObject({ state: 'open', abilities: { open: false, close: true, edit: true } })
    // Open: every logged-in user sees the questionnaire now.
    expect((await c.reporterVP.get(`/api/surveys/${empty.id}`)).status).toBe(200)
    expect((await c.planCoordinator.post(`/api/surveys/${empty.id}/open`, { version: opened.body.version })).status).toBe(409)
    const closed = await c.planCoordinator.post(`/api/surveys/${empty.id}/close`, { version: opened.body.version })
    expect(closed.status).toBe(200)
    expect(closed.body.state).toBe('closed')
    // Closed: the header and questionnaire are read-only, the narratives are still written.
    const header = await c.planCoordinator.patch(`/api/surveys/${empty.id}`, { version: closed.body.version, title: 'Vēlāk' })
    expect(header.status).toBe(409)
    expect(header.body.code).toBe('INVALID_TRANSITION')
    const questionnaire = await c.planCoordinator.put(`/api/surveys/${empty.id}/questionnaire`, {
      version: closed.body.version,
      sections: QUESTIONNAIRE,
    })
    expect(questionnaire.status).toBe(409)
    const narratives = await c.planCoordinator.patch(`/api/surveys/${empty.id}`, {
      version: closed.body.version,
      narratives: { group: 'Lielākajā daļā pašvaldību sadarbības grupa ir izveidota.' },
    })
    expect(narratives.status).toBe(200)
    expect(narratives.body.narratives).toEqual({ group: 'Lielākajā daļā pašvaldību sadarbības grupa ir izveidota.' })
    const unknown = await c.planCoordinator.patch(`/api/surveys/${empty.id}`, {
      version: narratives.body.version,
      narratives: { nope: 'x' },
    })
    expect(unknown.status).toBe(400)
    expect(paths(unknown)).toEqual(['/narratives/nope'])
    const cleared = await c.planCoordinator.patch(`/api/surveys/${empty.id}`, {
      version: narratives.body.version,
      narratives: { group: null },
    })
    expect(cleared.body.narratives).toEqual({})
    expect((await surveyAudit(empty.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['survey.create', 'survey.questionnaire', 'survey.open', 'survey.close', 'survey.update']),
    )
  })

  it('once answered, lets only wording change and names each question whose shape changed', async () => {
    const imported = await c.planCoordinator.post('/api/surveys/import', demoWithCode('B-LOCK'))
    const opened = await c.planCoordinator.post(`/api/surveys/${imported.body.id}/open`, { version: imported.body.version })
    expect(opened.status).toBe(200)
    const sections = structuredClone(readDemoSurvey().survey.sections)
    const q = (id: string) => sections.flatMap((s) => s.questions).find((x) => x.id === id)!

    // Wording: texts, help, labels, required, a new category, a section's title.
    q('coop_format').text = 'Vai jūsu pašvaldībā ir sadarbības grupa?'
    q('coop_format').help = 'Ņemiet vērā arī citus formātus.'
    q('coop_format').options![0]!.label = 'Jā (Noteikumi Nr. 545)'
    q('regulation').required = true
    q('main_issues').categories!.push({ id: 'new_theme', label: 'Jauna tēma' })
    sections[0]!.title = 'Sadarbība (labots)'
    const wording = await c.planCoordinator.put(`/api/surveys/${imported.body.id}/questionnaire`, {
      version: opened.body.version,
      sections,
    })
    expect(wording.status).toBe(200)
    expect(wording.body.sections[0].title).toBe('Sadarbība (labots)')

    // Shape: a type, an option's id, options' order, a question removed, one added, a category in use removed.
    const shaped = structuredClone(sections)
    const s = (id: string) => shaped.flatMap((x) => x.questions).find((x) => x.id === id)!
    s('coop_other_format').type = 'single_choice'
    s('coop_other_format').options = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ]
    s('regulation').options![0]!.id = 'public'
    s('levels').options!.reverse()
    shaped[0]!.questions = shaped[0]!.questions.filter((x) => x.id !== 'frequency')
    shaped[0]!.questions.push({ id: 'extra', type: 'text', text: 'Jauns jautājums?' })
    s('main_issues').categories = s('main_issues').categories!.filter((cat) => cat.id !== 'violence')
    const refused = await c.planCoordinator.put(`/api/surveys/${imported.body.id}/questionnaire`, {
      version: wording.body.version,
      sections: shaped,
    })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('INVALID_TRANSITION')
    expect(refused.body.details.questions.map((p: { question: string }) => p.question).sort()).toEqual(
      ['coop_other_format', 'extra', 'frequency', 'levels', 'main_issues', 'regulation'].sort(),
    )
    expect((await c.planCoordinator.get(`/api/surveys/${imported.body.id}`)).body.version).toBe(wording.body.version)
  })

  it('keeps an institution that has a response in the audience', async () => {
    const imported = await c.planCoordinator.post('/api/surveys/import', demoWithCode('B-AUDIENCE'))
    const opened = await c.planCoordinator.post(`/api/surveys/${imported.body.id}/open`, { version: imported.body.version })
    const res = await c.planCoordinator.patch(`/api/surveys/${imported.body.id}`, { version: opened.body.version, audience: ['RIGA'] })
    expect(res.status).toBe(409)
    expect(res.body.details.institutions).toContain('DAUGAVPILS')
  })

  it('copies a survey as the next period’s draft: questionnaire with categories, audience, no responses', async () => {
    const res = await c.planCoordinator.post(`/api/surveys/${demoId}/copy`, { code: 'B-COPY', period: '2025', dueDate: '2030-01-31' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      code: 'B-COPY',
      state: 'draft',
      period: '2025',
      dueDate: '2030-01-31',
      copiedFromId: demoId,
      audienceCount: 43,
      respondedCount: 0,
      answered: false,
      plan: { code: 'BNN-2023-2024', measure: '4.4' },
    })
    expect(res.body.sections).toEqual(readDemoSurvey().survey.sections)
    expect((await c.planCoordinator.get(`/api/surveys/${res.body.id}/export`)).body.responses).toBeUndefined()
    expect(await surveyAudit(res.body.id)).toEqual([
      expect.objectContaining({ action: 'survey.copy', before: { id: demoId, code: 'PASV-PREV-2025' } }),
    ])
    expect((await c.planCoordinator.post(`/api/surveys/${demoId}/copy`, { code: 'B-COPY' })).status).toBe(409)
    expect((await c.ministryCoordinator.post(`/api/surveys/${demoId}/copy`, { code: 'B-COPY2' })).status).toBe(403)
  })

  it('deletes an unanswered draft (204), never an open or answered survey', async () => {
    const survey = await create('B-DELETE')
    expect((await remove(c.planCoordinator, survey.id, survey.version + 1)).status).toBe(409)
    const res = await remove(c.planCoordinator, survey.id, survey.version)
    expect(res.status).toBe(204)
    expect((await c.planCoordinator.get(`/api/surveys/${survey.id}`)).status).toBe(404)
    expect((await surveyAudit(survey.id)).map((r) => r.action)).toEqual(['survey.delete', 'survey.create'])
    const demo = (await c.planCoordinator.get(`/api/surveys/${demoId}`)).body
    const refused = await remove(c.planCoordinator, demoId, demo.version)
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('INVALID_TRANSITION')
    // A draft with responses: the import of a document whose responses are all drafts is closed, so make one by hand.
    const answered = await create('B-DELETE-ANSWERED')
    const { surveyResponses, institutions } = await import('../src/db/schema/index.js')
    const [riga] = await t.app.db.select().from(institutions).where(eq(institutions.code, 'RIGA'))
    await t.app.db.insert(surveyResponses).values({ surveyId: answered.id, institutionId: riga!.id, answers: { group: { value: true } } })
    await t.app.changes.caughtUp()
    expect((await remove(c.planCoordinator, answered.id, answered.version)).status).toBe(409)
  })

  it('answers 404 for an unknown survey and writes no audit row for a refused change', async () => {
    expect((await c.planCoordinator.get('/api/surveys/999999')).status).toBe(404)
    const rows = await t.app.db.select().from(auditLog).where(eq(auditLog.entityType, 'survey')).orderBy(auditLog.id)
    const refused = await c.planCoordinator.patch(`/api/surveys/${demoId}`, { version: 1, title: 'Nē' })
    expect(refused.status).toBe(409)
    expect((await t.app.db.select().from(auditLog).where(eq(auditLog.entityType, 'survey')).orderBy(auditLog.id)).length).toBe(rows.length)
  })
})

describe('linking a survey to a plan', () => {
  it('is for the plan’s coordinators only: a coordinator of another institution gets 403, as the survey would become a chapter of that plan’s report', async () => {
    const user = await c.admin.post('/api/users', {
      email: 'koordinators@tm-aptaujas.demo.lv',
      name: 'Tieslietu Aptaujātāja',
      institution: 'TM',
      role: 'plan_coordinator',
    })
    expect(user.status).toBe(201)
    const password = (user.body as { oneTimePassword: string }).oneTimePassword
    const first = await t.login({ email: 'koordinators@tm-aptaujas.demo.lv', password })
    await first.post('/api/auth/password', { currentPassword: password, newPassword: 'Tieslietas-2026-aptauja' })
    const tm = await t.login({ email: 'koordinators@tm-aptaujas.demo.lv', password: 'Tieslietas-2026-aptauja' })
    const survey = { coordinator: 'TM', title: 'TM aptauja', audience: ['RIGA'] }
    const linked = await tm.post('/api/surveys', { ...survey, code: 'TM-LINK', plan: { code: 'BNN-2023-2024', measure: '4.4' } })
    expect([linked.status, linked.body.code]).toEqual([403, 'FORBIDDEN'])
    expect((await tm.post('/api/surveys', { ...survey, code: 'TM-LINK' })).status).toBe(201)
    // The plan's own coordinator links freely.
    const own = await c.planCoordinator.post('/api/surveys', {
      coordinator: 'IeM',
      title: 'IeM aptauja',
      audience: ['RIGA'],
      code: 'IEM-LINK',
      plan: { code: 'BNN-2023-2024', measure: '4.4' },
    })
    expect(own.status).toBe(201)
  })
})
