// User accounts and signing in: login and logout, the session's user with the areas its role opens,
// accounts created with a one-time password, admin changes, password changes and resets.
import type { FastifyInstance } from 'fastify'
import {
  alreadyExists,
  canManageUsers,
  type CreateUser,
  type CreatedUser,
  ErrorCode,
  type Login,
  type SessionInfo,
  type UpdateUser,
  type User as UserView,
  userAbilities,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { User } from '../../../db/schema/index.js'
import type { Actor, Origin, UserActor } from '../auth/actor.js'
import { createLoginThrottle } from '../auth/login-throttle.js'
import { dummyHash, generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js'
import { digest } from '../auth/secrets.js'
import { AppError, ensure, forbidden, versionConflict } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { ssoRequiredFor } from '../auth/oidc/oidc-data.js'
import {
  endOtherSessions,
  insertUser,
  institutionIdByCode,
  revokeTokensOf,
  touchLastLogin,
  updateUserRow,
  userByEmail,
  userRow,
  userView,
  userViews,
} from './users-data.js'

const ADMINS_ONLY = 'Only an administrator may manage users'

/** The actor a user row acts as, e.g. right after logging in. */
function actorFor(user: User, tree: InstitutionTree, origin: Origin): UserActor {
  return {
    kind: 'user',
    id: user.id,
    role: user.role,
    institutionId: user.institutionId,
    sectorId: tree.root(user.institutionId).id,
    email: user.email,
    name: user.name,
    institutionCode: tree.codeOf(user.institutionId)!,
    mustChangePassword: user.mustChangePassword,
    ...origin,
  }
}

function assertPasswordAcceptable(password: string, user: { email: string; name: string }) {
  const problem = passwordProblem(password, user)
  if (problem) throw new AppError(ErrorCode.weakPassword, problem, { errors: [{ path: '/newPassword', message: problem }] })
}

export function createUsersService(fastify: FastifyInstance) {
  const { db } = fastify
  const throttle = createLoginThrottle(fastify)

  async function institutionId(executor: DbOrTx, code: string) {
    const id = await institutionIdByCode(executor, code)
    if (id === undefined) throw new AppError(ErrorCode.unknownInstitutions, `Unknown institution ${code}`, { codes: [{ code }] })
    return id
  }

  /** Ends every session of a user and revokes its API tokens. */
  async function endAccess(executor: DbOrTx, userId: number) {
    await fastify.sessions.endAllOf(executor, userId)
    await revokeTokensOf(executor, userId)
  }

  const sessionInfo = async (executor: DbOrTx, actor: UserActor, csrfToken: string | null): Promise<SessionInfo> => ({
    user: await userView(executor, actor.id),
    csrfToken,
    abilities: userAbilities(actor),
  })

  /** A signed-in user's new session, ending the one the browser had; one path for passwords and single sign-on. */
  async function startSession(
    tx: DbOrTx,
    user: User,
    origin: Origin,
    previousSession: string | undefined,
    sso?: { provider: string; idToken: string },
  ) {
    // Rotate: whatever session the browser had ends; the new one gets a fresh id.
    if (previousSession) await fastify.sessions.end(tx, digest(previousSession))
    const session = await fastify.sessions.create(tx, user.id, sso)
    await touchLastLogin(tx, user.id)
    const actor = actorFor(user, await InstitutionTree.load(tx), origin)
    await fastify.audit.record(tx, actor, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      ...(sso && { after: { method: 'sso', provider: sso.provider } }),
    })
    return { session, info: await sessionInfo(tx, actor, session.csrfToken) }
  }

  return {
    /**
     * Checks the e-mail and password (slowed and then refused after repeated failures) and starts a
     * session, ending the one the browser had. One answer for an unknown e-mail and a wrong password.
     */
    async login(origin: Origin, input: Login, previousSession: string | undefined) {
      const email = input.email.trim().toLowerCase()
      const ip = origin.ip ?? ''
      // Counted before the check, so a concurrent burst is limited like a slow one.
      const reservation = await throttle.beforeLogin(email, ip)
      const user = await userByEmail(db, email)
      // Verify against a dummy hash for unknown e-mails so the answer takes as long either way.
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password)
      if (!user || !ok || !user.active) {
        await fastify.audit.record(
          db,
          { kind: 'anonymous', label: email, ...origin },
          { action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null },
        )
        throw new AppError(ErrorCode.invalidCredentials, 'Wrong e-mail or password')
      }
      await throttle.loginSucceeded(email, ip, reservation)
      if (await ssoRequiredFor(db, user.institutionId)) {
        // Said only after the right password, so it tells nobody else which accounts are SSO-only.
        await fastify.audit.record(
          db,
          { kind: 'anonymous', label: email, ...origin },
          { action: 'auth.login_failed', entityType: 'user', entityId: user.id, reason: 'sso_required' },
        )
        throw new AppError(ErrorCode.ssoRequired, 'Your institution signs in only through single sign-on')
      }
      return db.transaction((tx) => startSession(tx, user, origin, previousSession))
    },

    /**
     * After single sign-on: the same session, CSRF token and audit row as a password login, in the
     * caller's transaction; the provider's id and ID token are kept for the logout at the provider.
     */
    signInBySso: (
      tx: DbOrTx,
      user: User,
      origin: Origin,
      previousSession: string | undefined,
      sso: { provider: string; idToken: string },
    ) => startSession(tx, user, origin, previousSession, sso),

    /**
     * Ends this session (none for an API token) and records the logout. For a session begun by single
     * sign-on, its provider and ID token, to end the provider's session too.
     */
    async logout(actor: UserActor, sessionId: string | null) {
      return db.transaction(async (tx) => {
        const sso = sessionId ? await fastify.sessions.end(tx, sessionId) : null
        await fastify.audit.record(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id })
        return sso
      })
    },

    /** Who is logged in, what the role opens, and the session's CSRF token (null for an API token). */
    session: (actor: UserActor, csrfToken: string | null) => sessionInfo(db, actor, csrfToken),

    async list(actor: Actor): Promise<UserView[]> {
      ensure(canManageUsers(actor), ADMINS_ONLY)
      return userViews(db)
    },

    /** Creates a user; with no password given, a one-time password the user must change at first login. */
    async create(
      actor: Actor,
      input: CreateUser,
      options: { password?: string; mustChangePassword?: boolean; executor?: DbOrTx } = {},
    ): Promise<CreatedUser> {
      ensure(canManageUsers(actor), ADMINS_ONLY)
      const run = async (tx: DbOrTx) => {
        const taken = await userByEmail(tx, input.email)
        if (taken) throw alreadyExists({ entity: 'user', field: '/email', value: taken.email }, 'A user with this e-mail already exists')
        const password = options.password ?? generateOneTimePassword()
        const row = await insertUser(tx, {
          email: input.email.trim(),
          name: input.name,
          role: input.role,
          institutionId: await institutionId(tx, input.institution),
          passwordHash: await hashPassword(password),
          mustChangePassword: options.mustChangePassword ?? true,
        })
        await fastify.audit.record(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: row })
        return { user: await userView(tx, row.id), oneTimePassword: password }
      }
      return options.executor ? run(options.executor) : db.transaction(run)
    },

    async update(actor: Actor, id: number, input: UpdateUser): Promise<UserView> {
      ensure(canManageUsers(actor), ADMINS_ONLY)
      return db.transaction(async (tx) => {
        const before = await userRow(tx, id)
        if (before.version !== input.version) throw versionConflict('User')
        const changes: Partial<User> = {}
        if (input.name !== undefined) changes.name = input.name
        if (input.role !== undefined) changes.role = input.role
        if (input.institution !== undefined) changes.institutionId = await institutionId(tx, input.institution)
        if (input.active !== undefined) changes.active = input.active
        const touchesOwnPowers =
          (changes.role !== undefined && changes.role !== before.role) ||
          (changes.institutionId !== undefined && changes.institutionId !== before.institutionId) ||
          changes.active === false
        if (actor.kind === 'user' && id === actor.id && touchesOwnPowers)
          throw forbidden('Nobody may change their own role, institution or active state')
        const after = await updateUserRow(tx, id, input.version, changes)
        if (!after) throw versionConflict('User')
        // Sessions and tokens stop working at once (the look-ups also check `active`).
        if (changes.active === false) await endAccess(tx, id)
        await fastify.audit.record(tx, actor, {
          action: changes.active === false ? 'user.deactivate' : 'user.update',
          entityType: 'user',
          entityId: id,
          before,
          after,
        })
        return userView(tx, id)
      })
    },

    async resetPassword(actor: Actor, id: number): Promise<CreatedUser> {
      ensure(canManageUsers(actor), ADMINS_ONLY)
      return db.transaction(async (tx) => {
        const before = await userRow(tx, id)
        const oneTimePassword = generateOneTimePassword()
        const updated = await updateUserRow(tx, id, before.version, {
          passwordHash: await hashPassword(oneTimePassword),
          mustChangePassword: true,
        })
        if (!updated) throw versionConflict('User')
        // A reset is what an admin does for a compromised account: every way in that the old holder had ends.
        await endAccess(tx, id)
        await fastify.audit.record(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id })
        return { user: await userView(tx, id), oneTimePassword }
      })
    },

    /**
     * One's own password; every other session of the user ends, `currentSession` (the one asking)
     * stays. A wrong current password is audited and counts towards the user's limit (429 past it).
     */
    async changePassword(actor: UserActor, currentSession: string | null, currentPassword: string, newPassword: string): Promise<UserView> {
      await throttle.beforePasswordChange(actor.id)
      const current = await userRow(db, actor.id)
      // An account without a password (made by single sign-on) has no current password to give.
      const currentHash = current.passwordHash ?? (await dummyHash)
      if (!(await verifyPassword(currentHash, currentPassword))) {
        await fastify.audit.record(db, actor, { action: 'auth.password_change_failed', entityType: 'user', entityId: actor.id })
        throw new AppError(ErrorCode.wrongCurrentPassword, 'The current password is wrong', {
          errors: [{ path: '/currentPassword', message: 'is wrong' }],
        })
      }
      await throttle.passwordChangeSucceeded(actor.id)
      assertPasswordAcceptable(newPassword, current)
      if (await verifyPassword(currentHash, newPassword))
        throw new AppError(ErrorCode.weakPassword, 'The new password must differ from the current one', {
          errors: [{ path: '/newPassword', message: 'must differ from the current password' }],
        })
      const passwordHash = await hashPassword(newPassword)
      return db.transaction(async (tx) => {
        // The version checked above: a change in between (e.g. an admin's reset) makes this one fail.
        const updated = await updateUserRow(tx, actor.id, current.version, { passwordHash, mustChangePassword: false })
        if (!updated) throw versionConflict('User')
        await endOtherSessions(tx, actor.id, currentSession)
        await fastify.audit.record(tx, actor, { action: 'user.password_change', entityType: 'user', entityId: actor.id })
        return userView(tx, actor.id)
      })
    },
  }
}
