// Answering a survey and coding its answers, through the real API: an institution sees and changes
// only its own response, versions guard every write, required questions stop a submission, the
// coordinator reopens and codes, and the surveys owed show in "my work".
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Role, type SurveySection } from '@apt/shared'
import { auditLog, institutions, surveys } from '../src/db/schema/index.js'
import { systemActor } from '../src/plugins/app/auth/actor.js'
import { insertSurvey, saveAudience } from '../src/plugins/app/surveys/surveys-data.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { DEMO_PASSWORD } from './helpers/config.js'

const SECTIONS: SurveySection[] = [
  {
    title: 'Sadarbība',
    questions: [
      { id: 'group', type: 'yes_no', text: 'Vai ir sadarbības grupa?', required: true },
      {
        id: 'members',
        type: 'multiple_choice',
        text: 'Kas ir grupā?',
        options: [
          { id: 'police', label: 'Policija' },
          { id: 'school', label: 'Skola' },
        ],
        other: { label: 'Cits' },
        categories: [{ id: 'ngo', label: 'NVO' }],
      },
      { id: 'count', type: 'number', text: 'Cik sanāksmju?' },
      {
        id: 'why',
        type: 'text',
        text: 'Kas traucē?',
        required: true,
        categories: [
          { id: 'money', label: 'Finansējums' },
          { id: 'people', label: 'Cilvēki' },
        ],
      },
    ],
  },
]

let t: TestApp
let c: Record<keyof typeof DEMO, Client>
let muniA: Client
let muniB: Client
let institutionId: (code: string) => Promise<number>

async function makeSurvey(values: { code: string; state?: 'draft' | 'open' | 'closed'; dueDate?: string | null; audience?: string[] }) {
  const coordinatorId = await institutionId('IeM')
  const audience = await Promise.all((values.audience ?? ['TST-A', 'TST-B', 'TM']).map(institutionId))
  return t.app.db.transaction(async (tx) => {
    const row = await insertSurvey(tx, {
      code: values.code,
      title: `Aptauja ${values.code}`,
      coordinatorId,
      state: values.state ?? 'open',
      dueDate: values.dueDate === undefined ? '2099-12-31' : values.dueDate,
      sections: SECTIONS,
    })
    await saveAudience(tx, row.id, audience)
    return row.id
  })
}

/** Sets a survey's state in the database, as another process would; the app has heard it on return. */
async function setState(id: number, state: 'draft' | 'open' | 'closed') {
  await t.app.db.update(surveys).set({ state }).where(eq(surveys.id, id))
  await t.app.changes.caughtUp()
}
const url = (id: number, code: string) => `/api/surveys/${id}/responses/${code}`
const FULL = {
  group: { value: true },
  members: { value: ['police'], other: 'Biedrība “Drošība”' },
  why: { value: 'Trūkst naudas un cilvēku' },
}

beforeAll(async () => {
  t = await startTestApp()
  c = await t.loginAll()
  const admin = c.admin
  for (const code of ['TST-A', 'TST-B'])
    expect((await admin.post('/api/institutions', { code, name: `${code} novads`, kind: 'municipality' })).status).toBe(201)
  for (const [email, institution] of [
    ['zinotajs@a.demo.lv', 'TST-A'],
    ['zinotajs@b.demo.lv', 'TST-B'],
  ] as const)
    await t.app.users.create(
      systemActor(),
      { email, name: institution, institution, role: Role.reporter },
      { password: DEMO_PASSWORD, mustChangePassword: false },
    )
  muniA = await t.login({ email: 'zinotajs@a.demo.lv', password: DEMO_PASSWORD })
  muniB = await t.login({ email: 'zinotajs@b.demo.lv', password: DEMO_PASSWORD })
  institutionId = async (code) => (await t.app.db.select().from(institutions).where(eq(institutions.code, code)))[0]!.id
})
afterAll(() => t.close())

