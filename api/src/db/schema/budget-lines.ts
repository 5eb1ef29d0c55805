import { boolean, index, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core'
import { id } from './columns.js'
import { institutions } from './institutions.js'
import { measures } from './measures.js'

export const budgetLines = pgTable(
  'budget_lines',
  {
    id: id(),
    measureId: integer('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    amountEur: numeric('amount_eur', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    source: text('source', { enum: ['state_budget', 'additional_state_budget', 'eu_funds', 'other'] }).notNull(),
    institutionId: integer('institution_id').references(() => institutions.id),
    programme: text('programme'),
    year: integer('year'),
    granted: boolean('granted'),
    position: integer('position').notNull(),
  },
  (t) => [index('budget_lines_measure_idx').on(t.measureId)],
)

export type BudgetLine = typeof budgetLines.$inferSelect
