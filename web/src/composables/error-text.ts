// Turns any failure into a sentence in the user's language, from the API's stable error code.
import { useI18n } from 'vue-i18n'
import { isApiError } from '../services/api'

export function useErrorText() {
  const { t, te } = useI18n()
  return (error: unknown): string => {
    if (isApiError(error)) {
      const key = `errors.${error.code}`
      return te(key) ? t(key) : t('errors.unknown', { status: error.status })
    }
    return t('errors.unexpected')
  }
}
