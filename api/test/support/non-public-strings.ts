// Every string of the database that must never appear on a public page or in the open data, for the
// leak tests (api/test/open-data.test.ts, and the public pages' HTML test): the texts, reasons and
// comments of submissions that are not accepted, every review comment and returned version, every
// user's e-mail address and name, every evidence file name and link that is not public, and the
// survey free texts that were not marked publishable. Read straight from the tables, so a new row
// of any of these kinds is checked without the test naming it.
import { eq, ne } from 'drizzle-orm'
import { questionsOf } from '@apt/shared'
import type { Db } from '../../src/db/client.js'
import { evidence, submissionEvents, submissions, surveyResponses, surveys, users } from '../../src/db/schema/index.js'

export interface NonPublicString {
  kind: string
  text: string
}

/**
 * Texts too short to be telling ("OK", a status word) would match public texts by chance; those
 * under `minLength` characters are left out, and each text is checked whole, trimmed.
 */
export async function nonPublicStrings(db: Db, minLength = 8): Promise<NonPublicString[]> {
  const found: NonPublicString[] = []
  const add = (kind: string, text: string | null | undefined) => {
    const trimmed = text?.trim()
    if (trimmed && trimmed.length >= minLength) found.push({ kind, text: trimmed })
  }

  for (const s of await db.select().from(submissions).where(ne(submissions.state, 'accepted'))) {
    add(`submission ${s.id} (${s.state}) text`, s.text)
    add(`submission ${s.id} (${s.state}) reason`, s.reason)
  }
  for (const s of await db.select({ id: submissions.id, comment: submissions.returnComment }).from(submissions))
    add(`submission ${s.id} return comment`, s.comment)
  for (const e of await db.select().from(submissionEvents)) {
    add(`submission event ${e.id} (${e.kind}) comment`, e.comment)
    if (e.kind === 'returned') {
      add(`submission event ${e.id} returned text`, e.text)
      add(`submission event ${e.id} returned reason`, e.reason)
    }
  }
  for (const u of await db.select({ email: users.email, name: users.name }).from(users)) {
    add('user e-mail', u.email)
    add('user name', u.name)
  }
  const files = await db
    .select({
      id: evidence.id,
      kind: evidence.kind,
      fileName: evidence.fileName,
      url: evidence.url,
      title: evidence.title,
      public: evidence.public,
      state: submissions.state,
    })
    .from(evidence)
    .innerJoin(submissions, eq(submissions.id, evidence.submissionId))
  for (const f of files) {
    if (f.kind === 'file' && f.public && f.state === 'accepted') continue
    add(`evidence ${f.id} file name`, f.fileName)
    add(`evidence ${f.id} link`, f.url)
    add(`evidence ${f.id} link title`, f.title)
  }
  for (const survey of await db.select().from(surveys)) {
    const publishable = new Set(survey.resultsPublishedAt ? survey.publicTextQuestions : [])
    const types = new Map(questionsOf(survey.sections).map(({ question }) => [question.id, question.type]))
    // The questionnaire is published with the results: an "other" text that repeats one of its labels (a coding category) is not secret.
    const questionnaire = JSON.stringify(survey.sections)
    for (const r of await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id)))
      for (const [questionId, answer] of Object.entries(r.answers)) {
        if (publishable.has(questionId)) continue
        const secret = (text: string | null | undefined) =>
          text && questionnaire.includes(JSON.stringify(text.trim()).slice(1, -1)) ? null : text
        if (types.get(questionId) === 'text' && typeof answer.value === 'string')
          add(`survey ${survey.code} ${questionId} free text`, secret(answer.value))
        add(`survey ${survey.code} ${questionId} other text`, secret(answer.other))
      }
  }
  return found
}

/** The non-public strings found in `text` (a page, a file): an empty list when nothing leaked. */
export function leaks(strings: readonly NonPublicString[], text: string): NonPublicString[] {
  return strings.filter((s) => text.includes(s.text))
}
