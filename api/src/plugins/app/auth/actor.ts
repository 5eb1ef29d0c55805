// The actor every service takes: who acts (a user, or the system itself) and, for the audit trail,
// the request it came with. Routes build it from the request (`actorOf`); first-run data and the
// product's own imports use `systemActor`. Services never see the request object.
import type { FastifyRequest } from 'fastify'
import { AppError, ErrorCode, type SystemActor as PolicySystemActor, type UserActor as PolicyUserActor } from '@apt/shared'

/** Where a change came from, kept in its audit row. */
export interface Origin {
  requestId: string | null
  ip: string | null
}

export interface UserActor extends PolicyUserActor, Origin {
  email: string
  name: string
  institutionCode: string
  mustChangePassword: boolean
}

export interface SystemActor extends PolicySystemActor, Origin {}

export type Actor = UserActor | SystemActor

export const systemActor = (origin: Partial<Origin> = {}): SystemActor => ({
  kind: 'system',
  requestId: origin.requestId ?? null,
  ip: origin.ip ?? null,
})

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that is not public. */
    actor: UserActor | null
  }
}

/** The logged-in user of a request; routes with a rule other than `public` always have one. */
export function actorOf(request: FastifyRequest): UserActor {
  if (!request.actor) throw new AppError(ErrorCode.notAuthenticated, 'Not logged in')
  return request.actor
}

/** Request facts for a change made without a logged-in user (a failed login). */
export const originOf = (request: FastifyRequest): Origin => ({ requestId: request.id, ip: request.ip })

/** The user behind a change, for `created_by`-style columns; null when the system acted. */
export const userIdOf = (actor: Actor): number | null => (actor.kind === 'user' ? actor.id : null)
