// The rows of the permission matrix (test/helpers/permission-table.ts) for single sign-on (issue 18).
// The matrix app has no provider configured: the provider routes answer 404 to everyone, never 401/403.
import type { RouteCase } from './helpers/permission-table.js'

export const SSO_ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/auth/providers', path: () => '/api/auth/providers', allowed: 'public' },
  { method: 'GET', url: '/api/auth/oidc/:provider/login', path: () => '/api/auth/oidc/oidc/login', allowed: 'public' },
  { method: 'GET', url: '/api/auth/oidc/:provider/callback', path: () => '/api/auth/oidc/oidc/callback?code=x&state=y', allowed: 'public' },
]