describe('an institution’s own response', () => {
  let id: number
  beforeAll(async () => {
    id = await makeSurvey({ code: 'T-OWN' })
  })

  it('is missing with version 0 until the first save, with what is required', async () => {
    const res = await muniA.get(url(id, 'TST-A'))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      surveyId: id,
      institution: { code: 'TST-A', name: 'TST-A novads' },
      state: 'missing',
      version: 0,
      answers: {},
      late: false,
      missingRequired: ['group', 'why'],
      abilities: { edit: true, submit: false, reopen: false, code: false },
    })
  })

  it('is saved whole: version 0 creates, a stale version is 409, every change audited', async () => {
    const first = await muniA.put(url(id, 'TST-A'), { version: 0, answers: { group: { value: true } } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ state: 'draft', version: 1, missingRequired: ['why'], abilities: { edit: true, submit: true } })
    expect((await muniA.put(url(id, 'TST-A'), { version: 0, answers: {} })).body.code).toBe('VERSION_CONFLICT')
    const second = await muniA.put(url(id, 'TST-A'), { version: 1, answers: { group: { value: false }, count: { value: 3 } } })
    expect(second.body).toMatchObject({ version: 2, answers: { group: { value: false }, count: { value: 3 } } })
    const stale = await muniA.put(url(id, 'TST-A'), { version: 1, answers: {} })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('VERSION_CONFLICT')
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.entityType, 'survey_response')).orderBy(auditLog.id)
    const mine = audit.filter((a) => (a.after as { surveyId?: number } | null)?.surveyId === id)
    expect(mine.map((a) => a.action)).toEqual(['create', 'update'])
    expect(mine[1]!.before).toMatchObject({ answers: { group: { value: true } }, version: 1 })
    expect(mine[1]!.after).toMatchObject({ answers: { group: { value: false }, count: { value: 3 } }, version: 2 })
  })

  it('refuses answers that do not fit the questionnaire, naming each path', async () => {
    const res = await muniA.put(url(id, 'TST-A'), {
      version: 2,
      answers: { nope: { value: 1 }, members: { value: ['police', 'mayor'] }, group: { value: 'jā' }, count: { value: 'daudz' } },
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_FAILED')
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['/answers/count/value', '/answers/group/value', '/answers/members/value/1', '/answers/nope'].sort(),
    )
  })

  it('is another institution’s business: another municipality gets 403 reading and writing it', async () => {
    expect((await muniB.get(url(id, 'TST-A'))).status).toBe(403)
    const put = await muniB.put(url(id, 'TST-A'), { version: 2, answers: {} })
    expect(put.status).toBe(403)
    expect((await muniB.post(`${url(id, 'TST-A')}/submit`, { version: 2 })).status).toBe(403)
    expect((await muniB.get(url(id, 'TST-B'))).body.state).toBe('missing')
  })

  it('cannot be answered by a ministry’s reporter or coordinator, nor by the survey’s coordinator', async () => {
    expect((await c.reporterVP.get(url(id, 'TST-A'))).status).toBe(403)
    expect((await c.reporterVP.put(url(id, 'TST-A'), { version: 2, answers: {} })).status).toBe(403)
    expect((await c.ministryCoordinator.put(url(id, 'TST-A'), { version: 2, answers: {} })).status).toBe(403)
    const coordinator = await c.planCoordinator.get(url(id, 'TST-A'))
    expect(coordinator.status).toBe(200)
    expect(coordinator.body.abilities).toEqual({ edit: false, submit: false, reopen: false, code: true })
    expect((await c.planCoordinator.put(url(id, 'TST-A'), { version: 2, answers: {} })).status).toBe(403)
  })

  it('lets a ministry coordinator answer for the ministry itself when it is asked', async () => {
    const res = await c.ministryCoordinator.put(url(id, 'TM'), { version: 0, answers: { group: { value: true } } })
    expect(res.status).toBe(200)
    expect(res.body.institution.code).toBe('TM')
  })

  it('is 404 for an institution the survey does not ask, an unknown one, an unknown survey or a draft the caller may not see', async () => {
    expect((await c.reporterVP.get(url(id, 'VP'))).status).toBe(404)
    expect((await muniA.get(url(id, 'NAV-TADAS'))).status).toBe(404)
    expect((await muniA.get(url(999999, 'TST-A'))).status).toBe(404)
    const draft = await makeSurvey({ code: 'T-DRAFT', state: 'draft' })
    expect((await muniA.get(url(draft, 'TST-A'))).status).toBe(404)
    expect((await muniA.put(url(draft, 'TST-A'), { version: 0, answers: {} })).status).toBe(404)
    expect((await c.planCoordinator.get(url(draft, 'TST-A'))).status).toBe(200)
  })
})

