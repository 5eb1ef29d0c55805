// Case- and diacritic-insensitive text search that works the same on PostgreSQL and PGlite without
// extensions (PGlite ships no unaccent, and lower() in the C locale leaves Ā as it is).
import { sql, type SQL } from 'drizzle-orm'

const ACCENTED = 'āčēģīķļņōšūžĀČĒĢĪĶĻŅŌŠŪŽäöüõÄÖÜÕ'
const PLAIN = 'aceginklnosuzACEGIKLNOSUZaouoAOUO'

/** The query as the database will compare it: lower case, no diacritics, LIKE wildcards escaped. */
export function normalizeSearch(q: string): string {
  return q
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .trim()
}

/** The SQL expression of a column folded the same way. */
export const folded = (column: SQL | unknown): SQL => sql`lower(translate(coalesce(${column}, ''), ${ACCENTED}, ${PLAIN}))`
