// Institutions: the registry as a tree-aware list; creating and changing them (admins, audited, versioned).
import type { FastifyInstance } from 'fastify'
import {
  alreadyExists,
  canManageInstitutions,
  type CreateInstitution,
  defaultAbbreviation,
  ErrorCode,
  type Institution as InstitutionView,
  type UpdateInstitution,
} from '@apt/shared'
import type { Institution } from '../../../db/schema/index.js'
import type { Actor } from '../auth/actor.js'
import { AppError, ensure, notFound, versionConflict } from '../errors.js'
import { InstitutionTree } from './institution-tree.js'
import { endPasswordSessionsOf, insertInstitution, toInstitutionView, updateInstitution } from './institutions-data.js'

const ADMINS_ONLY = 'Only an administrator may change the institution registry'

/** The parent's id for a code; 422 for an unknown code, or for a place under the institution itself or its own agencies. */
function parentId(tree: InstitutionTree, code: string | null | undefined, self?: number): number | null {
  if (code == null) return null
  const parent = tree.byCode.get(code)
  if (!parent) throw new AppError(ErrorCode.unknownInstitutions, `Unknown parent institution ${code}`, { codes: [{ code }] })
  if (self !== undefined && tree.subtree(self).has(parent.id))
    throw new AppError(ErrorCode.invalidReference, 'An institution cannot be placed under itself or its own agencies')
  return parent.id
}

export function createInstitutionsService(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    async list(_actor: Actor): Promise<InstitutionView[]> {
      const tree = await InstitutionTree.load(db)
      return [...tree.byId.values()].sort((a, b) => a.code.localeCompare(b.code, 'lv')).map((row) => toInstitutionView(row, tree))
    },

    async create(actor: Actor, input: CreateInstitution): Promise<InstitutionView> {
      ensure(canManageInstitutions(actor), ADMINS_ONLY)
      return db.transaction(async (tx) => {
        const tree = await InstitutionTree.load(tx)
        if (tree.byCode.has(input.code))
          throw alreadyExists({ entity: 'institution', field: '/code', value: input.code }, `Institution ${input.code} already exists`)
        const row = await insertInstitution(tx, {
          code: input.code,
          name: input.name,
          kind: input.kind,
          abbreviation: input.abbreviation !== undefined ? input.abbreviation : defaultAbbreviation(input.code, input.kind),
          parentId: parentId(tree, input.parent),
        })
        await fastify.audit.record(tx, actor, { action: 'institution.create', entityType: 'institution', entityId: row.id, after: row })
        return toInstitutionView(row, await InstitutionTree.load(tx))
      })
    },

    async update(actor: Actor, id: number, input: UpdateInstitution): Promise<InstitutionView> {
      ensure(canManageInstitutions(actor), ADMINS_ONLY)
      return db.transaction(async (tx) => {
        const tree = await InstitutionTree.load(tx)
        const before = tree.byId.get(id)
        if (!before) throw notFound('Institution')
        const changes: Partial<Institution> = {}
        if (input.name !== undefined) changes.name = input.name
        if (input.kind !== undefined) changes.kind = input.kind
        if (input.abbreviation !== undefined) changes.abbreviation = input.abbreviation
        if (input.parent !== undefined) changes.parentId = parentId(tree, input.parent, id)
        if (input.ssoRequired !== undefined) changes.ssoRequired = input.ssoRequired
        const row = await updateInstitution(tx, id, input.version, changes)
        if (!row) throw versionConflict('Institution')
        // Requiring single sign-on (or lifting it) is its own audit action: it decides whether passwords work.
        const ssoChanged = row.ssoRequired !== before.ssoRequired
        if (ssoChanged && row.ssoRequired) await endPasswordSessionsOf(tx, id)
        await fastify.audit.record(tx, actor, {
          action: ssoChanged ? (row.ssoRequired ? 'institution.sso_required' : 'institution.sso_optional') : 'institution.update',
          entityType: 'institution',
          entityId: id,
          before,
          after: row,
        })
        return toInstitutionView(row, await InstitutionTree.load(tx))
      })
    },
  }
}