describe('submitting and reopening', () => {
  let id: number
  beforeAll(async () => {
    id = await makeSurvey({ code: 'T-SUBMIT' })
  })

  it('needs something saved, and every required question answered (422 naming each)', async () => {
    expect((await muniA.post(`${url(id, 'TST-A')}/submit`, { version: 1 })).body.code).toBe('INVALID_TRANSITION')
    await muniA.put(url(id, 'TST-A'), { version: 0, answers: { group: { value: null }, why: { value: '   ' } } })
    const res = await muniA.post(`${url(id, 'TST-A')}/submit`, { version: 1 })
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('SUBMISSION_INCOMPLETE')
    expect(res.body.errors).toEqual([
      { path: '/answers/group', message: 'is required before submitting' },
      { path: '/answers/why', message: 'is required before submitting' },
    ])
  })

  it('submits; a submitted response takes no more answers and leaves my work', async () => {
    const before = (await muniA.get('/api/my/work')).body
    expect(before.filter((w: { kind: string; survey?: { id: number } }) => w.kind === 'survey' && w.survey!.id === id)).toEqual([
      {
        kind: 'survey',
        survey: { id, code: 'T-SUBMIT', title: 'Aptauja T-SUBMIT', period: null, dueDate: '2099-12-31' },
        institution: 'TST-A',
        state: 'draft',
        reopened: false,
        version: 1,
        overdue: false,
      },
    ])
    await muniA.put(url(id, 'TST-A'), { version: 1, answers: FULL })
    const res = await muniA.post(`${url(id, 'TST-A')}/submit`, { version: 2 })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ state: 'submitted', version: 3, late: false, abilities: { edit: false, submit: false } })
    expect(res.body.submittedAt).toEqual(expect.any(String))
    const again = await muniA.put(url(id, 'TST-A'), { version: 3, answers: {} })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('INVALID_TRANSITION')
    const after = (await muniA.get('/api/my/work')).body
    expect(after.some((w: { kind: string; survey?: { id: number } }) => w.kind === 'survey' && w.survey!.id === id)).toBe(false)
  })

  it('is reopened by the coordinator only, and stays answerable after the survey closes', async () => {
    expect((await muniA.post(`${url(id, 'TST-A')}/reopen`, { version: 3 })).status).toBe(403)
    expect((await c.planCoordinator.post(`${url(id, 'TST-A')}/reopen`, { version: 2 })).status).toBe(409)
    const reopened = await c.planCoordinator.post(`${url(id, 'TST-A')}/reopen`, { version: 3 })
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ state: 'draft', version: 4, submittedAt: null })
    expect(reopened.body.reopenedAt).toEqual(expect.any(String))
    expect((await c.planCoordinator.post(`${url(id, 'TST-A')}/reopen`, { version: 4 })).body.code).toBe('INVALID_TRANSITION')

    await setState(id, 'closed')
    const work = (await muniA.get('/api/my/work')).body.find((w: { kind: string; survey?: { id: number } }) => w.survey?.id === id)
    expect(work).toMatchObject({ kind: 'survey', state: 'draft', reopened: true, version: 4 })
    expect((await muniB.get('/api/my/work')).body.some((w: { survey?: { id: number } }) => w.survey?.id === id)).toBe(false)
    const fixed = await muniA.put(url(id, 'TST-A'), { version: 4, answers: { ...FULL, count: { value: 12 } } })
    expect(fixed.status).toBe(200)
    expect((await muniA.post(`${url(id, 'TST-A')}/submit`, { version: 5 })).body.state).toBe('submitted')
    const closed = await muniB.put(url(id, 'TST-B'), { version: 0, answers: {} })
    expect(closed.status).toBe(409)
    expect(closed.body.code).toBe('INVALID_TRANSITION')
    expect(
      (await t.app.db.select().from(auditLog).where(eq(auditLog.entityType, 'survey_response')).orderBy(auditLog.id))
        .filter((a) => (a.after as { surveyId?: number }).surveyId === id)
        .map((a) => a.action),
    ).toEqual(['create', 'update', 'submit', 'reopen', 'update', 'submit'])
  })
})

