// What a careful clerk expects of messages, in English: the same keys as clerk.lv.ts.
import type lv from './clerk.lv'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const en: Widen<typeof lv> = {
  alreadyExists: {
    user: 'A user with the e-mail {value} already exists — find them in the list of users or use another e-mail.',
    institution: 'An institution with the code {value} already exists — find it in the list of institutions or choose another code.',
    plan: 'A plan with the code {value} already exists — open it from the list of plans or choose another code.',
    actionLine: 'This plan already has an action line numbered {value} — choose another number.',
    measure: 'This plan already has a measure numbered {value} — choose another number.',
    survey: 'A survey with the code {value} already exists — find it in the list of surveys or choose another code.',
  },
  errorDetails: 'Details for the support desk',
  problemsTitle: 'Fix these before saving',
  assessment: {
    review: 'Status changed — review the assessment',
    reviewText:
      'The assessment was written for the status “{from}”. The report will print it beside the new status “{to}”, so rewrite it or confirm that it fits the new status too.',
    keep: 'The assessment fits the new status too — keep it unchanged',
    keepFirst: 'Rewrite the assessment for the new status, or confirm that it stays unchanged.',
  },
  evidence: {
    duplicate: 'This file is already attached as “{name}”.',
  },
}

export default en
