// Building blocks of the API's request and response schemas.
import { type Static, type TSchema, Type } from '@sinclair/typebox'

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
export const IdSchema = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
export const IdParamsSchema = Type.Object({ id: IdSchema })
export type IdParams = Static<typeof IdParamsSchema>
export const VersionSchema = Type.Integer({
  minimum: 1,
  maximum: 2_147_483_647,
  description: 'The version last read; a stale one gets 409.',
})
export const TimestampSchema = Type.String({ format: 'date-time' })

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    details: Type.Optional(Type.Unknown()),
  },
  { title: 'Error' },
)
export type ErrorBody = Static<typeof ErrorSchema>
