// The access policy driven directly: every role × own/other institution × submission state ×
// round state, against PRODUCT.md "Who uses it" written down as a table of reach. The API's route
// matrix (api/test/permissions.test.ts) checks the same rules through HTTP.
import { describe, expect, it } from 'vitest'
import {
  ROUND_STATES,
  SUBMISSION_STATES,
  type InstitutionRef,
  type PolicyActor,
  type ReviewStep,
  type Role,
  type SubmissionState,
  SURVEY_STATES,
  canActivatePlan,
  canAnswer,
  canClosePlan,
  canCodeAnswers,
  canReadSurveyResults,
  canReopenResponse,
  canSeeResponse,
  canSeeSurvey,
  canEditPlan,
  canEditSubmission,
  canOpenRound,
  canRateMeasure,
  canReopenPlan,
  canSeePlan,
  structureNeedsReason,
  canManagePlan,
  canSeeSubmission,
  canTakeStep,
  canWriteFor,
  inGroup,
  isOverdue,
  measureAbilities,
  planAbilities,
  rigaToday,
  submissionAbilities,
  submissionGaps,
  userAbilities,
} from '../src/index.js'

// The institution tree of the demo: IeM (1) coordinates the plan and has VP (20) under it; TM (2)
// has VPD (10) under it; FM (3) coordinates another plan; VK (30) stands alone.
const VPD: InstitutionRef = { id: 10, sectorId: 2 }
const VP: InstitutionRef = { id: 20, sectorId: 1 }
const PLAN = { coordinatorId: 1, state: 'active' } as const

const user = (role: Role, institutionId: number, sectorId = institutionId): PolicyActor => ({
  kind: 'user',
  id: institutionId * 100,
  role,
  institutionId,
  sectorId,
})

const ACTORS = {
  admin: user('admin', 1),
  planCoordinator: user('plan_coordinator', 1),
  otherPlanCoordinator: user('plan_coordinator', 3),
  ministryCoordinatorTM: user('ministry_coordinator', 2),
  reporterVPD: user('reporter', 10, 2),
  reporterVP: user('reporter', 20, 1),
  viewer: user('viewer', 30),
  system: { kind: 'system' } as PolicyActor,
} satisfies Record<string, PolicyActor>
type Who = keyof typeof ACTORS
const WHO = Object.keys(ACTORS) as Who[]

// ---- the specification, as data ----

/** Whose progress each actor writes (PRODUCT.md: reporter its own, ministry coordinator its sector, plan coordinator all). */
const REACH: Record<Who, readonly InstitutionRef[]> = {
  admin: [VPD, VP],
  planCoordinator: [VPD, VP],
  otherPlanCoordinator: [],
  ministryCoordinatorTM: [VPD],
  reporterVPD: [VPD],
  reporterVP: [VP],
  viewer: [],
  system: [VPD, VP],
}
const MANAGES_PLAN: ReadonlySet<Who> = new Set(['admin', 'planCoordinator', 'system'])
/** Who reviews a sector's submissions before the plan coordinator. */
const SECTOR_REVIEWS: Partial<Record<Who, readonly InstitutionRef[]>> = { ministryCoordinatorTM: [VPD] }
const WRITING: readonly SubmissionState[] = ['draft', 'returned']
const HANDED_IN: readonly SubmissionState[] = ['submitted', 'endorsed', 'accepted']

function expectedStep(step: ReviewStep, who: Who, institution: InstitutionRef, state: SubmissionState, roundOpen: boolean): boolean {
  const writes = REACH[who].includes(institution)
  const sectorReviewer = SECTOR_REVIEWS[who]?.includes(institution) ?? false
  const manages = MANAGES_PLAN.has(who)
  switch (step) {
    case 'submit':
      // A closed round takes no new work, but a returned submission stays correctable.
      return writes && WRITING.includes(state) && (roundOpen || state === 'returned')
    case 'endorse':
      return sectorReviewer && state === 'submitted'
    case 'return':
      return (manages && (state === 'submitted' || state === 'endorsed')) || (sectorReviewer && state === 'submitted')
    case 'accept':
      return manages && (state === 'submitted' || state === 'endorsed')
  }
}

