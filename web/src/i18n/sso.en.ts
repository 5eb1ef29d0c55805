// Single sign-on (issue 18): the login screen's provider buttons and refusals, the users' sign-in
// method, an institution's "SSO only" switch.
const en = {
  or: 'or with a password',
  providers: 'Sign in with your institution’s account',
  errors: {
    title: 'Signing in with your institution’s account failed',
    unknown_account:
      'There is no user here with your institution account’s e-mail. Ask the system administrator to create a user with that e-mail.',
    email_unverified:
      'Your institution account has not verified its e-mail, so it cannot be linked to a user here. Ask your institution’s IT support to verify it, or the system administrator for help.',
    deactivated: 'Your user here is blocked. If you still need access, contact the system administrator.',
    identity_conflict:
      'Your user here is already linked to another account of this institution. Sign in with that one, or ask the system administrator for help.',
    unknown_institution:
      'Your institution is not in this system, so no user can be created for you automatically. Ask the system administrator for help.',
    state_mismatch: 'The sign-in was not completed or has expired. Please try again.',
    code_rejected: 'The sign-in was not completed or has expired. Please try again.',
    token_invalid:
      'The answer of your institution’s sign-in could not be verified. Try again; if it happens again, contact the system administrator.',
    provider_error: 'The sign-in at your institution was cancelled. Try again, or sign in with your password.',
    provider_unavailable: 'Your institution’s sign-in service cannot be reached now. Try later, or sign in with your password.',
    other: 'Signing in with your institution’s account failed. Try again, or contact the system administrator.',
  },
  users: {
    signIn: 'Sign-in',
    password: 'Password',
    sso: 'Institution account ({providers})',
    none: 'None (no password, no institution account)',
  },
  institutions: {
    ssoRequired: 'Institution account only (SSO)',
    ssoRequiredHint:
      'Passwords of this institution’s users stop working: they sign in only with the institution’s account. Sessions begun with a password end.',
    ssoBadge: 'SSO only',
  },
}
export default en
