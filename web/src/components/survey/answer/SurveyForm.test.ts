// The answering form as a respondent meets it, question type by question type: each control
// gives the answer the format wants (an option id, a list, a boolean, a number read the Latvian
// way, rowId → columnId → number), "other" appears when chosen, an empty field is no answer, a
// number that is not one is said so, a table totals as it is filled, and readonly shows text.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import type { SurveyAnswers, SurveySection } from '@apt/shared'
import { i18n } from '../../../i18n'
import SurveyForm from './SurveyForm.vue'

const sections: SurveySection[] = [
  {
    title: 'Sadarbība',
    description: 'Par 2025. gadu.',
    questions: [
      { id: 'council', type: 'yes_no', text: 'Vai ir padome?', required: true, help: 'Jebkāda regulāra sanāksme.' },
      {
        id: 'format',
        type: 'single_choice',
        text: 'Kāda forma?',
        options: [
          { id: 'council', label: 'Padome' },
          { id: 'group', label: 'Darba grupa' },
        ],
        other: { label: 'Cita forma' },
      },
      {
        id: 'members',
        type: 'multiple_choice',
        text: 'Kas piedalās?',
        options: [
          { id: 'police', label: 'Policija' },
          { id: 'school', label: 'Skola' },
        ],
        other: { label: 'Citi' },
      },
      {
        id: 'rating',
        type: 'scale',
        text: 'Kā vērtējat?',
        options: [
          { id: 'weak', label: 'VĀJI' },
          { id: 'good', label: 'LABI' },
        ],
      },
      { id: 'budget', number: '5.', type: 'number', text: 'Budžets', unit: 'EUR' },
      {
        id: 'ages',
        type: 'number_table',
        text: 'Skaits pa vecumiem',
        rows: [
          { id: 'y14', label: '14–17' },
          { id: 'y18', label: '18–25' },
        ],
        columns: [
          { id: 'c2024', label: '2024' },
          { id: 'c2025', label: '2025' },
        ],
      },
      { id: 'notes', type: 'text', text: 'Piezīmes', long: true },
    ],
  },
]

function mountForm(answers: SurveyAnswers = {}, extra: Record<string, unknown> = {}) {
  const state = { answers, invalid: [] as string[] }
  const wrapper = mount(SurveyForm, {
    props: {
      sections,
      answers,
      'onUpdate:answers': (value: SurveyAnswers) => {
        state.answers = value
        return wrapper.setProps({ answers: value })
      },
      'onUpdate:invalid': (value: string[]) => {
        state.invalid = value
      },
      ...extra,
    },
    global: { plugins: [createPinia(), i18n] },
    attachTo: document.body,
  })
  return { wrapper, state }
}

