// Who is logged in. The session itself is an httpOnly cookie; this store keeps the user, what the
// server says the user's role opens in the app (`abilities`: menus, route guards, the start page),
// and hands the CSRF token to the API service. On reload it asks GET /api/auth/session, which
// answers `user: null` instead of a 401 (a first visit logs no error in the browser's console). What a user may
// do with one record comes with that record (its own `abilities`), never from here.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import { NO_USER_ABILITIES, type SessionInfo, type User, type UserAbilities } from '@apt/shared'
import { setCsrfToken } from '../services/api'
import { authService } from '../services/auth'

export type SessionStatus = 'unknown' | 'anonymous' | 'authenticated'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const abilities = ref<UserAbilities>(NO_USER_ABILITIES)
  const status = ref<SessionStatus>('unknown')
  let restoring: Promise<void> | null = null
  /** What the stores holding a user's data forget when the session ends (registered as each is first used). */
  const forgetters = new Set<() => void>()
  function onForget(forget: () => void) {
    forgetters.add(forget)
  }

  function apply(info: SessionInfo) {
    user.value = info.user
    abilities.value = { ...NO_USER_ABILITIES, ...info.abilities }
    setCsrfToken(info.csrfToken)
    status.value = 'authenticated'
  }

  /**
   * Forget the session locally (after logout, or when the API says it has expired), and with it every
   * user's data the other stores hold: the next person at this browser never sees the last one's rows.
   */
  function clear() {
    for (const forget of forgetters) forget()
    user.value = null
    abilities.value = NO_USER_ABILITIES
    setCsrfToken(null)
    status.value = 'anonymous'
  }

  /** Once per page load: is there a session already? Errors propagate. */
  function restore(): Promise<void> {
    if (status.value !== 'unknown') return Promise.resolve()
    restoring ??= authService
      .session()
      .then(({ user: current, csrfToken, abilities: granted }) => {
        if (current) apply({ user: current, csrfToken, abilities: granted })
        else clear()
      })
      .finally(() => {
        restoring = null
      })
    return restoring
  }

  async function login(email: string, password: string) {
    apply(await authService.login(email, password))
  }

  async function logout() {
    let ended: Awaited<ReturnType<typeof authService.logout>>
    try {
      ended = await authService.logout()
    } finally {
      clear()
    }
    // A session begun by single sign-on: the provider's session ends too, on its own page, which
    // brings the browser back to /login. The page is left, so what the caller does next is not seen.
    if (ended?.endSessionUrl) window.location.assign(ended.endSessionUrl)
  }

  async function changePassword(currentPassword: string, newPassword: string) {
    user.value = await authService.changePassword(currentPassword, newPassword)
  }

  const mustChangePassword = computed(() => user.value?.mustChangePassword === true)

  return {
    user: readonly(user),
    status: readonly(status),
    abilities: readonly(abilities),
    mustChangePassword,
    restore,
    login,
    logout,
    changePassword,
    clear,
    onForget,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
