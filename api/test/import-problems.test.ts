// An imported document's problems, all in one answer: a plan and a survey each with five planted
// errors of different kinds (shape, reference, duplicate, cycle, dates) get all five back at once,
// each with its stable code, its place as a person reads the document and a Latvian message, and
// the JSON path for machines. A document with problems of one kind only keeps the status clients
// knew (422, 409, 403), with the same problems listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportProblem, PlanDocument, SurveyDocument } from '@apt/shared'
import { readDemoPlan, readDemoSurvey } from '../src/bootstrap.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let admin: Client
let coordinator: Client

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.login(DEMO.admin)
  coordinator = await t.login(DEMO.planCoordinator)
})
afterAll(() => t.close())

/** Where a measure is in the demo plan's document. */
function measurePath(doc: PlanDocument, number: string): { l: number; i: number } {
  for (const [l, line] of doc.plan.actionLines.entries()) {
    const i = line.measures.findIndex((m) => m.number === number)
    if (i >= 0) return { l, i }
  }
  throw new Error(`no measure ${number}`)
}

const problemsOf = (res: { body: { details?: { problems?: ImportProblem[] } } }) => res.body.details?.problems ?? []

describe('a plan document with five planted errors', () => {
  function brokenPlan() {
    const doc = structuredClone(readDemoPlan())
    doc.plan.code = 'FIVE-ERRORS'
    const at = (number: string) => {
      const { l, i } = measurePath(doc, number)
      return { m: doc.plan.actionLines[l]!.measures[i]!, path: `/plan/actionLines/${l}/measures/${i}` }
    }
    // 1. Shape: a date as people write it, not as the format does.
    const m25 = at('2.5')
    m25.m.deadline = { text: '2024. gada 31. decembris', due: '31.12.2024' }
    // 2. Reference: an institution nobody knows.
    const m12 = at('1.2')
    m12.m.responsible = [...m12.m.responsible, 'NOPE']
    // 3. Duplicate: a measure number used twice.
    const m32 = at('3.2')
    m32.m.number = '3.1'
    // 4. Cycle: a new institution its own parent.
    doc.institutions.push({ code: 'LOOP', name: 'Apļa iestāde', kind: 'agency', parent: 'LOOP' })
    // 5. Dates: the period ends before it starts.
    doc.plan.period = { start: '2024-12-31', end: '2023-01-01' }
    return { doc, paths: { m25: m25.path, m12: m12.path, m32: m32.path } }
  }

  it('answers all five at once, each located as a person reads the plan and worded in Latvian', async () => {
    const { doc, paths } = brokenPlan()
    for (const dryRun of ['?dryRun=true', '']) {
      const res = await admin.post(`/api/plans/import${dryRun}`, doc)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
      const problems = problemsOf(res)
      expect(problems.map((p) => p.code).sort()).toEqual(
        ['cycle', 'duplicate_number', 'end_before_start', 'format_date', 'unknown_institution'].sort(),
      )
      // The field errors every 400 lists, by the same paths.
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(problems.map((p) => p.path).sort())
      const byCode = (code: string) => problems.find((p) => p.code === code)!
      expect(byCode('format_date')).toMatchObject({
        path: `${paths.m25}/deadline/due`,
        location: [
          { kind: 'actionLine', number: '2' },
          { kind: 'measure', number: '2.5' },
          { kind: 'field', key: 'deadline.due' },
        ],
        message: 'II rīcības virziens → 2.5. pasākums → Izpildes termiņš: datumam jābūt formā GGGG-MM-DD',
        severity: 'error',
      })
      expect(byCode('unknown_institution')).toMatchObject({
        path: `${paths.m12}/responsible/${doc.plan.actionLines[0]!.measures[1]!.responsible.length - 1}`,
        params: { code: 'NOPE' },
        location: [
          { kind: 'actionLine', number: '1' },
          { kind: 'measure', number: '1.2' },
          { kind: 'field', key: 'responsible' },
        ],
        message: 'I rīcības virziens → 1.2. pasākums → Atbildīgā institūcija: nezināma institūcija „NOPE”',
      })
      expect(byCode('duplicate_number')).toMatchObject({
        path: `${paths.m32}/number`,
        params: { value: '3.1' },
        location: [
          { kind: 'actionLine', number: '3' },
          { kind: 'measure', number: '3.1' },
          { kind: 'field', key: 'number' },
        ],
      })
      expect(byCode('cycle')).toMatchObject({
        path: `/institutions/${doc.institutions.length - 1}/parent`,
        location: [
          { kind: 'institution', number: 'LOOP' },
          { kind: 'field', key: 'parent' },
        ],
        message: 'Iestāde „LOOP” → Augstākā institūcija: institūcija „LOOP” caur augstākajām institūcijām kļūst pati sev augstākā',
      })
      expect(byCode('end_before_start')).toMatchObject({
        path: '/plan/period/end',
        location: [{ kind: 'plan' }, { kind: 'field', key: 'period.end' }],
        message: 'Plāns → Perioda beigas: perioda beigas ir pirms sākuma',
      })
    }
    expect((await admin.get('/api/plans')).body.map((p: { code: string }) => p.code)).not.toContain('FIVE-ERRORS')
  })

  it('finds the checks’ problems even where the shape is broken around them', async () => {
    const { doc } = brokenPlan()
    const broken = doc as unknown as { plan: { actionLines: Record<string, unknown>[] } }
    broken.plan.actionLines[3]!.measures = 'none' // not a list at all
    broken.plan.actionLines[0]!.extra = true
    const res = await admin.post('/api/plans/import', broken)
    expect(res.status).toBe(400)
    const codes = problemsOf(res).map((p) => p.code)
    expect(codes).toEqual(expect.arrayContaining(['expect_list', 'not_allowed', 'format_date', 'unknown_institution', 'cycle']))
    expect(problemsOf(res).find((p) => p.code === 'not_allowed')).toMatchObject({
      params: { name: 'extra' },
      message: 'I rīcības virziens → extra: lauks „extra” šajā formātā nav paredzēts',
    })
  })

  it('keeps the status of one kind of problem, with the problems listed: 422, 409, 403', async () => {
    const unknown = structuredClone(readDemoPlan())
    unknown.plan.code = 'ONE-KIND'
    unknown.plan.actionLines[0]!.measures[0]!.involved = ['NOPE']
    const r1 = await coordinator.post('/api/plans/import', unknown)
    expect(r1.status).toBe(422)
    expect(r1.body).toMatchObject({ code: 'UNKNOWN_INSTITUTIONS', details: { codes: [{ code: 'NOPE' }] } })
    expect(problemsOf(r1)).toEqual([expect.objectContaining({ code: 'unknown_institution', params: { code: 'NOPE' } })])

    const taken = await coordinator.post('/api/plans/import', readDemoPlan())
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { entity: 'plan', field: '/plan/code', value: 'BNN-2023-2024' } })
    expect(problemsOf(taken)).toEqual([
      expect.objectContaining({ code: 'code_taken', message: 'Plāns → Kods: kods „BNN-2023-2024” jau ir aizņemts: norādiet citu' }),
    ])

    const fresh = structuredClone(unknown)
    fresh.plan.actionLines[0]!.measures[0]!.involved = []
    fresh.institutions.push({ code: 'NEWBIE', name: 'Jauna iestāde', kind: 'agency', parent: null })
    const r3 = await coordinator.post('/api/plans/import', fresh)
    expect(r3.status).toBe(403)
    expect(problemsOf(r3)).toEqual([expect.objectContaining({ code: 'institution_not_allowed', params: { code: 'NEWBIE' } })])

    // A coordinator's document with that new institution and a broken date: both at once, 400.
    fresh.plan.reportDue = '2025-02-30'
    const both = await coordinator.post('/api/plans/import', fresh)
    expect(both.status).toBe(400)
    expect(problemsOf(both).map((p) => p.code)).toEqual(['format_date', 'institution_not_allowed'])
  })

  it('answers a body that is no document at all with what it lacks', async () => {
    const res = await admin.post('/api/plans/import', { format: 'action-plan/2' })
    expect(res.status).toBe(400)
    expect(problemsOf(res).map((p) => [p.code, p.path])).toEqual([
      ['required', '/institutions'],
      ['required', '/plan'],
      ['one_of', '/format'],
    ])
    const list = await admin.post('/api/plans/import', [1, 2])
    expect(list.status).toBe(400)
    expect(problemsOf(list)).toEqual([expect.objectContaining({ code: 'expect_object', path: '/' })])
    for (const route of ['/api/plans/import', '/api/surveys/import']) {
      const nothing = await admin.agent
        .post(route)
        .set('X-CSRF-Token', admin.csrfToken)
        .set('content-type', 'application/json')
        .send('null')
      expect(nothing.status).toBe(400)
      expect(problemsOf(nothing)).toEqual([expect.objectContaining({ code: 'expect_object', message: 'Jābūt objektam ar laukiem' })])
    }
  })
})

