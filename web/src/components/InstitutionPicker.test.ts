// The institution picker as a keyboard user meets it: typing opens the matches (diacritics and
// case ignored), the arrows move the highlight the input points at, Enter chooses, Escape closes,
// Backspace in the empty field takes the last chip back; a string model picks one.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { i18n } from '../i18n'
import InstitutionPicker from './InstitutionPicker.vue'

const options = [
  { code: 'VP', name: 'Valsts policija' },
  { code: 'VRS', name: 'Valsts robežsardze' },
  { code: 'IeM', name: 'Iekšlietu ministrija' },
]

function mountPicker(modelValue: string[] | string | null) {
  const wrapper = mount(InstitutionPicker, {
    props: {
      id: 'pick',
      modelValue,
      options,
      'onUpdate:modelValue': (value: string[] | string | null) => wrapper.setProps({ modelValue: value }),
    },
    global: { plugins: [createPinia(), i18n] },
    attachTo: document.body,
  })
  return wrapper
}

const chips = (wrapper: ReturnType<typeof mountPicker>) => wrapper.findAll('.picker-chip').map((c) => c.attributes('data-code'))

describe('InstitutionPicker', () => {
  it('chooses several by typing and Enter, and takes the last back with Backspace', async () => {
    const wrapper = mountPicker([])
    const input = wrapper.get('input[role="combobox"]')
    expect(input.attributes('aria-expanded')).toBe('false')
    await input.setValue('robezs')
    expect(input.attributes('aria-expanded')).toBe('true')
    expect(input.attributes('aria-activedescendant')).toBe('pick-option-0')
    await input.trigger('keydown', { key: 'Enter' })
    expect(wrapper.props('modelValue')).toEqual(['VRS'])
    expect(input.attributes('aria-expanded')).toBe('false')
    await input.setValue('valsts')
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(input.attributes('aria-activedescendant')).toBe('pick-option-1')
    await input.trigger('keydown', { key: 'ArrowUp' })
    await input.trigger('keydown', { key: 'Enter' })
    expect(chips(wrapper)).toEqual(['VRS', 'VP'])
    expect((input.element as HTMLInputElement).value).toBe('')
    await input.trigger('keydown', { key: 'Backspace' })
    expect(wrapper.props('modelValue')).toEqual(['VRS'])
    wrapper.unmount()
  })

  it('closes on Escape, then clears the text, and says when nothing matches', async () => {
    const wrapper = mountPicker([])
    const input = wrapper.get('input[role="combobox"]')
    await input.setValue('iek')
    expect(input.attributes('aria-expanded')).toBe('true')
    await input.trigger('keydown', { key: 'Escape' })
    expect(input.attributes('aria-expanded')).toBe('false')
    await input.trigger('keydown', { key: 'Escape' })
    expect((input.element as HTMLInputElement).value).toBe('')
    await input.setValue('zzz')
    expect(input.attributes('aria-expanded')).toBe('false')
    expect(wrapper.text()).toContain('Nav atbilstošu iestāžu')
    wrapper.unmount()
  })

  it('picks one with a string model, replacing the previous choice', async () => {
    const wrapper = mountPicker('VP')
    expect(chips(wrapper)).toEqual(['VP'])
    const input = wrapper.get('input[role="combobox"]')
    await input.setValue('iekšlietu')
    await input.trigger('keydown', { key: 'Enter' })
    expect(wrapper.props('modelValue')).toBe('IeM')
    await wrapper.get('.picker-chip-remove').trigger('click')
    expect(wrapper.props('modelValue')).toBeNull()
    wrapper.unmount()
  })
})
