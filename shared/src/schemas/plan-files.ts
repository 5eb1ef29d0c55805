// Plans from files people already have: the Cabinet order's annex table (DOCX) and the
// coordinator's workbook (XLSX). A dry run answers with the plan as it would be imported and every
// problem located as a person reads the file; unknown institutions are mapped before importing.
import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from './common.js'
import { ImportProblemSchema } from './import-problems.js'
import { CodeSchema, DateSchema, DocInstitutionSchema, PlanDocumentSchema } from './plan-document.js'

/** An institution as the file writes it that matches nothing in the registry, with every row naming it. */
export const UnknownInstitutionSchema = Type.Object({
  text: Type.String(),
  rows: Type.Array(Type.Integer()),
  /** Registry codes that look close, best first. */
  suggestions: Type.Array(Type.String()),
})
export type UnknownInstitution = Static<typeof UnknownInstitutionSchema>

/**
 * The coordinator's answer for each unknown institution, keyed by its text as in the file: an
 * existing institution's code, or a new institution to add (admins only) under that code.
 */
export const InstitutionMappingSchema = Type.Record(
  Type.String({ minLength: 1, maxLength: 300 }),
  Type.Union([
    Type.Object({ code: CodeSchema }, { additionalProperties: false }),
    Type.Object({ create: DocInstitutionSchema }, { additionalProperties: false }),
  ]),
  { maxProperties: 500 },
)
export type InstitutionMapping = Static<typeof InstitutionMappingSchema>

export const PlanFileImportQuerySchema = Type.Object({
  dryRun: Type.Boolean({ default: false, description: 'Read and check only; write nothing.' }),
})
export type PlanFileImportQuery = Static<typeof PlanFileImportQuerySchema>

/**
 * The plan's own facts a file may not carry (the Cabinet order's table has only measures): each
 * one given here wins over what the reader derives (title from the heading before the table,
 * period from its years, code from the title's initials, coordinator = the importing user's
 * institution). `coordinator` is a registry code.
 */
export const PlanFileMetaSchema = Type.Object(
  {
    code: Type.Optional(CodeSchema),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    period: Type.Optional(Type.Object({ start: DateSchema, end: DateSchema }, { additionalProperties: false })),
    approvedBy: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    coordinator: Type.Optional(CodeSchema),
    reportDue: Type.Optional(Nullable(DateSchema)),
    policyFramework: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    goal: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  },
  { additionalProperties: false },
)
export type PlanFileMeta = Static<typeof PlanFileMetaSchema>

/** The multipart form of a plan file import (documented; the handler reads the stream). */
export const PlanFileUploadSchema = Type.Object({
  file: Type.String({ format: 'binary', description: 'The .docx or .xlsx file' }),
  mapping: Type.Optional(Type.String({ description: 'JSON: InstitutionMapping for the unknown institutions' })),
  plan: Type.Optional(Type.String({ description: 'JSON: PlanFileMeta, the plan facts the file does not carry' })),
})

/** A dry run: the plan as it would be imported (unknown institutions still as written), and every problem. */
export const PlanFileDryRunSchema = Type.Object({
  document: PlanDocumentSchema,
  problems: Type.Array(ImportProblemSchema),
  unknownInstitutions: Type.Array(UnknownInstitutionSchema),
  /** Nothing stops the import: no errors, and every institution known or mapped. */
  importable: Type.Boolean(),
})
export type PlanFileDryRun = Static<typeof PlanFileDryRunSchema>

/** One field of one measure an XLSX would change in an existing plan. */
export const PlanChangeSchema = Type.Object({
  measure: Type.String({ description: 'Measure number' }),
  field: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
})
export type PlanChange = Static<typeof PlanChangeSchema>

/** Updating an existing plan from its workbook: the differences (dry run), or those applied. */
export const PlanUpdateResultSchema = Type.Object({
  changes: Type.Array(PlanChangeSchema),
  problems: Type.Array(ImportProblemSchema),
  applied: Type.Boolean(),
})
export type PlanUpdateResult = Static<typeof PlanUpdateResultSchema>
