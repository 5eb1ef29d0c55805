import { type AnyPgColumn, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { createdAt, id, updatedAt, version } from './columns.js'
import { institutions } from './institutions.js'
import { plans } from './plans.js'

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored as given; uniqueness and look-ups are case-insensitive via lower(email). */
    email: text('email').notNull(),
    name: text('name').notNull(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    role: text('role', {
      enum: ['admin', 'plan_coordinator', 'ministry_coordinator', 'reporter', 'viewer'],
    }).notNull(),
    /** Null for an account created at its first single sign-on: it has no password until an admin resets one. */
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    /** The language the user reads the app and its e-mails in (kept when they switch it). */
    language: text('language', { enum: ['lv', 'en'] })
      .notNull()
      .default('lv'),
    /** Notification kinds the user gets no e-mail of (always in the app). */
    emailOff: jsonb('email_off').$type<string[]>().notNull().default([]),
    /** The plan the user last worked in: the app opens it again (null: the active plan with the latest period). */
    lastPlanId: integer('last_plan_id').references((): AnyPgColumn => plans.id, { onDelete: 'set null' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`), index('users_institution_idx').on(t.institutionId)],
)

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
