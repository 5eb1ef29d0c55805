// The institutions an imported document (action-plan/1, survey/1) lists and uses, checked against
// the registry the same way for every format.
import { AppError, canAddInstitutions, type DocInstitution, ErrorCode, type FieldError, fieldErrors } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { InstitutionTree } from './institution-tree.js'

/** New institutions whose parent chain (through the document and the registry) comes back to them. */
function parentCycles(listed: readonly DocInstitution[], tree: InstitutionTree): FieldError[] {
  const isNew = (inst: DocInstitution) => !tree.byCode.has(inst.code)
  const parentOf = new Map<string, string | null>([...tree.byCode.values()].map((i) => [i.code, tree.codeOf(i.parentId)]))
  for (const inst of listed.filter(isNew)) parentOf.set(inst.code, inst.parent ?? null)
  const errors: FieldError[] = []
  listed.forEach((inst, i) => {
    if (!isNew(inst)) return
    const seen = new Set<string>()
    for (let code: string | null | undefined = inst.code; code; code = parentOf.get(code)) {
      if (seen.has(code)) {
        errors.push({ path: `/institutions/${i}/parent`, message: `makes ${inst.code} its own ancestor` })
        break
      }
      seen.add(code)
    }
  })
  return errors
}

/**
 * Checks a document's institutions: every code it uses (`used`: code → first JSON path) must be
 * listed or registered (422 UNKNOWN_INSTITUTIONS), new ones must not make a parent cycle (400), and
 * only an admin or the system brings new ones (403). Returns the registry and the new institutions.
 */
export async function checkDocumentInstitutions(
  executor: DbOrTx,
  actor: Actor,
  listed: readonly DocInstitution[],
  used: ReadonlyMap<string, string>,
): Promise<{ tree: InstitutionTree; fresh: DocInstitution[] }> {
  const tree = await InstitutionTree.load(executor)
  const listedCodes = new Set(listed.map((i) => i.code))
  const unknown = [...used].filter(([code]) => !listedCodes.has(code) && !tree.byCode.has(code))
  if (unknown.length)
    throw new AppError(ErrorCode.unknownInstitutions, `Institution codes used but not listed: ${unknown.map(([c]) => c).join(', ')}`, {
      codes: unknown.map(([code, path]) => ({ code, path })),
    })
  const cycles = parentCycles(listed, tree)
  if (cycles.length) throw fieldErrors(ErrorCode.validationFailed, cycles)
  const fresh = listed.filter((i) => !tree.byCode.has(i.code))
  if (fresh.length && !canAddInstitutions(actor))
    throw new AppError(
      ErrorCode.forbidden,
      `Institutions ${fresh.map((i) => i.code).join(', ')} are not registered yet; an administrator must add them first`,
      { codes: fresh.map((i) => ({ code: i.code })) },
    )
  return { tree, fresh }
}