describe('SurveyForm', () => {
  it('answers choices: yes/no, one option or "other", several with "other", a scale', async () => {
    const { wrapper, state } = mountForm()
    expect(wrapper.get('h2').text()).toBe('Sadarbība')
    const council = wrapper.get('[data-question=council]')
    expect(council.get('fieldset').attributes('aria-describedby')).toContain('q-council-help')
    expect(council.text()).toContain('(obligāts)')
    await council.get('input[data-option=no]').setValue(true)
    expect(state.answers.council).toEqual({ value: false })

    const format = wrapper.get('[data-question=format]')
    expect(format.find('#q-format-other').exists()).toBe(false)
    await format.get('input[data-option=other]').setValue(true)
    expect(state.answers.format).toEqual({ value: null, other: '' })
    await format.get('#q-format-other').setValue('Apspriede')
    expect(state.answers.format).toEqual({ value: null, other: 'Apspriede' })
    await format.get('input[data-option=group]').setValue(true)
    expect(state.answers.format).toEqual({ value: 'group' })
    expect(wrapper.find('#q-format-other').exists()).toBe(false)

    const members = wrapper.get('[data-question=members]')
    await members.get('input[data-option=school]').setValue(true)
    await members.get('input[data-option=police]').setValue(true)
    expect(state.answers.members).toEqual({ value: ['police', 'school'] })
    await members.get('input[data-option=other]').setValue(true)
    await members.get('#q-members-other').setValue('NVO')
    expect(state.answers.members).toEqual({ value: ['police', 'school'], other: 'NVO' })
    await members.get('input[data-option=police]').setValue(false)
    await members.get('input[data-option=school]').setValue(false)
    await members.get('input[data-option=other]').setValue(false)
    expect(state.answers.members).toBeUndefined()

    const rating = wrapper.get('[data-question=rating]')
    expect(rating.findAll('input[type=radio]').map((r) => r.attributes('data-option'))).toEqual(['weak', 'good'])
    await rating.get('input[data-option=good]').setValue(true)
    expect(state.answers.rating).toEqual({ value: 'good' })
    await rating.get('button').trigger('click')
    expect(state.answers.rating).toBeUndefined()
    wrapper.unmount()
  })

  it('reads numbers the Latvian way and says plainly when one is not a number', async () => {
    const { wrapper, state } = mountForm()
    const input = wrapper.get('#q-budget-input')
    expect(input.attributes('inputmode')).toBe('decimal')
    expect(wrapper.get('label[for=q-budget-input]').text()).toContain('5. Budžets')
    await input.setValue('1 234,5')
    expect(state.answers.budget).toEqual({ value: 1234.5 })
    await input.setValue('daudz')
    expect(state.answers.budget).toBeUndefined()
    expect(state.invalid).toEqual(['budget'])
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#q-budget-error').text()).toContain('Tas nav skaitlis')
    expect((input.element as HTMLInputElement).value).toBe('daudz')
    await input.setValue('')
    expect(state.invalid).toEqual([])
    wrapper.unmount()
  })

  it('fills a number table cell by cell with live totals', async () => {
    const { wrapper, state } = mountForm()
    const table = wrapper.get('[data-question=ages]')
    expect(table.get('#q-ages-y14-c2024').attributes('aria-label')).toBe('14–17, 2024')
    await table.get('#q-ages-y14-c2024').setValue('3')
    await table.get('#q-ages-y18-c2024').setValue('1 000,5')
    await table.get('#q-ages-y18-c2025').setValue('2')
    expect(state.answers.ages).toEqual({ value: { y14: { c2024: 3 }, y18: { c2024: 1000.5, c2025: 2 } } })
    const text = (s: string) => table.get(s).text().replace(/\s+/g, ' ')
    expect(text('[data-row-total=y18]')).toContain('1 002,5')
    expect(text('[data-grand-total]')).toContain('1 005,5')
    await table.get('#q-ages-y14-c2024').setValue('')
    await table.get('#q-ages-y18-c2024').setValue('')
    await table.get('#q-ages-y18-c2025').setValue('')
    expect(state.answers.ages).toBeUndefined()
    wrapper.unmount()
  })

  it('keeps text as typed, drops an emptied one, and marks missing required questions', async () => {
    const { wrapper, state } = mountForm({}, { missing: ['council'] })
    expect(wrapper.find('textarea#q-notes-input').exists()).toBe(true)
    await wrapper.get('#q-notes-input').setValue('Pirmā rinda\notrā')
    expect(state.answers.notes).toEqual({ value: 'Pirmā rinda\notrā' })
    await wrapper.get('#q-notes-input').setValue('')
    expect(state.answers.notes).toBeUndefined()
    expect(wrapper.get('#q-council-error').text()).toBe('Atbildiet uz šo obligāto jautājumu.')
    expect(wrapper.get('[data-question=council] fieldset').attributes('aria-invalid')).toBe('true')
    wrapper.unmount()
  })

  it('shows answers as text when readonly, the codes kept out of sight', () => {
    const { wrapper } = mountForm(
      {
        council: { value: true },
        format: { value: null, other: 'Apspriede' },
        members: { value: ['police', 'school'] },
        budget: { value: 1234.5 },
        ages: { value: { y14: { c2024: 3, c2025: 4 } } },
        notes: { value: 'Teksts', codes: ['x'] },
      },
      { readonly: true },
    )
    expect(wrapper.findAll('input, textarea')).toHaveLength(0)
    const text = (id: string) => wrapper.get(`[data-question=${id}]`).text().replace(/\s+/g, ' ')
    expect(text('council')).toContain('Jā')
    expect(text('format')).toContain('Cita forma: Apspriede')
    expect(text('members')).toContain('Policija')
    expect(text('members')).toContain('Skola')
    expect(text('rating')).toContain('Nav atbildes')
    expect(text('budget')).toContain('1 234,5 EUR')
    expect(text('ages')).toContain('7')
    expect(text('notes')).toContain('Teksts')
    wrapper.unmount()
  })
})
