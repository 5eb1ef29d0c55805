import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { institutions } from './institutions.js'
import { measures } from './measures.js'

/** Which institutions are responsible for or involved in a measure, in the plan's order. */
export const measureInstitutions = pgTable(
  'measure_institutions',
  {
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    role: text('role', { enum: ['responsible', 'involved'] }).notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.institutionId, t.role] }),
    index('measure_institutions_institution_idx').on(t.institutionId),
  ],
)

export type MeasureInstitution = typeof measureInstitutions.$inferSelect
