// Our repositories and services as instance decorators, so routes reach them as fastify.plans etc.
import fp from 'fastify-plugin'
import { createInstitutionsRepository } from './institutions/institutions-repository.js'
import { createMeasuresRepository } from './measures/measures-repository.js'
import { createPlanImporter } from './plans/plan-import.js'
import { createPlansRepository } from './plans/plans-repository.js'
import { createUsersRepository } from './users/users-repository.js'
import { createEvidenceRepository } from './rounds/evidence-repository.js'
import { createRoundsRepository } from './rounds/rounds-repository.js'
import { createSubmissionsRepository } from './rounds/submissions-repository.js'
import { createReportNarrativesRepository } from './report/report-narratives-repository.js'

declare module 'fastify' {
  interface FastifyInstance {
    institutions: ReturnType<typeof createInstitutionsRepository>
    plans: ReturnType<typeof createPlansRepository>
    planImporter: ReturnType<typeof createPlanImporter>
    measures: ReturnType<typeof createMeasuresRepository>
    users: ReturnType<typeof createUsersRepository>
    rounds: ReturnType<typeof createRoundsRepository>
    submissions: ReturnType<typeof createSubmissionsRepository>
    evidence: ReturnType<typeof createEvidenceRepository>
    reportNarratives: ReturnType<typeof createReportNarrativesRepository>
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('institutions', createInstitutionsRepository(fastify))
    fastify.decorate('plans', createPlansRepository(fastify))
    fastify.decorate('planImporter', createPlanImporter(fastify))
    fastify.decorate('measures', createMeasuresRepository(fastify))
    fastify.decorate('users', createUsersRepository(fastify))
    fastify.decorate('rounds', createRoundsRepository(fastify))
    fastify.decorate('submissions', createSubmissionsRepository(fastify))
    fastify.decorate('evidence', createEvidenceRepository(fastify))
    fastify.decorate('reportNarratives', createReportNarrativesRepository(fastify))
  },
  { name: 'repositories', dependencies: ['database', 'audit', 'access'] },
)
