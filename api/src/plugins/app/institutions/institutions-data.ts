// Data access for institutions: the view every response shows, and the writes. The tree itself is
// ./institution-tree.ts. No permissions here.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { defaultAbbreviation, type DocInstitution, type Institution as InstitutionView } from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import { type Institution, institutions, type NewInstitution, sessions, users } from '../../../db/schema/index.js'
import { InstitutionTree } from './institution-tree.js'

export function toInstitutionView(row: Institution, tree: InstitutionTree): InstitutionView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    abbreviation: row.abbreviation,
    kind: row.kind,
    parent: tree.codeOf(row.parentId),
    sector: tree.root(row.id).code,
    ssoRequired: row.ssoRequired,
    version: row.version,
  }
}

export async function insertInstitution(executor: DbOrTx, values: NewInstitution): Promise<Institution> {
  const [row] = await executor.insert(institutions).values(values).returning()
  return row!
}

/** Changes an institution if it still has `version`; undefined when someone changed it meanwhile. */
export async function updateInstitution(
  executor: DbOrTx,
  id: number,
  version: number,
  changes: Partial<Institution>,
): Promise<Institution | undefined> {
  const [row] = await executor
    .update(institutions)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(institutions.id, id), eq(institutions.version, version)))
    .returning()
  return row
}

/** A document institution's official abbreviation as stored: absent in the document means the default one. */
export function documentAbbreviation(institution: DocInstitution): string | null {
  return institution.abbreviation === undefined ? defaultAbbreviation(institution.code, institution.kind) : institution.abbreviation
}

/**
 * Adds institutions of an imported document that the registry does not have yet, then links their
 * parents (which may be among them). Returns the new rows and the tree with them.
 */
export async function insertDocumentInstitutions(tx: Tx, fresh: DocInstitution[]) {
  if (fresh.length)
    await tx
      .insert(institutions)
      .values(fresh.map((i) => ({ code: i.code, name: i.name, kind: i.kind, abbreviation: documentAbbreviation(i) })))
  let tree = await InstitutionTree.load(tx)
  for (const inst of fresh) {
    if (inst.parent == null) continue
    await tx
      .update(institutions)
      .set({ parentId: tree.byCode.get(inst.parent)!.id })
      .where(eq(institutions.code, inst.code))
  }
  if (fresh.length) tree = await InstitutionTree.load(tx)
  return { rows: fresh.map((inst) => tree.byCode.get(inst.code)!), tree }
}

/** Ends the sessions its users began with a password (those begun by single sign-on stay). */
export const endPasswordSessionsOf = (executor: DbOrTx, institutionId: number) =>
  executor
    .delete(sessions)
    .where(
      and(
        isNull(sessions.ssoProvider),
        inArray(sessions.userId, executor.select({ id: users.id }).from(users).where(eq(users.institutionId, institutionId))),
      ),
    )
