// First-run data: the first admin on an empty database and, on an empty embedded database (or on
// PostgreSQL when DEMO_DATA=true is set), the demo plan, the demo survey of the 43 municipalities
// (closed, with its answers) and its next period's copy (open), with one demo user per role. Logins
// are printed once, to the console only.
import { readFileSync } from 'node:fs'
import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { type CreateUser, type PlanDocument, Role, type SurveyDocument } from '@apt/shared'
import { type Config, wantsDemoData } from './config.js'
import type { Tx } from './db/client.js'
import { institutions, plans, surveys, users } from './db/schema/index.js'
import { systemActor } from './plugins/app/auth/actor.js'
import { generateOneTimePassword } from './plugins/app/auth/passwords.js'

export const DEMO_PLAN_PATH = new URL('../demo/plan-2023-2024.json', import.meta.url)

export function readDemoPlan(): PlanDocument {
  return JSON.parse(readFileSync(DEMO_PLAN_PATH, 'utf8')) as PlanDocument
}

/** The survey behind the demo plan's report chapter 2: the 43 municipalities, 38 of them answered (closed). */
export const DEMO_SURVEY_PATH = new URL('../demo/survey-2025-municipalities.json', import.meta.url)

export function readDemoSurvey(): SurveyDocument {
  return JSON.parse(readFileSync(DEMO_SURVEY_PATH, 'utf8')) as SurveyDocument
}

/** The demo survey repeated for the next period and open, so the municipalities have something to answer. */
export const DEMO_OPEN_SURVEY = {
  code: 'PASV-PREV-2026',
  period: '2025',
  description:
    'Iekšlietu ministrija atkārto aptauju par likumpārkāpumu prevencijas plānošanu pašvaldībās, starpinstitūciju sadarbības grupu darbu un riska grupas nepilngadīgajiem pieejamajiem pakalpojumiem, šoreiz par 2025. gadu. Lūdzam atbildēt līdz norādītajam termiņam.',
  /** Days from the first start to its due date. */
  dueInDays: 28,
}

/** The State Chancellery reads everything; it is not part of the demo plan, so it is added here. */
const VIEWER_INSTITUTION = { code: 'VK', name: 'Valsts kanceleja', abbreviation: 'VK', kind: 'other' as const }
/** Without demo data the first admin needs an institution to belong to. */
const ADMIN_INSTITUTION = { code: 'ADMIN', name: 'Sistēmas administrācija', kind: 'other' as const }

export const DEMO_USERS: CreateUser[] = [
  { email: 'koordinators@iem.demo.lv', name: 'Ilze Koordinatore', institution: 'IeM', role: Role.planCoordinator },
  { email: 'koordinators@tm.demo.lv', name: 'Tālis Tieslietnieks', institution: 'TM', role: Role.ministryCoordinator },
  { email: 'zinotajs@vpd.demo.lv', name: 'Vija Probācija', institution: 'VPD', role: Role.reporter },
  { email: 'zinotajs@vp.demo.lv', name: 'Pēteris Policists', institution: 'VP', role: Role.reporter },
  { email: 'skatitajs@vk.demo.lv', name: 'Kārlis Kancelejs', institution: 'VK', role: Role.viewer },
  // Municipal reporters: Rīga answered the demo survey; Alūksne did not, so it can try answering the open one.
  { email: 'zinotajs@riga.demo.lv', name: 'Rita Rīdziniece', institution: 'RIGA', role: Role.reporter },
  { email: 'zinotajs@aluksne.demo.lv', name: 'Aivars Alūksnietis', institution: 'ALUKSNES-NOV', role: Role.reporter },
]

/**
 * The demo survey (closed, so its results show) and its next period's copy, opened through the
 * builder's own steps: a new period, no plan link (the plan ends with 2024), a due date ahead.
 */
async function importDemoSurveys(app: FastifyInstance, tx: Tx) {
  const system = systemActor()
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(surveys)
  if (n > 0) return
  const closed = await app.surveys.importWithin(tx, system, readDemoSurvey())
  const copy = await app.surveys.copyWithin(tx, system, closed.id, {
    code: DEMO_OPEN_SURVEY.code,
    period: DEMO_OPEN_SURVEY.period,
    dueDate: new Date(Date.now() + DEMO_OPEN_SURVEY.dueInDays * 86_400_000).toISOString().slice(0, 10),
  })
  const changed = await app.surveys.updateWithin(tx, system, copy.id, {
    version: copy.version,
    description: DEMO_OPEN_SURVEY.description,
    plan: null,
  })
  await app.surveys.transitionWithin(tx, system, changed.id, 'open', { version: changed.version })
}

const printOnce = (lines: string[]) => {
  const width = Math.max(...lines.map((l) => l.length))
  const rule = '─'.repeat(width + 2)
  console.log(`\n┌${rule}┐\n${lines.map((l) => `│ ${l.padEnd(width)} │`).join('\n')}\n└${rule}┘\n`)
}

/**
 * Everything is written in one transaction and the logins printed only after it commits: a failed first
 * start leaves nothing behind. The system acts here: the policy lets it do what an admin may.
 */
export async function bootstrap(app: FastifyInstance, config: Config) {
  const system = systemActor()
  const logins = await app.db.transaction(async (tx) => {
    const [{ n: userCount } = { n: 0 }] = await tx.select({ n: count() }).from(users)
    if (userCount > 0) return []
    const lines: string[] = []

    const demo = wantsDemoData(config)
    if (demo) {
      const [{ n: planCount } = { n: 0 }] = await tx.select({ n: count() }).from(plans)
      if (planCount === 0) await app.planImporter.importWithin(tx, system, readDemoPlan())
      await tx.insert(institutions).values(VIEWER_INSTITUTION).onConflictDoNothing()
      // After the plan: the survey links to its measure 4.4, and brings the municipalities.
      await importDemoSurveys(app, tx)
    } else {
      await tx.insert(institutions).values(ADMIN_INSTITUTION).onConflictDoNothing()
    }

    // The first admin belongs to the demo plan's coordinator when there is one, else to an institution of its own.
    const adminEmail = config.ADMIN_EMAIL ?? 'admin@localhost'
    const adminPassword = config.ADMIN_PASSWORD ?? generateOneTimePassword()
    await app.users.create(
      system,
      { email: adminEmail, name: 'Administrators', institution: demo ? 'IeM' : ADMIN_INSTITUTION.code, role: Role.admin },
      { password: adminPassword, mustChangePassword: !config.ADMIN_PASSWORD, executor: tx },
    )
    lines.push(
      `admin: ${adminEmail}  ${config.ADMIN_PASSWORD ? '(password from ADMIN_PASSWORD)' : `${adminPassword}  (change at first login)`}`,
    )

    if (demo) {
      const password = config.DEMO_PASSWORD ?? generateOneTimePassword()
      for (const user of DEMO_USERS) {
        await app.users.create(system, user, { password, mustChangePassword: false, executor: tx })
        lines.push(`${user.role}: ${user.email}  ${password}`)
      }
    }
    return lines
  })
  if (logins.length) printOnce(['First start: these logins are shown only now.', ...logins])
}
