// Waiting assertions on the page, in vitest's expect (playwright-core has no test runner's expect).
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/** Waits until the locator's text contains `text` (polling, like a user looking again). */
export async function expectText(locator: Locator, text: string | RegExp, timeout = 10_000) {
  await locator.first().waitFor({ timeout })
  await expect
    .poll(async () => (await locator.first().innerText()).replace(/\s+/g, ' '), { timeout })
    .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text)
}

export async function expectVisible(locator: Locator, timeout = 10_000) {
  await locator.first().waitFor({ state: 'visible', timeout })
}

export async function expectPath(page: Page, pattern: RegExp, timeout = 10_000) {
  await page.waitForURL((url) => pattern.test(url.pathname), { timeout })
}
