// The plan report's chapter on a survey linked to the plan, after seed 001's chapter 2 ("Pārskats
// par pašvaldību sniegtajām atbildēm …"): the response-rate sentences, then per section and
// question its figures in sentences and the coordinator's narrative for that question. Prose only,
// as the seed writes it (no tables or charts, which the survey's own report has), and no
// municipality named: the Cabinet report speaks of the municipalities as a whole.
import { HeadingLevel, Paragraph, type FileChild } from 'docx'
import { type SurveyDocument, type SurveyResults, type SurveyState } from '@apt/shared'
import {
  questionBlocks,
  questionContexts,
  questionTitle,
  responseRateSentence,
  surveyChapterHeading,
  surveyWording,
  type TextBlock,
} from './survey-sentences.js'
import { toParagraphs } from './text.js'
import { heading, paragraphs, runs } from './word.js'

/** A survey linked to the plan, with its tally and the coordinator's texts per question. */
export interface SurveyChapterInput {
  id: number
  document: SurveyDocument
  results: SurveyResults
  /** The coordinator's narrative per question id. */
  narratives: Readonly<Record<string, string>>
  /** The audience is every municipality in the registry ("No 43 Latvijas pašvaldībām …"). */
  wholeCountry: boolean
  state: SurveyState
}

export interface SurveyChapterQuestion {
  id: string
  title: string
  blocks: TextBlock[]
  narrative: string | null
}

/** The chapter as data: what the preview shows and the DOCX writes. */
export interface SurveyChapter {
  id: number
  code: string
  /** The heading without its chapter number. */
  heading: string
  responseRate: string
  sections: { title: string; questions: SurveyChapterQuestion[] }[]
}

export function surveyChapter(input: SurveyChapterInput): SurveyChapter {
  const { document: doc, results } = input
  const wording = surveyWording(doc, { nameUpTo: 0, listTexts: false })
  const resultsById = new Map(results.questions.map((result) => [result.id, result]))
  const contexts = questionContexts(doc, results)
  return {
    id: input.id,
    code: doc.survey.code,
    heading: surveyChapterHeading(doc.survey.title, wording.noun),
    responseRate: responseRateSentence(results, wording, { wholeCountry: input.wholeCountry, open: input.state === 'open' }),
    sections: doc.survey.sections.map((section) => ({
      title: toParagraphs(section.title).join(' '),
      questions: section.questions.map((question) => {
        const result = resultsById.get(question.id) ?? { id: question.id, type: question.type, answered: 0 }
        const narrative = input.narratives[question.id]
        return {
          id: question.id,
          title: questionTitle(question),
          blocks: questionBlocks(question, result, contexts.get(question.id) ?? { responded: results.responded, skipped: [] }, wording),
          narrative: narrative?.trim() ? narrative : null,
        }
      }),
    })),
  }
}

/** Text blocks as Word paragraphs: bullets as a bulleted list. */
export function blockParagraphs(blocks: readonly TextBlock[]): Paragraph[] {
  return blocks.map((block) =>
    block.bullet ? new Paragraph({ bullet: { level: 0 }, children: runs(block.text) }) : new Paragraph({ children: runs(block.text) }),
  )
}

/** The chapter as Word content, numbered `chapter` among the report's chapters. */
export function surveyChapterDocx(input: SurveyChapterInput, chapter: number): FileChild[] {
  const data = surveyChapter(input)
  const several = data.sections.length > 1
  return [
    heading(`${chapter}. ${data.heading}`, HeadingLevel.HEADING_1),
    new Paragraph({ children: runs(data.responseRate) }),
    ...data.sections.flatMap((section) => [
      ...(several ? [heading(section.title, HeadingLevel.HEADING_2)] : []),
      ...section.questions.flatMap((question) => [
        heading(question.title, several ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2),
        ...blockParagraphs(question.blocks),
        ...paragraphs(question.narrative),
      ]),
    ]),
  ]
}
