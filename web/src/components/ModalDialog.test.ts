// The modal dialog as a keyboard user meets it: opening focuses the first field (or the element
// marked [data-autofocus]), the heading names it, Escape closes it unless locked, and closing
// returns focus to the element that opened it and emits `close`.
import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import ModalDialog from './ModalDialog.vue'

let wrappers: VueWrapper[] = []
afterEach(() => {
  wrappers.forEach((w) => w.unmount())
  wrappers = []
  document.body.innerHTML = ''
})

function mountDialog(props: { locked?: boolean; form?: boolean } = {}, body = '<label for="f">Field</label><input id="f" />') {
  const opener = document.createElement('button')
  document.body.append(opener)
  const wrapper = mount(ModalDialog, {
    props: { title: 'Send a reminder', ...props },
    slots: { default: body, actions: '<button type="submit" data-autofocus>Send</button>' },
    attrs: { 'data-testid': 'the-dialog' },
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  return { wrapper, opener, dialog: wrapper.element as HTMLDialogElement }
}

const escape = (dialog: HTMLDialogElement) => dialog.dispatchEvent(new Event('cancel', { cancelable: true }))

describe('ModalDialog', () => {
  it('is named by its heading and focuses its first field on opening', async () => {
    const { wrapper, opener, dialog } = mountDialog()
    opener.focus()
    await wrapper.vm.open()
    expect(dialog.open).toBe(true)
    expect(wrapper.vm.isOpen()).toBe(true)
    expect(dialog.getAttribute('data-testid')).toBe('the-dialog')
    const heading = dialog.querySelector('h2')
    expect(heading?.textContent).toBe('Send a reminder')
    expect(dialog.getAttribute('aria-labelledby')).toBe(heading?.id)
    expect(document.activeElement).toBe(dialog.querySelector('input'))
  })

  it('focuses the element marked data-autofocus when it has no field', async () => {
    const { wrapper, dialog } = mountDialog({}, '<p>Publish the plan?</p>')
    await wrapper.vm.open()
    expect(document.activeElement).toBe(dialog.querySelector('[data-autofocus]'))
  })

  it('closes on Escape, returns focus to the opener and emits close', async () => {
    const { wrapper, opener, dialog } = mountDialog()
    opener.focus()
    await wrapper.vm.open()
    escape(dialog)
    expect(dialog.open).toBe(false)
    expect(document.activeElement).toBe(opener)
    expect(wrapper.emitted('close')).toHaveLength(1)
  })

  it('returns focus to the opener it was given', async () => {
    const { wrapper, opener } = mountDialog()
    await wrapper.vm.open(opener)
    wrapper.vm.close()
    expect(document.activeElement).toBe(opener)
  })

  it('stays open on Escape while locked, yet closes when told', async () => {
    const { wrapper, dialog } = mountDialog({ locked: true })
    await wrapper.vm.open()
    escape(dialog)
    expect(dialog.open).toBe(true)
    expect(wrapper.emitted('close')).toBeUndefined()
    wrapper.vm.close()
    expect(dialog.open).toBe(false)
    expect(wrapper.emitted('close')).toHaveLength(1)
  })

  it('as a form, emits submit instead of submitting', async () => {
    const { wrapper, dialog } = mountDialog({ form: true })
    await wrapper.vm.open()
    expect(dialog.querySelector('form h2')).not.toBeNull()
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('submit')).toHaveLength(1)
  })
})
