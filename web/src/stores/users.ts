// User administration: the list, creating (with a one-time password), editing, resetting passwords.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref } from 'vue'
import type { CreateUser, UpdateUser, User } from '@apt/shared'
import { usersService } from '../services/users'

export const useUsersStore = defineStore('users', () => {
  const users = ref<User[] | null>(null)

  async function load() {
    users.value = await usersService.list()
    return users.value
  }

  function replace(user: User) {
    if (users.value) users.value = users.value.map((u) => (u.id === user.id ? user : u))
  }

  async function create(body: CreateUser) {
    const created = await usersService.create(body)
    users.value = [...(users.value ?? []), created.user]
    return created
  }

  async function update(id: number, body: UpdateUser) {
    const updated = await usersService.update(id, body)
    replace(updated)
    return updated
  }

  async function resetPassword(id: number) {
    const result = await usersService.resetPassword(id)
    replace(result.user)
    return result
  }

  return { users: readonly(users), load, create, update, resetPassword }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useUsersStore, import.meta.hot))
