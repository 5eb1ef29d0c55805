// Turns any failure into a sentence in the user's language, from the API's stable error code; a
// taken unique value (409 ALREADY_EXISTS with `details`) is named with what to do about it.
import { useI18n } from 'vue-i18n'
import { type AlreadyExistsDetails, ErrorCode } from '@apt/shared'
import { type ApiError, isApiError } from '../services/api'

const UNIQUE_ENTITIES = new Set(['user', 'institution', 'plan', 'actionLine', 'measure', 'survey'])

/** The details of a 409 ALREADY_EXISTS that names what exists, if it does. */
export function takenValue(error: ApiError): AlreadyExistsDetails | null {
  if (error.code !== ErrorCode.alreadyExists) return null
  const d = error.details as Partial<AlreadyExistsDetails> | undefined
  return d && typeof d.value === 'string' && typeof d.field === 'string' && UNIQUE_ENTITIES.has(d.entity ?? '')
    ? (d as AlreadyExistsDetails)
    : null
}

export function useErrorText() {
  const { t, te } = useI18n()
  return (error: unknown): string => {
    if (isApiError(error)) {
      const taken = takenValue(error)
      if (taken) return t(`clerk.alreadyExists.${taken.entity}`, { value: taken.value })
      const key = `errors.${error.code}`
      return te(key) ? t(key) : t('errors.unknown', { status: error.status })
    }
    return t('errors.unexpected')
  }
}

/**
 * Whether a failure is worth a request id for the support desk: the server's own failures and
 * answers this build does not know — never an expected refusal such as a wrong password.
 */
export function needsSupport(error: ApiError, known: (code: string) => boolean): boolean {
  return Boolean(error.requestId) && (error.status >= 500 || !known(error.code))
}
