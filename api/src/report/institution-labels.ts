// How the report names an institution: by its name with its official abbreviation, "Valsts
// policija (VP)", or by the abbreviation alone where the text is dense ("(VP) …" in the annex,
// "IeM, LM un TM"). An institution without an official abbreviation (the municipalities together,
// "Pašvaldības") is always named in full: the report never prints a made-up code such as "PASV".
import { defaultAbbreviation, type DocInstitution } from '@apt/shared'

/**
 * The official abbreviation: the document's `abbreviation`; when none is stated, the default (the
 * code, or none for a municipality); null when it has none.
 */
export function abbreviationOf(institution: DocInstitution): string | null {
  return institution.abbreviation === undefined ? defaultAbbreviation(institution.code, institution.kind) : institution.abbreviation
}

/** An institution for readers: "Valsts policija (VP)", or the name alone without an abbreviation; unknown codes stay codes. */
export function institutionLabel(code: string, institutions: Map<string, DocInstitution>): string {
  const institution = institutions.get(code)
  if (!institution) return code
  const abbreviation = abbreviationOf(institution)
  return abbreviation ? `${institution.name} (${abbreviation})` : institution.name
}

/** An institution in dense text: its abbreviation ("VP"), else its name; unknown codes stay codes. */
export function institutionShort(code: string, institutions: Map<string, DocInstitution>): string {
  const institution = institutions.get(code)
  if (!institution) return code
  return abbreviationOf(institution) ?? institution.name
}
