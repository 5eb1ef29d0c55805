// User accounts: creation with a one-time password, admin changes, password changes and resets.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { type CreateUser, ErrorCode, type Role, type UpdateUser, type User as UserView } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { apiTokens, institutions, sessions, users, type User } from '../../../db/schema/index.js'
import { currentUser } from '../auth/access.js'
import { generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js'
import { forbidden } from '../auth/scope.js'
import { AppError, notFound, versionConflict } from '../errors.js'

const viewColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institution: institutions.code,
  institutionName: institutions.name,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
}

type ViewRow = { lastLoginAt: Date | null } & Omit<UserView, 'lastLoginAt'>
const toView = (row: ViewRow): UserView => ({ ...row, lastLoginAt: row.lastLoginAt?.toISOString() ?? null })

export function createUsersRepository(fastify: FastifyInstance) {
  const { db } = fastify

  async function view(executor: DbOrTx, id: number): Promise<UserView> {
    const [row] = await executor
      .select(viewColumns)
      .from(users)
      .innerJoin(institutions, eq(institutions.id, users.institutionId))
      .where(eq(users.id, id))
    if (!row) throw notFound('User')
    return toView(row)
  }

  async function institutionId(executor: DbOrTx, code: string) {
    const [inst] = await executor.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code))
    if (!inst) throw new AppError(ErrorCode.unknownInstitutions, `Unknown institution ${code}`, { codes: [{ code }] })
    return inst.id
  }

  /** Ends every session of a user and revokes its API tokens. */
  async function endAccess(tx: DbOrTx, userId: number) {
    await fastify.sessions.endAllOf(tx, userId)
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
  }

  function assertPasswordAcceptable(password: string, email: string) {
    const problem = passwordProblem(password, email)
    if (problem) throw new AppError(ErrorCode.weakPassword, problem, { errors: [{ path: '/newPassword', message: problem }] })
  }

  return {
    view: (id: number) => view(db, id),

    async findByEmail(email: string, executor: DbOrTx = db): Promise<User | undefined> {
      const [row] = await executor
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
      return row
    },

    async list(): Promise<UserView[]> {
      const rows = await db
        .select(viewColumns)
        .from(users)
        .innerJoin(institutions, eq(institutions.id, users.institutionId))
        .orderBy(asc(users.name))
      return rows.map(toView)
    },

    /** Creates a user; with no password given, a one-time password the user must change at first login. */
    async create(
      request: FastifyRequest | null,
      input: CreateUser,
      options: { password?: string; mustChangePassword?: boolean; executor?: DbOrTx } = {},
    ): Promise<{ user: UserView; oneTimePassword: string }> {
      const run = async (tx: DbOrTx) => {
        if (await this.findByEmail(input.email, tx)) throw new AppError(ErrorCode.alreadyExists, 'A user with this e-mail already exists')
        const password = options.password ?? generateOneTimePassword()
        const [row] = await tx
          .insert(users)
          .values({
            email: input.email.trim(),
            name: input.name,
            role: input.role,
            institutionId: await institutionId(tx, input.institution),
            passwordHash: await hashPassword(password),
            mustChangePassword: options.mustChangePassword ?? true,
          })
          .returning()
        await fastify.audit.record(tx, request, { action: 'user.create', entityType: 'user', entityId: row!.id, after: row })
        return { user: await view(tx, row!.id), oneTimePassword: password }
      }
      return options.executor ? run(options.executor) : db.transaction(run)
    },

    async update(request: FastifyRequest, id: number, input: UpdateUser): Promise<UserView> {
      const actor = currentUser(request)
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, id))
        if (!before) throw notFound('User')
        if (before.version !== input.version) throw versionConflict('User')
        const changes: Partial<User> = {}
        if (input.name !== undefined) changes.name = input.name
        if (input.role !== undefined) changes.role = input.role as Role
        if (input.institution !== undefined) changes.institutionId = await institutionId(tx, input.institution)
        if (input.active !== undefined) changes.active = input.active
        const touchesOwnPowers =
          (changes.role !== undefined && changes.role !== before.role) ||
          (changes.institutionId !== undefined && changes.institutionId !== before.institutionId) ||
          changes.active === false
        if (id === actor.id && touchesOwnPowers) throw forbidden('Nobody may change their own role, institution or active state')
        const [after] = await tx
          .update(users)
          .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
          .where(and(eq(users.id, id), eq(users.version, input.version)))
          .returning()
        if (!after) throw versionConflict('User')
        // Sessions and tokens stop working at once (the look-ups also check `active`).
        if (changes.active === false) await endAccess(tx, id)
        await fastify.audit.record(tx, request, {
          action: changes.active === false ? 'user.deactivate' : 'user.update',
          entityType: 'user',
          entityId: id,
          before,
          after,
        })
        return view(tx, id)
      })
    },

    async resetPassword(request: FastifyRequest, id: number): Promise<{ user: UserView; oneTimePassword: string }> {
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, id))
        if (!before) throw notFound('User')
        const oneTimePassword = generateOneTimePassword()
        await tx
          .update(users)
          .set({
            passwordHash: await hashPassword(oneTimePassword),
            mustChangePassword: true,
            version: before.version + 1,
            updatedAt: new Date(),
          })
          .where(eq(users.id, id))
        // A reset is what an admin does for a compromised account: every way in that the old holder had ends.
        await endAccess(tx, id)
        await fastify.audit.record(tx, request, { action: 'user.password_reset', entityType: 'user', entityId: id })
        return { user: await view(tx, id), oneTimePassword }
      })
    },

    async changePassword(request: FastifyRequest, currentPassword: string, newPassword: string): Promise<UserView> {
      const actor = currentUser(request)
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(users).where(eq(users.id, actor.id))
        if (!row || !(await verifyPassword(row.passwordHash, currentPassword)))
          throw new AppError(ErrorCode.wrongCurrentPassword, 'The current password is wrong', {
            errors: [{ path: '/currentPassword', message: 'is wrong' }],
          })
        assertPasswordAcceptable(newPassword, row.email)
        if (await verifyPassword(row.passwordHash, newPassword))
          throw new AppError(ErrorCode.weakPassword, 'The new password must differ from the current one', {
            errors: [{ path: '/newPassword', message: 'must differ from the current password' }],
          })
        await tx
          .update(users)
          .set({
            passwordHash: await hashPassword(newPassword),
            mustChangePassword: false,
            version: row.version + 1,
            updatedAt: new Date(),
          })
          .where(eq(users.id, actor.id))
        // Every other session of this user ends; the one making the change stays.
        await tx
          .delete(sessions)
          .where(
            and(
              eq(sessions.userId, actor.id),
              sql`${sessions.id} <> ${request.credential?.kind === 'session' ? request.credential.sessionId : ''}`,
            ),
          )
        await fastify.audit.record(tx, request, { action: 'user.password_change', entityType: 'user', entityId: actor.id })
        return view(tx, actor.id)
      })
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
