import { loadConfig } from '../../src/config.js'

export const ADMIN = { email: 'admin@test.demo.lv', password: 'admin-test-password-1' }
export const DEMO_PASSWORD = 'demo-test-password-1'

/** The production config schema with test values: demo data on, known passwords, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    DEMO_DATA: 'true',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    ...overrides,
  })
}
