// First-run data: the first admin on an empty database, and on an empty embedded database the demo
// plan with one demo user per role. Logins are printed once, to the console only.
import { readFileSync } from 'node:fs'
import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { type CreateUser, type PlanDocument, Role } from '@apt/shared'
import type { Config } from './config.js'
import { institutions, plans, users } from './db/schema/index.js'
import { generateOneTimePassword } from './plugins/app/auth/passwords.js'

export const DEMO_PLAN_PATH = new URL('../demo/plan-2023-2024.json', import.meta.url)

export function readDemoPlan(): PlanDocument {
  return JSON.parse(readFileSync(DEMO_PLAN_PATH, 'utf8')) as PlanDocument
}

/** The State Chancellery reads everything; it is not part of the demo plan, so it is added here. */
const VIEWER_INSTITUTION = { code: 'VK', name: 'Valsts kanceleja', kind: 'other' as const }

export const DEMO_USERS: CreateUser[] = [
  { email: 'koordinators@iem.demo.lv', name: 'Ilze Koordinatore', institution: 'IeM', role: Role.planCoordinator },
  { email: 'koordinators@tm.demo.lv', name: 'Tālis Tieslietnieks', institution: 'TM', role: Role.ministryCoordinator },
  { email: 'zinotajs@vpd.demo.lv', name: 'Vija Probācija', institution: 'VPD', role: Role.reporter },
  { email: 'zinotajs@vp.demo.lv', name: 'Pēteris Policists', institution: 'VP', role: Role.reporter },
  { email: 'skatitajs@vk.demo.lv', name: 'Kārlis Kancelejs', institution: 'VK', role: Role.viewer },
]

const printOnce = (lines: string[]) => {
  const width = Math.max(...lines.map((l) => l.length))
  const rule = '─'.repeat(width + 2)
  console.log(`\n┌${rule}┐\n${lines.map((l) => `│ ${l.padEnd(width)} │`).join('\n')}\n└${rule}┘\n`)
}

export async function bootstrap(app: FastifyInstance, config: Config) {
  const [{ n: userCount } = { n: 0 }] = await app.db.select({ n: count() }).from(users)
  if (userCount > 0) return
  const logins: string[] = []

  const demo = config.DEMO_DATA && !config.DATABASE_URL
  if (demo) {
    const [{ n: planCount } = { n: 0 }] = await app.db.select({ n: count() }).from(plans)
    if (planCount === 0) await app.planImporter.import(null, readDemoPlan())
  }

  // The first admin belongs to the demo plan's coordinator when there is one, else to an institution of its own.
  const [{ n: institutionCount } = { n: 0 }] = await app.db.select({ n: count() }).from(institutions)
  if (institutionCount === 0 || !demo)
    await app.db.insert(institutions).values({ code: 'ADMIN', name: 'Sistēmas administrācija', kind: 'other' }).onConflictDoNothing()
  const adminInstitution = demo ? 'IeM' : 'ADMIN'
  const adminEmail = config.ADMIN_EMAIL ?? 'admin@localhost'
  const adminPassword = config.ADMIN_PASSWORD ?? generateOneTimePassword()
  await app.users.create(
    null,
    { email: adminEmail, name: 'Administrators', institution: adminInstitution, role: Role.admin },
    { password: adminPassword, mustChangePassword: !config.ADMIN_PASSWORD },
  )
  logins.push(`admin: ${adminEmail}  ${config.ADMIN_PASSWORD ? '(password from ADMIN_PASSWORD)' : `${adminPassword}  (change at first login)`}`)

  if (demo) {
    await app.db.insert(institutions).values(VIEWER_INSTITUTION).onConflictDoNothing()
    const password = config.DEMO_PASSWORD ?? generateOneTimePassword()
    for (const user of DEMO_USERS) {
      await app.users.create(null, user, { password, mustChangePassword: false })
      logins.push(`${user.role}: ${user.email}  ${password}`)
    }
  }
  printOnce(['First start: these logins are shown only now.', ...logins])
}