const STEPS: ReviewStep[] = ['submit', 'endorse', 'return', 'accept']
const INSTITUTIONS = { VPD, VP }

describe('per-record rules over every role × institution × submission state × round state', () => {
  for (const who of WHO) {
    for (const [name, institution] of Object.entries(INSTITUTIONS)) {
      for (const state of SUBMISSION_STATES) {
        for (const roundState of ROUND_STATES) {
          it(`${who} on a ${state} submission of ${name} in a ${roundState} round`, () => {
            const actor = ACTORS[who]
            const round = { state: roundState }
            const submission = { institution, state }
            const writes = REACH[who].includes(institution)
            const roundOpen = roundState === 'open'

            expect(canWriteFor(actor, PLAN, institution)).toBe(writes)
            expect(canSeeSubmission(actor, PLAN, submission)).toBe(writes || (who === 'viewer' && HANDED_IN.includes(state)))
            expect(canEditSubmission(actor, PLAN, round, submission)).toBe(
              writes && WRITING.includes(state) && (roundOpen || state === 'returned'),
            )
            for (const step of STEPS)
              expect(canTakeStep(step, actor, PLAN, round, submission), step).toBe(expectedStep(step, who, institution, state, roundOpen))

            const abilities = submissionAbilities(actor, PLAN, round, submission)
            expect(abilities).toEqual({
              edit: canEditSubmission(actor, PLAN, round, submission),
              submit: expectedStep('submit', who, institution, state, roundOpen),
              endorse: expectedStep('endorse', who, institution, state, roundOpen),
              return: expectedStep('return', who, institution, state, roundOpen),
              accept: expectedStep('accept', who, institution, state, roundOpen),
              // Undoing an acceptance: the plan's coordinators, on an accepted submission, while the round is open.
              unaccept: MANAGES_PLAN.has(who) && state === 'accepted' && roundOpen,
              // The comment thread: the institution and its reviewers.
              comment: writes,
            })
          })
        }
      }
    }
  }
})

describe('plan and measure rules', () => {
  it.each(WHO)('%s manages the plan only if it is its coordinator or an admin', (who) => {
    const manages = MANAGES_PLAN.has(who)
    expect(canManagePlan(ACTORS[who], PLAN)).toBe(manages)
    expect(measureAbilities(ACTORS[who], PLAN)).toEqual({ edit: manages, rate: manages })
    expect(planAbilities(ACTORS[who], PLAN)).toMatchObject({ edit: manages, openRound: manages, editReport: manages, readAudit: manages })
  })

  it('gives the other plan’s coordinator its own plan and not this one', () => {
    const other = ACTORS.otherPlanCoordinator
    expect(measureAbilities(other, PLAN).edit).toBe(false)
    expect(measureAbilities(other, { coordinatorId: 3, state: 'active' }).edit).toBe(true)
  })

  it('lets readers of the report read it and keeps reporters out', () => {
    const readers = WHO.filter((who) => planAbilities(ACTORS[who], PLAN).readReport)
    expect(readers).toEqual(['admin', 'planCoordinator', 'otherPlanCoordinator', 'ministryCoordinatorTM', 'viewer', 'system'])
  })
})

describe('role-level abilities', () => {
  const of = (who: Who) => userAbilities(ACTORS[who])

  it('gives the administration to admins and plan coordinators, users and institutions to admins only', () => {
    expect(WHO.filter((w) => of(w).administer)).toEqual(['admin', 'planCoordinator', 'otherPlanCoordinator', 'system'])
    expect(WHO.filter((w) => of(w).manageUsers)).toEqual(['admin', 'system'])
    expect(WHO.filter((w) => of(w).manageInstitutions)).toEqual(['admin', 'system'])
  })

  it('gives the review list to reviewers and the work list to those who file', () => {
    expect(WHO.filter((w) => of(w).review)).toEqual(['admin', 'planCoordinator', 'otherPlanCoordinator', 'ministryCoordinatorTM', 'system'])
    expect(WHO.filter((w) => of(w).fileProgress)).toEqual(['ministryCoordinatorTM', 'reporterVPD', 'reporterVP'])
  })

  it('gives a viewer reading and nothing else', () => {
    expect(of('viewer')).toEqual({
      administer: false,
      manageUsers: false,
      manageInstitutions: false,
      importPlans: false,
      manageRounds: false,
      manageSurveys: false,
      review: false,
      fileProgress: false,
      readReport: true,
      readAudit: false,
    })
  })

  it('treats the system as an admin', () => {
    expect(inGroup(ACTORS.system, 'admins')).toBe(true)
    expect(canManagePlan(ACTORS.system, { coordinatorId: 99, state: 'active' })).toBe(true)
  })
})

