// The institutions an imported document (action-plan/1, survey/1) lists and uses, checked against
// the registry the same way for every format; each finding an error on its JSON path, so the
// import reports them with the document's other problems.
import { canAddInstitutions, type DocInstitution, type DocumentError } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { fieldOf, listOf, textOf } from '../imports/document-problems.js'
import { InstitutionTree } from './institution-tree.js'

/** The listed institutions with a code, by their place in the list. */
function listedInstitutions(listed: readonly unknown[]): { inst: DocInstitution; index: number }[] {
  return listed.flatMap((inst, index) => (textOf(fieldOf(inst, 'code')) !== undefined ? [{ inst: inst as DocInstitution, index }] : []))
}

/** New institutions whose parent chain (through the document and the registry) comes back to them. */
function parentCycles(listed: readonly { inst: DocInstitution; index: number }[], tree: InstitutionTree): DocumentError[] {
  const isNew = (inst: DocInstitution) => !tree.byCode.has(inst.code)
  const parentOf = new Map<string, string | null>([...tree.byCode.values()].map((i) => [i.code, tree.codeOf(i.parentId)]))
  for (const { inst } of listed.filter((l) => isNew(l.inst))) parentOf.set(inst.code, textOf(inst.parent) ?? null)
  const errors: DocumentError[] = []
  for (const { inst, index } of listed) {
    if (!isNew(inst)) continue
    const seen = new Set<string>()
    for (let code: string | null | undefined = inst.code; code; code = parentOf.get(code)) {
      if (seen.has(code)) {
        errors.push({
          path: `/institutions/${index}/parent`,
          message: `makes ${inst.code} its own ancestor`,
          code: 'cycle',
          params: { code: inst.code },
        })
        break
      }
      seen.add(code)
    }
  }
  return errors
}

/**
 * Checks a document's institutions: every code it uses (`used`: code → each JSON path) must be
 * listed or registered, new ones must not make a parent cycle, and only an admin or the system
 * brings new ones. Returns the registry, the new institutions and every error found.
 */
export async function documentInstitutionErrors(
  executor: DbOrTx,
  actor: Actor,
  listedValue: unknown,
  used: ReadonlyMap<string, readonly string[]>,
): Promise<{ tree: InstitutionTree; fresh: DocInstitution[]; errors: DocumentError[] }> {
  const tree = await InstitutionTree.load(executor)
  const listed = listedInstitutions(listOf(listedValue))
  const listedCodes = new Set(listed.map((l) => l.inst.code))
  const errors: DocumentError[] = []
  for (const [code, paths] of used)
    if (!listedCodes.has(code) && !tree.byCode.has(code))
      for (const path of paths)
        errors.push({
          path,
          message: `"${code}" is neither listed in the document nor registered`,
          code: 'unknown_institution',
          params: { code },
        })
  errors.push(...parentCycles(listed, tree))
  const fresh = [...new Map(listed.filter((l) => !tree.byCode.has(l.inst.code)).map((l) => [l.inst.code, l])).values()]
  if (fresh.length && !canAddInstitutions(actor))
    for (const { inst, index } of fresh)
      errors.push({
        path: `/institutions/${index}/code`,
        message: `${inst.code} is not registered yet; an administrator must add it first`,
        code: 'institution_not_allowed',
        params: { code: inst.code },
      })
  return { tree, fresh: fresh.map((l) => l.inst), errors }
}
