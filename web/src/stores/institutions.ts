// Institutions, loaded once: codes become names everywhere, and the tree drives filters and admin.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import type { CreateInstitution, Institution, UpdateInstitution } from '@apt/shared'
import { institutionsService } from '../services/institutions'

export interface InstitutionNode {
  institution: Institution
  depth: number
}

export const useInstitutionsStore = defineStore('institutions', () => {
  const institutions = ref<Institution[] | null>(null)
  let loading: Promise<Institution[]> | null = null

  async function load(force = false) {
    if (institutions.value && !force) return institutions.value
    loading ??= institutionsService.list().finally(() => {
      loading = null
    })
    institutions.value = await loading
    return institutions.value
  }

  const byCode = computed(() => new Map((institutions.value ?? []).map((i) => [i.code, i])))
  const name = (code: string) => byCode.value.get(code)?.name ?? code

  /** Depth-first: each top-level institution followed by the ones under it, alphabetically. */
  const tree = computed<InstitutionNode[]>(() => {
    const list = institutions.value ?? []
    const children = new Map<string | null, Institution[]>()
    for (const i of list) {
      const key = i.parent && byCode.value.has(i.parent) ? i.parent : null
      children.set(key, [...(children.get(key) ?? []), i])
    }
    const out: InstitutionNode[] = []
    const walk = (parent: string | null, depth: number) => {
      for (const i of [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code, 'lv'))) {
        out.push({ institution: i, depth })
        if (depth < 10) walk(i.code, depth + 1)
      }
    }
    walk(null, 0)
    return out
  })

  async function create(body: CreateInstitution) {
    const created = await institutionsService.create(body)
    await load(true)
    return created
  }

  async function update(id: number, body: UpdateInstitution) {
    const updated = await institutionsService.update(id, body)
    await load(true)
    return updated
  }

  return { institutions: readonly(institutions), byCode, tree, name, load, create, update }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useInstitutionsStore, import.meta.hot))
