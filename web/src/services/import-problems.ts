// What a refused import carries, for every import of the app (a plan's JSON, Word or Excel file,
// a survey's JSON): the document's problems and, for plan files, the institutions still unknown.
import { ErrorCode, type ImportProblem, type UnknownInstitution } from '@apt/shared'
import { isApiError } from './api'

/**
 * The problems a refused import carries: `details.problems` of any 4xx (JSON imports, plan files);
 * for a refusal without them (a NUL character, a bad form field), its field errors as problems
 * worded by the API. Null when the error is no refusal of a document.
 */
export function importProblemsOf(error: unknown): { problems: ImportProblem[]; unknownInstitutions: UnknownInstitution[] } | null {
  if (!isApiError(error) || error.status >= 500 || error.status < 400) return null
  const details = (error.details ?? {}) as { problems?: unknown; unknownInstitutions?: unknown }
  const unknownInstitutions = Array.isArray(details.unknownInstitutions) ? (details.unknownInstitutions as UnknownInstitution[]) : []
  if (Array.isArray(details.problems)) return { problems: details.problems as ImportProblem[], unknownInstitutions }
  const plain = (path: string | null, message: string): ImportProblem => ({
    code: '',
    params: {},
    location: [],
    path,
    row: null,
    column: null,
    field: null,
    message,
    severity: 'error',
  })
  if (error.errors.length) return { problems: error.errors.map((e) => plain(e.path, e.message)), unknownInstitutions }
  if (error.code === ErrorCode.importProblems) return { problems: [], unknownInstitutions }
  return null
}
