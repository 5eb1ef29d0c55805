// Data access for the product's settings (one row per key, an absent row meaning the default). The
// open-data licence is the first: the public data and the catalogue state it.
import { and, eq } from 'drizzle-orm'
import { DEFAULT_OPEN_DATA_LICENCE, type OpenDataLicence } from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import { settings } from '../../../db/schema/index.js'

export const SettingKey = { openDataLicence: 'open_data_licence' } as const

const isLicence = (value: unknown): value is OpenDataLicence =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as OpenDataLicence).name === 'string' &&
  typeof (value as OpenDataLicence).url === 'string'

/** The licence the open data is under: the admin's, else CC BY 4.0; with when and at which version it was set (0: never). */
export async function openDataLicence(db: DbOrTx): Promise<{ licence: OpenDataLicence; updatedAt: Date | null; version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, SettingKey.openDataLicence))
  // A row written by an older or hand-edited release that no longer fits is read as the default.
  if (!row || !isLicence(row.value)) return { licence: DEFAULT_OPEN_DATA_LICENCE, updatedAt: null, version: 0 }
  return { licence: row.value, updatedAt: row.updatedAt, version: row.version }
}

/** Writes the licence if the setting is still at `version` (0: never set); false when someone changed it meanwhile. */
export async function saveOpenDataLicence(tx: Tx, licence: OpenDataLicence, version: number, userId: number | null): Promise<boolean> {
  if (version === 0) {
    const rows = await tx
      .insert(settings)
      .values({ key: SettingKey.openDataLicence, value: licence, updatedBy: userId })
      .onConflictDoNothing()
      .returning({ key: settings.key })
    return rows.length > 0
  }
  const rows = await tx
    .update(settings)
    .set({ value: licence, updatedBy: userId, version: version + 1, updatedAt: new Date() })
    .where(and(eq(settings.key, SettingKey.openDataLicence), eq(settings.version, version)))
    .returning({ key: settings.key })
  return rows.length > 0
}
