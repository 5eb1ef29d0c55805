// Who publishes what (issue #17): a plan, a survey's results, evidence files and report exports are
// made public by the coordinator of their plan or survey (and admins); the licence by admins alone.
import { describe, expect, it } from 'vitest'
import {
  type PolicyActor,
  type Role,
  canMarkEvidencePublic,
  canPublishPlan,
  canPublishReport,
  canPublishSurveyResults,
  canSetOpenDataLicence,
  canUnpublishPlan,
  canUnpublishSurveyResults,
  PLAN_STATES,
  SUBMISSION_STATES,
  SURVEY_STATES,
} from '../src/index.js'

const user = (role: Role, institutionId: number): PolicyActor => ({
  kind: 'user',
  id: institutionId * 100,
  role,
  institutionId,
  sectorId: institutionId,
})
// IeM (1) coordinates the plan and the survey; FM (3) coordinates others.
const ACTORS = {
  admin: user('admin', 1),
  planCoordinator: user('plan_coordinator', 1),
  otherPlanCoordinator: user('plan_coordinator', 3),
  ministryCoordinator: user('ministry_coordinator', 1),
  reporter: user('reporter', 1),
  viewer: user('viewer', 1),
  system: { kind: 'system' } as PolicyActor,
}
type Who = keyof typeof ACTORS
const EVERYONE = Object.keys(ACTORS) as Who[]
const MANAGES = new Set<Who>(['admin', 'planCoordinator', 'system'])

describe('publishing', () => {
  it('publishes an approved plan by its coordinator, never a draft; takes it back in any state', () => {
    for (const who of EVERYONE)
      for (const state of PLAN_STATES) {
        const plan = { coordinatorId: 1, state }
        expect(canPublishPlan(ACTORS[who], plan), `${who} ${state}`).toBe(MANAGES.has(who) && state !== 'draft')
        expect(canUnpublishPlan(ACTORS[who], plan), `${who} ${state}`).toBe(MANAGES.has(who))
        expect(canPublishReport(ACTORS[who], plan), `${who} ${state}`).toBe(MANAGES.has(who))
      }
  })

  it('publishes a survey’s results by its coordinator once it is closed', () => {
    for (const who of EVERYONE)
      for (const state of SURVEY_STATES) {
        const survey = { coordinatorId: 1, state }
        expect(canPublishSurveyResults(ACTORS[who], survey), `${who} ${state}`).toBe(MANAGES.has(who) && state === 'closed')
        expect(canUnpublishSurveyResults(ACTORS[who], survey), `${who} ${state}`).toBe(MANAGES.has(who))
      }
  })

  it('marks only an accepted submission’s evidence public, by the plan’s coordinator', () => {
    const plan = { coordinatorId: 1, state: 'active' } as const
    for (const who of EVERYONE)
      for (const state of SUBMISSION_STATES)
        expect(canMarkEvidencePublic(ACTORS[who], plan, { state }), `${who} ${state}`).toBe(MANAGES.has(who) && state === 'accepted')
  })

  it('leaves the open-data licence to admins', () => {
    for (const who of EVERYONE) expect(canSetOpenDataLicence(ACTORS[who]), who).toBe(who === 'admin' || who === 'system')
  })
})
