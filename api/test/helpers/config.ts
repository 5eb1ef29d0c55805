import { loadConfig } from '../../src/config.js'

export const ADMIN = { email: 'admin@test.demo.lv', password: 'admin-test-password-1' }
export const DEMO_PASSWORD = 'demo-test-password-1'

/**
 * The production config schema with test values: known passwords, quiet logs, and DEMO_DATA unset as
 * in production (demo data on an empty embedded database, none on PostgreSQL unless a test asks).
 */
export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    ...overrides,
  })
}
