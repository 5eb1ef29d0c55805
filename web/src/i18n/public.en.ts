// Publishing in English (the `publishing.*` keys of en.ts); see public.lv.ts.
import type lv from './public.lv'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const en: Widen<typeof lv> = {
  plan: {
    title: 'Public page and open data',
    published: 'Published on {date} ({who}). Its public page and open data are open to anyone without logging in.',
    publishedNoWho: 'Published on {date}. Its public page and open data are open to anyone without logging in.',
    notPublished: 'The plan is not published: its public page and data are not available.',
    draftHint: 'A draft cannot be published: approve the plan first.',
    publish: 'Publish the plan',
    unpublish: 'Unpublish',
    page: 'Public page',
    data: 'Plan (JSON)',
    csv: 'Measures (CSV)',
    confirmTitle: 'Publish the plan?',
    confirmLead: 'Once published, anyone can read without logging in (the public page and the open data):',
    whatPublic: {
      plan: 'the plan, its action lines and measures: titles, responsible and involved institutions, deadlines, budgets;',
      status: 'each measure’s official status, assessment and its history of status changes with their reasons;',
      progress: 'accepted progress texts with their institution and period;',
      files: 'evidence files marked public, and the published reports.',
    },
    neverPublic: 'Never published: drafts, submissions in review, return comments, users, e-mail addresses and the audit log.',
    confirm: 'Yes, publish',
    unpublishTitle: 'Unpublish the plan?',
    unpublishLead:
      'The public page and the open data will no longer be available (they answer “not found”) until you publish the plan again.',
    unpublishConfirm: 'Yes, unpublish',
    done: 'The plan is published.',
    undone: 'The plan is no longer published.',
    reports: 'Published reports',
    reportPublic: 'Publish with the plan: {name}',
  },
  survey: {
    title: 'Publishing the results',
    published: 'Results published on {date}.',
    notPublished: 'The results are not published.',
    onlyClosed: 'The results can be published once the survey is closed.',
    noPlan: 'The survey serves no plan, so its results cannot be published.',
    lead: 'Only the aggregate figures are published: how many answered and how many chose each answer. Which municipality answered what is never published.',
    freeText: 'Free-text answers that may be published (without their authors)',
    freeTextHint: 'Mark only questions whose answers hold no personal data or institutions’ internal information.',
    noFreeText: 'This survey has no questions with free-text answers.',
    publish: 'Publish the results',
    republish: 'Save the marks',
    unpublish: 'Unpublish',
    done: 'The results are published.',
    undone: 'The results are no longer published.',
    results: 'Published results (JSON)',
    planNotPublished: 'The results show once the plan is published too.',
  },
  evidence: {
    public: 'Public',
    markPublic: 'Show on the public page: {name}',
    madePublic: 'The file “{name}” will be available on the plan’s public page.',
    madePrivate: 'The file “{name}” is no longer public.',
    hint: 'Files marked here (name, size and content) are available on the plan’s public page.',
  },
  measure: {
    publicPage: 'The measure’s public page',
  },
  licence: {
    title: 'Open-data licence',
    lead: 'The licence under which the open data of every published plan and survey is published (stated in the data catalogue and on the public pages).',
    default: 'The default licence applies now.',
    name: 'Licence name',
    nameHint: 'For example, CC BY 4.0',
    url: 'Licence address (URL)',
    urlInvalid: 'Enter an address starting with http:// or https://.',
    nameMissing: 'Enter the licence’s name.',
    save: 'Save the licence',
    saved: 'The licence is saved.',
    catalog: 'Data catalogue (DCAT-AP)',
  },
}

export default en