describe('a survey document with five planted errors', () => {
  it('answers all five at once, each located as a person reads the survey and worded in Latvian', async () => {
    const doc: SurveyDocument = structuredClone(readDemoSurvey())
    doc.survey.code = 'SURVEY-FIVE'
    // 1. Shape: a due date as people write it.
    doc.survey.dueDate = '31.03.2025'
    // 2. Reference: an answer that is not an option of its question.
    const responder = doc.responses![2]!
    responder.answers.frequency = { value: 'daily' }
    // 3. Duplicate: a second response of one institution.
    doc.responses!.push(structuredClone(doc.responses![6]!))
    // 4. Reference: an institution in the audience nobody knows.
    doc.survey.audience.push('NOWHERE')
    // 5. Reference: a plan measure that does not exist.
    doc.survey.plan = { code: 'BNN-2023-2024', measure: '99.9' }
    for (const dryRun of ['?dryRun=true', '']) {
      const res = await admin.post(`/api/surveys/import${dryRun}`, doc)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
      const problems = problemsOf(res)
      expect(problems.map((p) => p.code).sort()).toEqual(
        ['duplicate_response', 'format_date', 'unknown_institution', 'unknown_measure', 'unknown_option'].sort(),
      )
      const byCode = (code: string) => problems.find((p) => p.code === code)!
      expect(byCode('format_date')).toMatchObject({
        path: '/survey/dueDate',
        location: [{ kind: 'survey' }, { kind: 'field', key: 'dueDate' }],
        message: 'Aptauja → Termiņš: datumam jābūt formā GGGG-MM-DD',
      })
      expect(byCode('unknown_option')).toMatchObject({
        path: '/responses/2/answers/frequency/value',
        location: [
          { kind: 'response', number: responder.institution },
          { kind: 'question', number: '4.' },
          { kind: 'field', key: 'value' },
        ],
        message: `Atbilde no „${responder.institution}” → 4. jautājums → Atbilde: „daily” nav šī jautājuma atbilžu variants`,
      })
      expect(byCode('duplicate_response')).toMatchObject({
        path: `/responses/${doc.responses!.length - 1}/institution`,
        params: { value: doc.responses![6]!.institution },
      })
      expect(byCode('unknown_institution')).toMatchObject({
        path: `/survey/audience/${doc.survey.audience.length - 1}`,
        message: 'Aptauja → Adresāti: nezināma institūcija „NOWHERE”',
      })
      expect(byCode('unknown_measure')).toMatchObject({
        path: '/survey/plan/measure',
        message: 'Aptauja → Pasākums plānā: plānā „BNN-2023-2024” nav pasākuma „99.9”',
      })
    }
    const list = (await admin.get('/api/surveys')).body as { code: string }[]
    expect(list.map((s) => s.code)).not.toContain('SURVEY-FIVE')
  })

  it('places a questionnaire’s problem on its section, question and option', async () => {
    const doc: SurveyDocument = structuredClone(readDemoSurvey())
    doc.survey.code = 'SURVEY-OPTIONS'
    doc.responses = []
    const question = doc.survey.sections[0]!.questions[0]!
    question.options![1]!.label = ''
    const res = await admin.post('/api/surveys/import?dryRun=true', doc)
    expect(res.status).toBe(400)
    expect(problemsOf(res)).toEqual([
      expect.objectContaining({
        code: 'required',
        path: '/survey/sections/0/questions/0/options/1/label',
        location: [
          { kind: 'section', number: '1', label: expect.stringMatching(/^Starpinstitūciju sadarbība/) },
          { kind: 'question', number: '1.' },
          { kind: 'choice', key: 'options', number: '2' },
          { kind: 'field', key: 'label' },
        ],
        message: expect.stringMatching(
          /^1\. sadaļa „Starpinstitūciju sadarbība.*” → 1\. jautājums → 2\. atbilžu variants → Teksts: nav aizpildīts/,
        ),
      }),
    ])
  })
})