describe('after the due date', () => {
  it('still takes answers and marks them late', async () => {
    const id = await makeSurvey({ code: 'T-LATE', dueDate: '2020-01-31' })
    const missing = await muniA.get(url(id, 'TST-A'))
    expect(missing.body).toMatchObject({ state: 'missing', late: true })
    expect((await muniA.get('/api/my/work')).body[0]).toMatchObject({ kind: 'survey', survey: { id }, overdue: true })
    await muniA.put(url(id, 'TST-A'), { version: 0, answers: FULL })
    const submitted = await muniA.post(`${url(id, 'TST-A')}/submit`, { version: 1 })
    expect(submitted.body).toMatchObject({ state: 'submitted', late: true })
    const results = await c.planCoordinator.get(`/api/surveys/${id}/results`)
    expect(results.body).toMatchObject({ audience: 3, responded: 1, late: ['TST-A'], notResponded: ['TST-B', 'TM'] })
    const list = await c.planCoordinator.get(`/api/surveys/${id}/responses`)
    expect(list.status).toBe(200)
    expect(
      list.body.map((r: { institution: { code: string }; state: string; late: boolean }) => [r.institution.code, r.state, r.late]),
    ).toEqual([
      ['TST-A', 'submitted', true],
      ['TST-B', 'missing', true],
      ['TM', 'missing', true],
    ])
    expect((await c.ministryCoordinator.get(`/api/surveys/${id}/responses`)).status).toBe(403)
  })
})

