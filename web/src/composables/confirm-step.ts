// Row actions that cannot be undone ask twice: the first click arms the row's button (it then
// reads "Confirm …"), the second acts, and leaving the button disarms it. One row at a time.
import { shallowRef } from 'vue'

export function useConfirmStep<K>() {
  const armed = shallowRef<K | null>(null)

  /** True on the confirming click; a first click only arms `key` and returns false. */
  function confirmed(key: K): boolean {
    if (armed.value !== key) {
      armed.value = key
      return false
    }
    armed.value = null
    return true
  }

  function disarm(key: K) {
    if (armed.value === key) armed.value = null
  }

  return { armed, confirmed, disarm }
}
