// Response schemas for the error statuses a route can answer, so every response is described in OpenAPI.
import type { FastifyReply } from 'fastify'
import { ErrorSchema } from '@apt/shared'

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: every bad field is listed',
  401: 'Not logged in',
  403: 'Logged in but not allowed (or CSRF header missing, or password change required)',
  404: 'Not found',
  409: 'Conflict: changed meanwhile (stale version) or already exists',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Refers to something that does not exist',
  429: 'Too many attempts',
}

export function errorResponses(...codes: number[]) {
  return Object.fromEntries(codes.map((code) => [code, { ...ErrorSchema, description: DESCRIPTIONS[code] }]))
}

/** The errors any authenticated route can answer. */
export const AUTHENTICATED = [400, 401, 403] as const

/**
 * Sends JSON that the route's own serialiser already wrote and a service kept as bytes (a read kept
 * between requests, db/read-cache.ts): a Buffer is sent as it is, not serialised again.
 */
export function sendSerialized(reply: FastifyReply, body: Buffer) {
  return reply.type('application/json; charset=utf-8').send(body)
}
