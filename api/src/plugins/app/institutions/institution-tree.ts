// The institution tree in memory: sectors (top-level ancestors) and subtrees. Read through the app's
// database handle it is kept between requests until an institution changes (db/read-cache.ts);
// inside a transaction, which may have changed one, it is read afresh.
import { AppError, ErrorCode, type InstitutionRef, sectorOf, topLevelOf } from '@apt/shared'
import type { ChangeFeed } from '../../../db/change-feed.js'
import type { Db, DbOrTx } from '../../../db/client.js'
import { KeptReads } from '../../../db/read-cache.js'
import { type Institution, institutions } from '../../../db/schema/index.js'

const keptTrees = new KeptReads<'tree', InstitutionTree>({ tables: ['institutions'], maxEntries: 1, maxAgeMs: 60_000 })

export class InstitutionTree {
  readonly byId = new Map<number, Institution>()
  readonly byCode = new Map<string, Institution>()

  constructor(rows: Institution[]) {
    for (const row of rows) {
      this.byId.set(row.id, row)
      this.byCode.set(row.code, row)
    }
  }

  static load(executor: DbOrTx): Promise<InstitutionTree> {
    return keptTrees.get(executor, 'tree', async () => new InstitutionTree(await executor.select().from(institutions)))
  }

  /** Keeps the tree read through `db` (the app's handle, never a transaction) until an institution changes. */
  static keep(db: Db, changes: ChangeFeed) {
    keptTrees.keep(db, changes)
  }

  private readonly parentCode = (code: string) => this.codeOf(this.byCode.get(code)?.parentId ?? null)

  /** The top-level institution above this one (an agency's ministry; a ministry is its own). */
  root(id: number): Institution {
    const node = this.byId.get(id)
    if (!node) throw new Error(`institution ${id} not in tree`)
    return this.byCode.get(topLevelOf(node.code, this.parentCode))!
  }

  /** The institution as the policy's rules need it: itself and its sector. */
  ref(id: number): InstitutionRef {
    return { id, sectorId: this.root(id).id }
  }

  /** A measure's sector: the common root of its responsible institutions, or "several". */
  sectorOf(responsibleIds: readonly number[]): string {
    return sectorOf(
      responsibleIds.map((id) => this.codeOf(id)!),
      this.parentCode,
    )
  }

  /** The institution and everything under it. */
  subtree(id: number): Set<number> {
    const result = new Set<number>([id])
    let grew = true
    while (grew) {
      grew = false
      for (const node of this.byId.values()) {
        if (node.parentId !== null && result.has(node.parentId) && !result.has(node.id)) {
          result.add(node.id)
          grew = true
        }
      }
    }
    return result
  }

  /** The ids of these codes (each with where the request used it); 422 UNKNOWN_INSTITUTIONS naming every unknown one. */
  resolve(used: readonly { code: string; path: string }[]): Map<string, number> {
    const unknown = used.filter((u) => !this.byCode.has(u.code))
    if (unknown.length)
      throw new AppError(ErrorCode.unknownInstitutions, `Unknown institutions: ${[...new Set(unknown.map((u) => u.code))].join(', ')}`, {
        codes: unknown,
      })
    return new Map(used.map((u) => [u.code, this.byCode.get(u.code)!.id]))
  }

  /** Every institution of kind municipality, in the registry's order: "all municipalities". */
  municipalities(): Institution[] {
    return [...this.byId.values()].filter((i) => i.kind === 'municipality').sort((a, b) => a.id - b.id)
  }

  codeOf(id: number | null): string | null {
    return id === null ? null : (this.byId.get(id)?.code ?? null)
  }
}
