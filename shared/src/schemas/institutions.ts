import { Type, type Static } from '@sinclair/typebox'
import { InstitutionKindSchema } from './enums.js'
import { ABBREVIATION_PATTERN, CodeSchema } from './plan-document.js'
import { IdSchema, Nullable, VersionSchema } from './common.js'

/** The official abbreviation documents print ("VP", "IeM"); documents name an institution without one in full. */
export const AbbreviationSchema = Type.String({ minLength: 1, maxLength: 30, pattern: ABBREVIATION_PATTERN })

/**
 * The abbreviation an institution has when nobody stated one (an API create without it, a document
 * without the field): its code, except a municipality's, whose code is made up (e.g. "PASV"), so none.
 */
export function defaultAbbreviation(code: string, kind: Static<typeof InstitutionKindSchema>): string | null {
  return kind === 'municipality' ? null : code
}

export const InstitutionSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  name: Type.String(),
  /** The official abbreviation, or null when it has none (a municipality: its code is made up). */
  abbreviation: Nullable(Type.String()),
  kind: InstitutionKindSchema,
  parent: Nullable(Type.String({ description: 'Code of the supervising institution' })),
  /** Code of the top-level institution (the ministry) this one belongs to. */
  sector: Type.String(),
  /** Its users sign in only through single sign-on: their passwords are refused. */
  ssoRequired: Type.Boolean(),
  version: Type.Integer(),
})
export type Institution = Static<typeof InstitutionSchema>

export const CreateInstitutionSchema = Type.Object(
  {
    code: CodeSchema,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    kind: InstitutionKindSchema,
    parent: Type.Optional(Nullable(CodeSchema)),
    /** Absent: the code, except for a municipality (null: none). */
    abbreviation: Type.Optional(Nullable(AbbreviationSchema)),
  },
  { additionalProperties: false },
)
export type CreateInstitution = Static<typeof CreateInstitutionSchema>

export const UpdateInstitutionSchema = Type.Object(
  {
    version: VersionSchema,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    kind: Type.Optional(InstitutionKindSchema),
    parent: Type.Optional(Nullable(CodeSchema)),
    /** null: the institution has no official abbreviation. */
    abbreviation: Type.Optional(Nullable(AbbreviationSchema)),
    /** Require single sign-on of its users (their passwords stop working); false: passwords work again. */
    ssoRequired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type UpdateInstitution = Static<typeof UpdateInstitutionSchema>
