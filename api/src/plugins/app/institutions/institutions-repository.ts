// Institutions: list as a tree-aware view, create and update (audited, versioned).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, eq } from 'drizzle-orm'
import { type CreateInstitution, ErrorCode, type Institution as InstitutionView, type UpdateInstitution } from '@apt/shared'
import { type Institution, institutions } from '../../../db/schema/index.js'
import { AppError, notFound, versionConflict } from '../errors.js'
import { InstitutionTree } from './institution-tree.js'

export function toInstitutionView(row: Institution, tree: InstitutionTree): InstitutionView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parent: tree.codeOf(row.parentId),
    sector: tree.root(row.id).code,
    version: row.version,
  }
}

export function createInstitutionsRepository(fastify: FastifyInstance) {
  const { db } = fastify

  async function parentId(tree: InstitutionTree, code: string | null | undefined, self?: number) {
    if (code == null) return null
    const parent = tree.byCode.get(code)
    if (!parent) throw new AppError(ErrorCode.unknownInstitutions, `Unknown parent institution ${code}`, { codes: [{ code }] })
    if (self !== undefined && tree.subtree(self).has(parent.id))
      throw new AppError(ErrorCode.invalidReference, 'An institution cannot be placed under itself or its own agencies')
    return parent.id
  }

  return {
    async list(): Promise<InstitutionView[]> {
      const tree = await InstitutionTree.load(db)
      return [...tree.byId.values()].sort((a, b) => a.code.localeCompare(b.code, 'lv')).map((row) => toInstitutionView(row, tree))
    },

    async create(request: FastifyRequest, input: CreateInstitution): Promise<InstitutionView> {
      return db.transaction(async (tx) => {
        const tree = await InstitutionTree.load(tx)
        if (tree.byCode.has(input.code)) throw new AppError(ErrorCode.alreadyExists, `Institution ${input.code} already exists`)
        const [row] = await tx
          .insert(institutions)
          .values({ code: input.code, name: input.name, kind: input.kind, parentId: await parentId(tree, input.parent) })
          .returning()
        await fastify.audit.record(tx, request, {
          action: 'institution.create',
          entityType: 'institution',
          entityId: row!.id,
          after: row,
        })
        const after = await InstitutionTree.load(tx)
        return toInstitutionView(row!, after)
      })
    },

    async update(request: FastifyRequest, id: number, input: UpdateInstitution): Promise<InstitutionView> {
      return db.transaction(async (tx) => {
        const tree = await InstitutionTree.load(tx)
        const before = tree.byId.get(id)
        if (!before) throw notFound('Institution')
        const changes: Partial<Institution> = {}
        if (input.name !== undefined) changes.name = input.name
        if (input.kind !== undefined) changes.kind = input.kind
        if (input.parent !== undefined) changes.parentId = await parentId(tree, input.parent, id)
        const [row] = await tx
          .update(institutions)
          .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
          .where(and(eq(institutions.id, id), eq(institutions.version, input.version)))
          .returning()
        if (!row) throw versionConflict('Institution')
        await fastify.audit.record(tx, request, {
          action: 'institution.update',
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

export type InstitutionsRepository = ReturnType<typeof createInstitutionsRepository>
