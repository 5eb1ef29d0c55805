// The demo logins the product creates on an empty embedded database (api/src/bootstrap.ts).
export const DEMO_PASSWORD = 'e2e-demo-password-123'
export const ADMIN_PASSWORD = 'e2e-admin-password-123'

export const ACCOUNTS = {
  admin: { email: 'admin@localhost', password: ADMIN_PASSWORD },
  planCoordinator: { email: 'koordinators@iem.demo.lv', password: DEMO_PASSWORD },
  ministryCoordinator: { email: 'koordinators@tm.demo.lv', password: DEMO_PASSWORD },
  vpdReporter: { email: 'zinotajs@vpd.demo.lv', password: DEMO_PASSWORD },
  vpReporter: { email: 'zinotajs@vp.demo.lv', password: DEMO_PASSWORD },
  viewer: { email: 'skatitajs@vk.demo.lv', password: DEMO_PASSWORD },
  /** Municipal reporters (issue 12): Rīga answered the demo survey, Alūksne did not. */
  rigaReporter: { email: 'zinotajs@riga.demo.lv', password: DEMO_PASSWORD },
  aluksneReporter: { email: 'zinotajs@aluksne.demo.lv', password: DEMO_PASSWORD },
} as const

export type Account = keyof typeof ACCOUNTS
