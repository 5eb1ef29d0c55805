// Single sign-on (issue 18): the login screen's provider buttons and refusals, the users' sign-in
// method, an institution's "SSO only" switch.
const lv = {
  /** Above the provider buttons on the login screen. */
  or: 'vai ar paroli',
  providers: 'Ienākt ar iestādes kontu',
  /** Why a sign-on was refused (the callback's `sso_error`), each saying what to do. */
  errors: {
    title: 'Neizdevās ienākt ar iestādes kontu',
    unknown_account:
      'Šajā sistēmā nav lietotāja ar jūsu iestādes konta e-pastu. Lūdziet sistēmas administratoram izveidot jums lietotāju ar šo e-pastu.',
    email_unverified:
      'Jūsu iestādes konts nav apliecinājis e-pastu, tāpēc to nevar sasaistīt ar lietotāju šeit. Lūdziet savas iestādes IT atbalstam apliecināt e-pastu vai sistēmas administratoram palīdzēt.',
    deactivated: 'Jūsu lietotājs šajā sistēmā ir bloķēts. Ja piekļuve jums joprojām vajadzīga, sazinieties ar sistēmas administratoru.',
    identity_conflict:
      'Jūsu lietotājs šeit jau ir sasaistīts ar citu šīs iestādes kontu. Ienāciet ar to vai lūdziet sistēmas administratoram palīdzēt.',
    unknown_institution:
      'Jūsu iestāde šajā sistēmā nav atrodama, tāpēc lietotāju automātiski izveidot nevar. Lūdziet sistēmas administratoram palīdzēt.',
    state_mismatch: 'Pieteikšanās netika pabeigta vai ir novecojusi. Mēģiniet ienākt vēlreiz.',
    code_rejected: 'Pieteikšanās netika pabeigta vai ir novecojusi. Mēģiniet ienākt vēlreiz.',
    token_invalid:
      'Iestādes konta atbildi nevarēja pārbaudīt. Mēģiniet vēlreiz; ja tas atkārtojas, sazinieties ar sistēmas administratoru.',
    provider_error: 'Iestādes konta pieteikšanās tika pārtraukta. Mēģiniet vēlreiz vai ienāciet ar paroli.',
    provider_unavailable: 'Iestādes konta pieteikšanās pakalpojums pašlaik nav sasniedzams. Mēģiniet vēlāk vai ienāciet ar paroli.',
    other: 'Neizdevās ienākt ar iestādes kontu. Mēģiniet vēlreiz vai sazinieties ar sistēmas administratoru.',
  },
  users: {
    signIn: 'Pieteikšanās',
    password: 'Parole',
    sso: 'Iestādes konts ({providers})',
    none: 'Nav (ne paroles, ne iestādes konta)',
  },
  institutions: {
    ssoRequired: 'Tikai ar iestādes kontu (SSO)',
    ssoRequiredHint:
      'Šīs iestādes lietotāju paroles vairs nedarbojas: viņi ienāk tikai ar iestādes kontu. Ar paroli sāktās sesijas beidzas.',
    ssoBadge: 'tikai SSO',
  },
}
export default lv