describe('coding free-text answers', () => {
  let id: number
  beforeAll(async () => {
    id = await makeSurvey({ code: 'T-CODE' })
    await muniA.put(url(id, 'TST-A'), { version: 0, answers: FULL })
    await muniA.post(`${url(id, 'TST-A')}/submit`, { version: 1 })
    await muniB.put(url(id, 'TST-B'), { version: 0, answers: { group: { value: false }, why: { value: 'Nav cilvēku' } } })
  })

  it('lists a question’s answer texts in audience order, drafts marked, with the versions to code them', async () => {
    const res = await c.planCoordinator.get(`/api/surveys/${id}/questions/why/answers`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      surveyId: id,
      surveyVersion: 1,
      question: { id: 'why', categories: [{ id: 'money' }, { id: 'people' }] },
      answers: [
        { institution: 'TST-A', name: 'TST-A novads', state: 'submitted', text: 'Trūkst naudas un cilvēku', codes: [], version: 2 },
        { institution: 'TST-B', state: 'draft', text: 'Nav cilvēku', codes: [], version: 1 },
      ],
    })
    const other = await c.planCoordinator.get(`/api/surveys/${id}/questions/members/answers`)
    expect(other.body.answers).toEqual([
      { institution: 'TST-A', name: 'TST-A novads', state: 'submitted', text: 'Biedrība “Drošība”', codes: [], version: 2 },
    ])
    expect((await c.planCoordinator.get(`/api/surveys/${id}/questions/count/answers`)).status).toBe(422)
    expect((await c.planCoordinator.get(`/api/surveys/${id}/questions/nope/answers`)).status).toBe(404)
    expect((await muniA.get(`/api/surveys/${id}/questions/why/answers`)).status).toBe(403)
  })

  it('sets codes that are the question’s categories, versioned and audited', async () => {
    const codes = `${url(id, 'TST-A')}/codes`
    const bad = await c.planCoordinator.put(codes, { version: 2, question: 'why', codes: ['money', 'weather'] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([{ path: '/codes/1', message: '"weather" is not a category of this question' }])
    expect((await c.planCoordinator.put(codes, { version: 2, question: 'group', codes: [] })).status).toBe(400)
    expect((await c.planCoordinator.put(codes, { version: 2, question: 'count', codes: [] })).status).toBe(400)
    expect((await c.planCoordinator.put(`${url(id, 'TM')}/codes`, { version: 1, question: 'why', codes: ['money'] })).status).toBe(422)
    const res = await c.planCoordinator.put(codes, { version: 2, question: 'why', codes: ['money', 'people'] })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ version: 3, state: 'submitted', answers: { why: { codes: ['money', 'people'] } } })
    expect((await c.planCoordinator.put(codes, { version: 2, question: 'why', codes: [] })).body.code).toBe('VERSION_CONFLICT')
    const other = await c.planCoordinator.put(codes, { version: 3, question: 'members', codes: ['ngo'] })
    expect(other.body.answers.members).toEqual({ value: ['police'], other: 'Biedrība “Drošība”', codes: ['ngo'] })
    expect((await muniA.put(codes, { version: 4, question: 'why', codes: [] })).status).toBe(403)
    const audit = (await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'code')).orderBy(auditLog.id)).at(-1)!
    expect(audit).toMatchObject({
      entityType: 'survey_response',
      before: { question: 'members', codes: [] },
      after: { question: 'members', codes: ['ngo'] },
    })

    const results = (await c.planCoordinator.get(`/api/surveys/${id}/results`)).body
    const why = results.questions.find((q: { id: string }) => q.id === 'why')
    expect(why).toMatchObject({
      answered: 1,
      categories: [
        { id: 'money', count: 1, share: 1, institutions: ['TST-A'] },
        { id: 'people', count: 1 },
      ],
    })
  })

  it('keeps the coordinator’s codes when the respondent saves: codes are not the respondent’s to set', async () => {
    await c.planCoordinator.put(`${url(id, 'TST-B')}/codes`, { version: 1, question: 'why', codes: ['people'] })
    const saved = await muniB.put(url(id, 'TST-B'), {
      version: 2,
      answers: {
        group: { value: false },
        why: { value: 'Nav cilvēku un naudas', codes: ['money'] },
        members: { value: [], codes: ['ngo'] },
      },
    })
    expect(saved.status).toBe(200)
    expect(saved.body.answers.why).toEqual({ value: 'Nav cilvēku un naudas', codes: ['people'] })
    expect(saved.body.answers.members).toEqual({ value: [] })
  })

  it('replaces a question’s categories, versioned on the survey; a removed category leaves the answers that used it', async () => {
    const path = `/api/surveys/${id}/questions/why/categories`
    expect((await c.planCoordinator.put(path, { version: 99, categories: [] })).body.code).toBe('VERSION_CONFLICT')
    const dup = await c.planCoordinator.put(path, {
      version: 1,
      categories: [
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ],
    })
    expect(dup.status).toBe(400)
    expect(dup.body.errors).toEqual([{ path: '/categories/1/id', message: 'duplicate category id "a"' }])
    expect((await c.planCoordinator.put(`/api/surveys/${id}/questions/group/categories`, { version: 1, categories: [] })).status).toBe(400)
    expect((await c.reporterVP.put(path, { version: 1, categories: [] })).status).toBe(403)

    const res = await c.planCoordinator.put(path, {
      version: 1,
      categories: [
        { id: 'money', label: 'Nauda' },
        { id: 'time', label: 'Laiks' },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body.surveyVersion).toBe(2)
    expect(res.body.question.categories).toEqual([
      { id: 'money', label: 'Nauda' },
      { id: 'time', label: 'Laiks' },
    ])
    expect(res.body.answers.map((a: { institution: string; codes: string[] }) => [a.institution, a.codes])).toEqual([
      ['TST-A', ['money']],
      ['TST-B', []],
    ])
    const stripped = (await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'code')).orderBy(auditLog.id)).slice(-2)
    expect(stripped.map((a) => [a.before, a.after])).toEqual([
      [
        { question: 'why', codes: ['money', 'people'], version: 4 },
        { question: 'why', codes: ['money'], version: 5 },
      ],
      [
        { question: 'why', codes: ['people'], version: 3 },
        { question: 'why', codes: [], version: 4 },
      ],
    ])
    const categoriesAudit = (await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'categories')).orderBy(auditLog.id)).at(-1)!
    expect(categoriesAudit).toMatchObject({ entityType: 'survey', entityId: String(id) })
    expect((await c.planCoordinator.get(url(id, 'TST-A'))).body.answers.why).toEqual({
      value: 'Trūkst naudas un cilvēku',
      codes: ['money'],
    })
  })
})

describe('my work', () => {
  it('lists a survey only for the institutions it asks, with round items marked as such', async () => {
    const id = await makeSurvey({ code: 'T-WORK', audience: ['TST-B'] })
    const b = (await muniB.get('/api/my/work')).body
    expect(b.find((w: { survey?: { id: number } }) => w.survey?.id === id)).toMatchObject({ state: 'missing', version: 0, reopened: false })
    expect((await muniA.get('/api/my/work')).body.some((w: { survey?: { id: number } }) => w.survey?.id === id)).toBe(false)
    const vp = (await c.reporterVP.get('/api/my/work')).body as { kind: string }[]
    expect(vp.every((w) => w.kind === 'round')).toBe(true)
    expect((await c.planCoordinator.get('/api/my/work')).body.some((w: { kind: string }) => w.kind === 'survey')).toBe(false)
    await setState(id, 'draft')
    expect((await muniB.get('/api/my/work')).body.some((w: { survey?: { id: number } }) => w.survey?.id === id)).toBe(false)
  })
})
