// The submission editor's safety: a draft changed elsewhere while someone types is never
// overwritten (autosave stops, the user is told and offered a reload), and a submission the
// reviewers returned shows their comment and can be corrected and submitted again.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkScreen, launchBrowser, loginAs } from './support/browser'
import { expectText, expectVisible } from './support/assert'
import { apiAs, ensureOpenRound, type ApiClient } from './support/api'

interface WorkItem {
  round: { id: number }
  measure: { id: number; number: string }
  institution: string
  state: string
  submissionId: number | null
}
interface Submission {
  id: number
  version: number
  state: string
  text: string
}

/** A fresh VP draft on a measure VP has not started in the open round. */
async function newVpDraft(vp: ApiClient, text: string): Promise<Submission> {
  const round = await ensureOpenRound()
  const { body: work } = await vp.request<WorkItem[]>('GET', '/api/my/work')
  const item = work.find((w) => w.round.id === round.id && w.institution === 'VP' && w.state === 'missing')
  if (!item) throw new Error('VP has no unstarted measure left in the open round')
  const { status, body } = await vp.request<Submission>('POST', `/api/rounds/${round.id}/submissions`, {
    measureId: item.measure.id,
    institution: 'VP',
    text,
  })
  expect(status).toBe(201)
  return body
}

describe('submission editor', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('stops autosaving and offers a reload when someone else changed the draft', async () => {
    const vp = await apiAs('vpReporter')
    const draft = await newVpDraft(vp, 'Sākotnējais teksts.')
    const { context, page } = await loginAs(browser, 'vpReporter')
    await page.goto(`/submissions/${draft.id}`)
    const text = page.getByLabel('Izpildes gaitas apraksts')
    await expectVisible(text)

    // A colleague saves a change from elsewhere.
    const changed = await vp.request<Submission>('PATCH', `/api/submissions/${draft.id}`, {
      version: draft.version,
      text: 'Kolēģa teksts.',
    })
    expect(changed.status).toBe(200)

    await text.fill('Mans teksts, kas nedrīkst pārrakstīt kolēģa tekstu.')
    await expectText(page.getByTestId('conflict'), 'Ziņojumu kāds cits ir mainījis', 15_000)
    await checkScreen(page, 'submission-conflict')
    const { body: stored } = await vp.request<Submission>('GET', `/api/submissions/${draft.id}`)
    expect(stored.text).toBe('Kolēģa teksts.')

    await page.getByTestId('conflict').getByRole('button', { name: 'Pārlādēt jaunāko versiju' }).click()
    await expect.poll(() => text.inputValue()).toBe('Kolēģa teksts.')
    expect(await page.getByTestId('conflict').count()).toBe(0)
    await context.close()
  })

  it('shows the reviewer’s comment on a returned submission, which can be corrected and resubmitted', async () => {
    const vp = await apiAs('vpReporter')
    const draft = await newVpDraft(vp, 'VP veica pārbaudes skolās.')
    const edited = await vp.request<Submission>('PATCH', `/api/submissions/${draft.id}`, {
      version: draft.version,
      proposedStatus: 'partial',
      reason: 'Daļa pārbaužu pārcelta.',
    })
    const submitted = await vp.request<Submission>('POST', `/api/submissions/${draft.id}/submit`, { version: edited.body.version })
    expect(submitted.status).toBe(200)
    const coordinator = await apiAs('planCoordinator')
    const returned = await coordinator.request<Submission>('POST', `/api/submissions/${draft.id}/return`, {
      version: submitted.body.version,
      comment: 'Lūdzu, norādiet pārbaudīto skolu skaitu.',
    })
    expect(returned.status).toBe(200)

    const { context, page } = await loginAs(browser, 'vpReporter')
    await page.goto('/my-work')
    await page.goto(`/submissions/${draft.id}`)
    await expectText(page.getByTestId('return-comment'), 'Lūdzu, norādiet pārbaudīto skolu skaitu.')
    await expectText(page.getByTestId('state-badge'), 'Atgriezts labošanai')
    await checkScreen(page, 'submission-returned')
    await page.getByLabel('Izpildes gaitas apraksts').fill('VP veica pārbaudes 42 skolās.')
    await expectText(page.getByTestId('save-status'), 'Melnraksts saglabāts', 15_000)
    await page.getByRole('button', { name: 'Iesniegt', exact: true }).click()
    await page.getByTestId('confirm-submit').click()
    await expectText(page.getByTestId('state-badge'), 'Iesniegts')
    await context.close()
  })
})
