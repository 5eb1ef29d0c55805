// How the report names an institution: its name with its official abbreviation, "Valsts policija (VP)".
import type { DocInstitution } from '@apt/shared'

/** An institution for readers: "Valsts policija (VP)"; unknown codes stay codes. */
export function institutionLabel(code: string, institutions: Map<string, DocInstitution>): string {
  const institution = institutions.get(code)
  return institution ? `${institution.name} (${code})` : code
}
