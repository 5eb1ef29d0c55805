// Every screen not already covered by the tour, at 1280 and 390 px, with axe: measures with
// filters kept in the URL, a measure's status form and its evidence warning, the admin screens
// (users with a one-time password and the forced change, institutions, import errors), and
// keyboard use of the shell.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymous, checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'

describe('screens', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('measures: filters and sort live in the URL', async () => {
    const { context, page } = await loginAs(browser, 'viewer')
    const errors = watchErrors(page)
    await page.goto('/plans/1/measures')
    const table = page.getByTestId('measures-table')
    await expectText(page.locator('.result-count'), 'Atrasti 30 pasākumi')

    // A ministry includes its agencies: TM's filter lists the measures of VPD and IeVP too.
    await page.getByLabel('Iestāde').selectOption('TM')
    await page.waitForURL((url) => url.searchParams.get('institution') === 'TM')
    await expectText(table, 'VPD')
    await page.getByLabel('Izpildes statuss').selectOption('partial')
    await page.waitForURL((url) => url.searchParams.get('status') === 'partial')
    await expect
      .poll(async () =>
        (await table.locator('tbody [data-testid=status-badge]').allInnerTexts()).every((b) => b.includes('Daļēji izpildīts')),
      )
      .toBe(true)
    const partial = await table.locator('tbody tr').count()
    await expectText(page.locator('.result-count'), partial === 1 ? 'Atrasts 1 pasākums' : `Atrasti ${partial} pasākumi`)

    await page.reload()
    await expect.poll(() => page.getByLabel('Izpildes statuss').inputValue()).toBe('partial')
    await expect.poll(() => page.getByLabel('Iestāde').inputValue()).toBe('TM')

    await page.getByRole('button', { name: 'Notīrīt atlasi' }).first().click()
    await page.getByLabel('Meklēt tekstā').fill('probācij')
    await page.waitForURL((url) => url.searchParams.get('q') === 'probācij')
    await expectText(page.locator('.result-count'), /Atrast/)
    await page.getByRole('button', { name: /Termiņš/ }).click()
    await page.waitForURL((url) => url.searchParams.get('sort') === 'deadline')
    expect(await page.locator('th[aria-sort=ascending]').innerText()).toContain('Termiņš')
    await checkScreen(page, 'measures')
    await page.getByRole('button', { name: 'Notīrīt atlasi' }).first().click()
    await expectText(page.locator('.result-count'), 'Atrasti 30 pasākumi')
    await checkScreenNarrow(page, 'measures')
    expect(errors).toEqual([])
    await context.close()
  })

  it('measure: the status form asks for a reason and warns about done without evidence', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    await page.goto('/plans/1/measures?status=not_done')
    await page.getByTestId('measures-table').getByRole('link').first().click()
    await expectPath(page, /^\/measures\/\d+$/)
    await page.getByRole('button', { name: 'Mainīt statusu' }).click()
    await page.getByRole('radio', { name: 'Izpildīts', exact: true }).check()
    await expectText(page.getByTestId('no-evidence-warning'), 'Nav pieņemtu pierādījumu')
    await page.getByRole('button', { name: 'Saglabāt statusu' }).click()
    await expectText(page.locator('#status-reason-error'), 'Norādiet, kāpēc statuss tiek mainīts.')
    await checkScreen(page, 'measure-status-warning')
    await checkScreenNarrow(page, 'measure-status-warning')
    await page.getByRole('button', { name: 'Atcelt' }).first().click()
    await page.getByRole('button', { name: 'Labot laukus' }).click()
    await expectVisible(page.getByLabel('Rezultatīvais rādītājs'))
    await checkScreen(page, 'measure-edit')
    await context.close()
  })

  it('admin: creates a user whose one-time password must be changed at first login', async () => {
    const admin = await loginAs(browser, 'admin')
    await admin.page.goto('/admin/users')
    await expectVisible(admin.page.getByTestId('users-table'))
    const email = `jauns.${Date.now().toString(36)}@vp.demo.lv`
    await admin.page.getByLabel('E-pasts').fill(email)
    await admin.page.getByLabel('Vārds, uzvārds').fill('Jānis Jaunais')
    await admin.page.getByLabel('Iestāde').selectOption('VP')
    await admin.page.getByLabel('Loma').selectOption('reporter')
    await admin.page.getByRole('button', { name: 'Izveidot lietotāju' }).click()
    const otpBox = admin.page.getByTestId('one-time-password')
    await expectText(otpBox, email)
    const otp = (await otpBox.locator('code').innerText()).trim()
    await checkScreen(admin.page, 'admin-users')
    await checkScreenNarrow(admin.page, 'admin-users')
    await admin.page.getByRole('button', { name: 'Parole ir pierakstīta' }).click()
    expect(await otpBox.count()).toBe(0)

    const user = await anonymous(browser)
    await user.page.goto('/login')
    await user.page.getByLabel('E-pasta adrese').fill(email)
    await user.page.getByLabel('Parole', { exact: true }).fill(otp)
    await user.page.getByRole('button', { name: 'Pieslēgties' }).click()
    await expectPath(user.page, /^\/password$/)
    await checkScreen(user.page, 'password-change')
    await checkScreenNarrow(user.page, 'password-change')
    // Other screens are closed until the password is changed.
    await user.page.goto('/my-work')
    await expectPath(user.page, /^\/password$/)
    await user.page.getByLabel('Pašreizējā (vienreizējā) parole').fill(otp)
    await user.page.getByLabel('Jaunā parole', { exact: true }).fill('short')
    await expectText(user.page.locator('#pw-new-error'), 'vismaz 12')
    await user.page.getByLabel('Jaunā parole', { exact: true }).fill('Zaļā-pļava-pie-Daugavas-7')
    await user.page.getByLabel('Jaunā parole vēlreiz').fill('Zaļā-pļava-pie-Daugavas-7')
    await user.page.getByRole('button', { name: 'Nomainīt paroli' }).click()
    await expectPath(user.page, /^\/my-work$/)
    await user.context.close()

    // The admin blocks the user again.
    await admin.page.reload()
    const row = admin.page.getByTestId('users-table').locator(`tr[data-email="${email}"]`)
    await row.getByRole('button', { name: /Bloķēt/ }).click()
    await expectText(row, 'Bloķēts')
    await admin.context.close()
  })

  it('admin: institutions as a tree', async () => {
    const { context, page } = await loginAs(browser, 'admin')
    await page.goto('/admin/institutions')
    await expectText(page.getByTestId('institution-tree'), 'Valsts probācijas dienests')
    await checkScreen(page, 'admin-institutions')
    await checkScreenNarrow(page, 'admin-institutions')
    await context.close()
  })

  it('admin: a plan import shows every problem at once, by measure and with its path', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    await page.goto('/admin/import')
    const broken = {
      format: 'action-plan/1',
      institutions: [{ code: 'IeM', name: 'Iekšlietu ministrija', kind: 'ministry' }],
      plan: {
        code: 'BROKEN-1',
        title: '',
        period: { start: '2025-01-01', end: '2027-12-31' },
        coordinator: 'IeM',
        actionLines: [{ number: '1', title: 'Virziens', measures: [{ number: '1.1', title: 'Pasākums', responsible: [] }] }],
      },
    }
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'plans.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) })
    await page.getByRole('button', { name: 'Pārbaudīt' }).click()
    const errors = page.getByTestId('import-errors')
    await expectText(errors, 'Atrastas 3 problēmas')
    await expectText(errors, 'I rīcības virziens → 1.1. pasākums')
    await expectText(errors, '/plan/actionLines/0/measures/0/responsible')
    await checkScreen(page, 'admin-import-errors')
    await checkScreenNarrow(page, 'admin-import-errors')

    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'not.json', mimeType: 'application/json', buffer: Buffer.from('{ nav json') })
    await expectText(page.getByRole('alert'), 'nav derīgs JSON')
    await context.close()
  })

  it('keyboard: the skip link comes first and moves focus to the content; the menu folds at 390 px', async () => {
    const { context, page } = await loginAs(browser, 'ministryCoordinator')
    await page.goto('/my-work')
    await expectVisible(page.getByRole('heading', { name: 'Mans darbs' }))
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Pāriet uz saturu')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    // Focus is visible: the focused element draws an outline.
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    expect(outline).not.toBe('none')

    await page.setViewportSize({ width: 390, height: 844 })
    const menu = page.getByRole('button', { name: 'Izvēlne' })
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    await menu.focus()
    await page.keyboard.press('Enter')
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('link', { name: 'Izskatīšana' }).click()
    await expectPath(page, /^\/review$/)
    await checkScreen(page, 'review-list-ministry')
    await context.close()
  })
})