describe('completeness before submitting', () => {
  it('lists every gap at once', () => {
    expect(submissionGaps({ text: ' ', proposedStatus: 'pending', reason: null }).map((g) => g.path)).toEqual([
      '/text',
      '/proposedStatus',
      '/reason',
    ])
  })

  it('finds nothing missing in a whole submission', () => {
    expect(submissionGaps({ text: 'Izpildīts', proposedStatus: 'done', reason: 'Pabeigts' })).toEqual([])
  })
})

describe('overdue by the Riga calendar day', () => {
  it('starts a new day at midnight in Riga, not in UTC (winter, UTC+2)', () => {
    const halfPastMidnightInRiga = new Date('2026-03-01T22:30:00Z')
    expect(halfPastMidnightInRiga.toISOString().slice(0, 10)).toBe('2026-03-01')
    expect(rigaToday(halfPastMidnightInRiga)).toBe('2026-03-02')
    expect(isOverdue('2026-03-01', rigaToday(halfPastMidnightInRiga))).toBe(true)
  })

  it('follows summer time (UTC+3)', () => {
    expect(rigaToday(new Date('2026-06-30T20:59:00Z'))).toBe('2026-06-30')
    expect(rigaToday(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01')
  })

  it('keeps the due day itself on time', () => {
    expect(isOverdue('2026-03-02', '2026-03-02')).toBe(false)
    expect(isOverdue('2026-03-02', '2026-03-01')).toBe(false)
  })
})

describe('a plan’s life', () => {
  const at = (state: 'draft' | 'active' | 'closed') => ({ coordinatorId: 1, state })

  it('hides a draft from everyone but those who manage it', () => {
    for (const who of Object.keys(ACTORS) as Who[]) expect(canSeePlan(ACTORS[who], at('draft')), who).toBe(MANAGES_PLAN.has(who))
    for (const who of Object.keys(ACTORS) as Who[]) expect(canSeePlan(ACTORS[who], at('active')), who).toBe(true)
  })

  it('lets the coordinator shape a plan until it is closed, and asks a reason only of an active one', () => {
    expect(canEditPlan(ACTORS.planCoordinator, at('draft'))).toBe(true)
    expect(canEditPlan(ACTORS.planCoordinator, at('active'))).toBe(true)
    expect(canEditPlan(ACTORS.planCoordinator, at('closed'))).toBe(false)
    expect(canEditPlan(ACTORS.admin, at('closed'))).toBe(false)
    expect(structureNeedsReason(at('draft'))).toBe(false)
    expect(structureNeedsReason(at('active'))).toBe(true)
  })

  it('moves forward by the coordinator and back only by an admin', () => {
    expect(canActivatePlan(ACTORS.planCoordinator, at('draft'))).toBe(true)
    expect(canActivatePlan(ACTORS.planCoordinator, at('active'))).toBe(false)
    expect(canClosePlan(ACTORS.planCoordinator, at('active'))).toBe(true)
    expect(canClosePlan(ACTORS.planCoordinator, at('draft'))).toBe(false)
    expect(canReopenPlan(ACTORS.planCoordinator, at('closed'))).toBe(false)
    expect(canReopenPlan(ACTORS.admin, at('closed'))).toBe(true)
    expect(canReopenPlan(ACTORS.admin, at('active'))).toBe(false)
  })

  it('runs rounds and ratings on an active plan only', () => {
    for (const state of ['draft', 'closed'] as const) {
      expect(canOpenRound(ACTORS.planCoordinator, at(state))).toBe(false)
      expect(canRateMeasure(ACTORS.admin, at(state))).toBe(false)
    }
    expect(canOpenRound(ACTORS.planCoordinator, at('active'))).toBe(true)
  })
})

describe('a survey and its responses', () => {
  // Two municipalities (40, 41) answer a survey IeM (1) coordinates; TM (2) is asked as well.
  const MUNI_A = user('reporter', 40)
  const MUNI_B = user('reporter', 41)
  const MUNI_A_VIEWER = user('viewer', 40)
  const actors = { ...ACTORS, muniA: MUNI_A, muniB: MUNI_B, muniAViewer: MUNI_A_VIEWER }
  type Actor = keyof typeof actors
  const everyone = Object.keys(actors) as Actor[]
  const survey = (state: 'draft' | 'open' | 'closed') => ({ coordinatorId: 1, state })
  const response = (institutionId: number, state: 'missing' | 'draft' | 'submitted' = 'draft', reopened = false, inAudience = true) => ({
    institutionId,
    inAudience,
    state,
    reopened,
  })
  const MANAGES: ReadonlySet<Actor> = new Set(['admin', 'planCoordinator', 'system'])

  it('has the three states', () => {
    expect(SURVEY_STATES).toEqual(['draft', 'open', 'closed'])
  })

  it('shows a draft survey only to those who manage it, and its results to them and to report readers once open', () => {
    for (const who of everyone) {
      expect(canSeeSurvey(actors[who], survey('draft')), who).toBe(MANAGES.has(who))
      expect(canSeeSurvey(actors[who], survey('open')), who).toBe(true)
      expect(canReadSurveyResults(actors[who], survey('draft')), who).toBe(MANAGES.has(who))
      const readsReports = ['otherPlanCoordinator', 'ministryCoordinatorTM', 'viewer', 'muniAViewer'].includes(who)
      expect(canReadSurveyResults(actors[who], survey('closed')), who).toBe(MANAGES.has(who) || readsReports)
    }
  })

  it('shows a response to its own institution’s users and the coordinator, never to another institution', () => {
    for (const who of everyone) {
      const own = who === 'muniA' || who === 'muniAViewer'
      expect(canSeeResponse(actors[who], survey('open'), { institutionId: 40 }), who).toBe(own || MANAGES.has(who))
    }
  })

  it('lets only the institution’s own filers answer for it: not another municipality, a ministry’s reporter, a viewer or the coordinator', () => {
    for (const who of everyone)
      for (const state of ['missing', 'draft'] as const)
        expect(canAnswer(actors[who], survey('open'), response(40, state)), `${who} ${state}`).toBe(who === 'muniA')
    expect(canAnswer(ACTORS.ministryCoordinatorTM, survey('open'), response(2))).toBe(true)
    expect(canAnswer(ACTORS.ministryCoordinatorTM, survey('open'), response(10))).toBe(false)
  })

  it('takes answers while open, or after closing when the coordinator reopened the response; never once submitted or outside the audience', () => {
    expect(canAnswer(MUNI_A, survey('draft'), response(40))).toBe(false)
    expect(canAnswer(MUNI_A, survey('closed'), response(40))).toBe(false)
    expect(canAnswer(MUNI_A, survey('closed'), response(40, 'draft', true))).toBe(true)
    expect(canAnswer(MUNI_A, survey('open'), response(40, 'submitted'))).toBe(false)
    expect(canAnswer(MUNI_A, survey('closed'), response(40, 'submitted', true))).toBe(false)
    expect(canAnswer(MUNI_A, survey('open'), response(40, 'draft', false, false))).toBe(false)
  })

  it('lets the coordinator reopen a submitted response and code answers, no one else', () => {
    for (const who of everyone) {
      expect(canReopenResponse(actors[who], survey('open'), { state: 'submitted' }), who).toBe(MANAGES.has(who))
      expect(canReopenResponse(actors[who], survey('closed'), { state: 'submitted' }), who).toBe(MANAGES.has(who))
      expect(canCodeAnswers(actors[who], survey('closed')), who).toBe(MANAGES.has(who))
    }
    for (const state of ['missing', 'draft'] as const)
      expect(canReopenResponse(ACTORS.planCoordinator, survey('open'), { state })).toBe(false)
    expect(canReopenResponse(ACTORS.planCoordinator, survey('draft'), { state: 'submitted' })).toBe(false)
    expect(canReopenResponse(ACTORS.otherPlanCoordinator, survey('open'), { state: 'submitted' })).toBe(false)
  })
})
