import { integer, pgTable, primaryKey } from 'drizzle-orm/pg-core'
import { institutions } from './institutions.js'
import { plans } from './plans.js'

/** The institutions a plan document names, in its order, so export gives back what import took. */
export const planInstitutions = pgTable(
  'plan_institutions',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.institutionId] })],
)
