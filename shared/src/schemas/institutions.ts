import { Type, type Static } from '@sinclair/typebox'
import { InstitutionKindSchema } from './enums.js'
import { CodeSchema } from './plan-document.js'
import { IdSchema, Nullable, VersionSchema } from './common.js'

export const InstitutionSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  name: Type.String(),
  kind: InstitutionKindSchema,
  parent: Nullable(Type.String({ description: 'Code of the supervising institution' })),
  /** Code of the top-level institution (the ministry) this one belongs to. */
  sector: Type.String(),
  version: Type.Integer(),
})
export type Institution = Static<typeof InstitutionSchema>

export const CreateInstitutionSchema = Type.Object(
  {
    code: CodeSchema,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    kind: InstitutionKindSchema,
    parent: Type.Optional(Nullable(CodeSchema)),
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
  },
  { additionalProperties: false },
)
export type UpdateInstitution = Static<typeof UpdateInstitutionSchema>
