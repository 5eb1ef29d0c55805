// Data access for plan files: the institution aliases imports learn. No permissions here.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../../db/client.js'
import { type InstitutionAlias, institutionAliases } from '../../../../db/schema/index.js'

/** Stores `text` (under its normalised `key`) as a name of the institution; the row before, if the key was known. */
export async function upsertAlias(
  tx: Tx,
  alias: { key: string; text: string; institutionId: number },
): Promise<{ before: InstitutionAlias | undefined; after: InstitutionAlias }> {
  const [before] = await tx.select().from(institutionAliases).where(eq(institutionAliases.key, alias.key))
  const [after] = before
    ? await tx
        .update(institutionAliases)
        .set({ text: alias.text, institutionId: alias.institutionId })
        .where(eq(institutionAliases.id, before.id))
        .returning()
    : await tx.insert(institutionAliases).values(alias).returning()
  return { before, after: after! }
}
