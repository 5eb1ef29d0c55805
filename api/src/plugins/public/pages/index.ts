// The public progress pages of a published plan, server-rendered HTML that needs no script:
// /p/{planCode} (figures, the status by action line and by sector, every measure, search and
// filters as a GET form), /p/{planCode}/lines/{n}, /p/{planCode}/measures/{number} and a published
// survey's results. Anyone may read them (GET only). One read-model call per request; each page's
// ETag is the plan's last public change, the language, the address and the templates' version,
// so a browser or proxy asking again gets 304 without the page being rendered.
import { createHash } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { MEASURE_STATUSES, type PublishedPlan, StringEnum } from '@apt/shared'
import { OPEN_DATA_RATE_LIMIT } from '../open-data/index.js'
import { loadPublishedPlan } from '../published-plan.js'
import { loadPublishedSurveyResults } from '../published-survey.js'
import { FORMATTERS, type Lang } from './format.js'
import { surveySections } from './survey-view.js'
import { renderView, STYLESHEET, STYLESHEET_PATH, VIEWS_VERSION } from './render.js'
import { en } from './texts.en.js'
import { lv, type PageTexts } from './texts.lv.js'
import {
  figuresByLine,
  figuresBySector,
  figuresOf,
  filterOptions,
  institutionLabel,
  isFiltered,
  type MeasureFilter,
  otherLanguageUrl,
  planPath,
  selectMeasures,
  urlsFor,
} from './view-model.js'

const TEXTS: Record<Lang, PageTexts> = { lv, en }
/** Short: a published change shows within a minute; revalidation with the ETag is cheap. */
const CACHE_CONTROL = 'public, max-age=60'

const Html = Type.String({ description: 'An HTML page (text/html)' })
const NotModified = Type.Null({ description: 'Not modified since the ETag sent in If-None-Match' })
const responses = { 200: Html, 304: NotModified, 400: Html, 404: Html, 429: Html }
const LangQuery = { lang: Type.Optional(StringEnum(['lv', 'en'] as const, { description: 'The page’s language; Latvian when absent' })) }
const Blank = <T extends string>(values: readonly T[]) => StringEnum<T | ''>([...values, ''])
const Code = (description: string) => Type.String({ minLength: 1, maxLength: 40, description })
const PlanParams = Type.Object({ planCode: Code('The plan’s code, e.g. BNN-2023-2024') })

const OverviewQuery = Type.Object({
  ...LangQuery,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find in a measure’s number, title or institutions' })),
  status: Type.Optional(Blank(MEASURE_STATUSES)),
  line: Type.Optional(Type.String({ maxLength: 10, description: 'An action line’s number' })),
  institution: Type.Optional(Type.String({ maxLength: 40, description: 'A responsible or involved institution’s code' })),
  sector: Type.Optional(Type.String({ maxLength: 40, description: 'A sector: its ministry’s code, or "several"' })),
})
type OverviewQuery = { lang?: Lang } & { [K in keyof MeasureFilter]?: MeasureFilter[K] | '' }

interface Page {
  view: 'overview' | 'line' | 'measure' | 'survey'
  title: string
  data: object
}

/** A page title for the browser's tab: a measure's title may run to a paragraph. */
const shortened = (text: string, max = 120) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

function langOf(request: FastifyRequest): Lang {
  return (request.query as { lang?: unknown } | undefined)?.lang === 'en' ? 'en' : 'lv'
}

/** The query as validated, its keys in one order: part of the ETag (a filtered page is another page). */
function queryKey(query: object): string {
  return JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))
}

function etagOf(updatedAt: string, lang: Lang, request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? ''
  const digest = createHash('sha256')
    .update([VIEWS_VERSION, updatedAt, lang, path, queryKey(request.query as object)].join('\n'))
    .digest('base64url')
  return `"${digest.slice(0, 27)}"`
}

/** If-None-Match holds this ETag (or `*`): RFC 9110 § 13.1.2, weak comparison. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}

/** What a page's frame shows of what it is about: the plan's addresses and when it was published. */
interface Frame {
  planCode: string
  published: { publishedAt: string; updatedAt: string; licence: PublishedPlan['licence'] }
}

const frameOfPlan = (plan: PublishedPlan): Frame => ({ planCode: plan.code, published: plan })

function commonData(lang: Lang, request: FastifyRequest, frame: Frame | null) {
  const path = request.url.split('?')[0] ?? ''
  return {
    t: TEXTS[lang],
    lang,
    fmt: FORMATTERS[lang],
    published: frame?.published ?? null,
    urls: frame ? urlsFor(frame.planCode, lang) : null,
    cssHref: STYLESHEET_PATH,
    otherLanguageUrl: otherLanguageUrl(path, request.query as Record<string, string>, lang),
    statuses: MEASURE_STATUSES,
    institutionLabel,
    breadcrumbs: [] as { href: string; label: string }[],
  }
}

function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).type('text/html; charset=utf-8').send(html)
}

type ErrorStatus = 400 | 404 | 429 | 500

function sendError(request: FastifyRequest, reply: FastifyReply, status: ErrorStatus, frame: Frame | null = null): FastifyReply {
  const lang = langOf(request)
  const t = TEXTS[lang]
  const words = { 400: t.badRequest, 404: t.notFound, 429: t.tooManyRequests, 500: t.serverError }[status]
  const html = renderView('error', { ...commonData(lang, request, frame), title: words.title, text: words.text })
  reply.removeHeader('etag')
  return sendHtml(reply.header('cache-control', 'no-store'), status, html)
}

export default async function publicPages(fastify: FastifyInstance) {
  // These pages answer in HTML, also when the address is wrong; the app's handler logs the same way.
  fastify.setErrorHandler((error: FastifyError & { headers?: Record<string, string> }, request, reply) => {
    const status = error.validation ? 400 : (error.statusCode ?? 500)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ err: { message: error.message, code: error.code } }, 'request refused')
    // The rate limit's Retry-After.
    if (error.headers) reply.headers(error.headers)
    return sendError(request, reply, status === 404 || status === 429 ? status : status < 500 ? 400 : 500)
  })

  /**
   * Loads what the page is about once (null: not published, 404), answers 304 when the client holds
   * this version, else renders what `build` makes of it (null: no such line or measure, 404).
   */
  async function answer<T extends { updatedAt: string }>(
    request: FastifyRequest,
    reply: FastifyReply,
    load: () => Promise<T | null>,
    frameOf: (found: T) => Frame,
    build: (found: T, lang: Lang) => Page | null,
  ) {
    const lang = langOf(request)
    const found = await load()
    if (!found) return sendError(request, reply, 404)
    const etag = etagOf(found.updatedAt, lang, request)
    reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('last-modified', new Date(found.updatedAt).toUTCString())
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send()
    const page = build(found, lang)
    if (!page) return sendError(request, reply, 404, frameOf(found))
    const common = commonData(lang, request, frameOf(found))
    return sendHtml(reply, 200, renderView(page.view, { ...common, ...page.data, title: page.title }))
  }

  const plan = (request: FastifyRequest<{ Params: { planCode: string } }>) => () => loadPublishedPlan(fastify.db, request.params.planCode)

  // Limited per address as the open data is: rendering a large plan's overview is work.
  const access = { access: 'public', rateLimit: OPEN_DATA_RATE_LIMIT } as const
  const tags = ['public pages']

  fastify.get(
    '/p/assets/pages.css',
    { config: access, schema: { tags, summary: 'The public pages’ stylesheet', response: { 200: Type.String() } } },
    (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', `"${VIEWS_VERSION}"`)
        .send(STYLESHEET),
  )

  fastify.get<{ Params: { planCode: string }; Querystring: OverviewQuery }>(
    '/p/:planCode',
    {
      config: access,
      schema: {
        tags,
        summary: 'A published plan’s public overview: figures, the status by action line and sector, every measure (search and filters)',
        params: PlanParams,
        querystring: OverviewQuery,
        response: responses,
      },
    },
    (request, reply) =>
      answer(request, reply, plan(request), frameOfPlan, (plan, lang) => {
        const t = TEXTS[lang]
        const urls = urlsFor(plan.code, lang)
        const { lang: _lang, ...given } = request.query
        const filter: MeasureFilter = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== '' && value !== undefined))
        const all = plan.actionLines.reduce((sum, line) => sum + line.measures.length, 0)
        return {
          view: 'overview',
          title: plan.title,
          data: {
            plan,
            figures: figuresOf(plan.actionLines.flatMap((line) => line.measures)),
            byLine: figuresByLine(plan, urls),
            bySector: figuresBySector(plan, t.figures.severalSectors),
            filter,
            filtered: isFiltered(filter),
            options: filterOptions(plan, filter, t.status, t.figures.severalSectors),
            measures: selectMeasures(plan, filter, urls),
            allCount: all,
            formAction: `${planPath(plan.code)}#measures`,
            clearUrl: `${urls.plan()}#measures`,
          },
        }
      }),
  )

  fastify.get<{ Params: { planCode: string; number: string }; Querystring: { lang?: Lang } }>(
    '/p/:planCode/lines/:number',
    {
      config: access,
      schema: {
        tags,
        summary: 'An action line of a published plan: its figures and measures',
        params: Type.Object({ ...PlanParams.properties, number: Type.String({ minLength: 1, maxLength: 10 }) }),
        querystring: Type.Object(LangQuery),
        response: responses,
      },
    },
    (request, reply) =>
      answer(request, reply, plan(request), frameOfPlan, (plan, lang) => {
        const line = plan.actionLines.find((l) => l.number === request.params.number)
        if (!line) return null
        const t = TEXTS[lang]
        const urls = urlsFor(plan.code, lang)
        return {
          view: 'line',
          title: shortened(`${t.line.heading(line.number)}: ${line.title}`),
          data: {
            plan,
            line,
            figures: figuresOf(line.measures),
            measures: line.measures.map((measure) => ({ measure, line: line.number, href: urls.measure(measure.number) })),
            breadcrumbs: [{ href: urls.plan(), label: plan.title }],
          },
        }
      }),
  )

  fastify.get<{ Params: { planCode: string; number: string }; Querystring: { lang?: Lang } }>(
    '/p/:planCode/measures/:number',
    {
      config: access,
      schema: {
        tags,
        summary:
          'A measure of a published plan: institutions, deadline, budget, status and assessment, status history, progress, public evidence',
        params: Type.Object({ ...PlanParams.properties, number: Type.String({ minLength: 1, maxLength: 20 }) }),
        querystring: Type.Object(LangQuery),
        response: responses,
      },
    },
    (request, reply) =>
      answer(request, reply, plan(request), frameOfPlan, (plan, lang) => {
        const line = plan.actionLines.find((l) => l.measures.some((m) => m.number === request.params.number))
        const measure = line?.measures.find((m) => m.number === request.params.number)
        if (!line || !measure) return null
        const t = TEXTS[lang]
        const urls = urlsFor(plan.code, lang)
        return {
          view: 'measure',
          title: shortened(`${t.measure.heading(measure.number)} ${measure.title}`),
          data: {
            plan,
            line,
            measure,
            breadcrumbs: [
              { href: urls.plan(), label: plan.title },
              { href: urls.line(line.number), label: t.line.heading(line.number) },
            ],
          },
        }
      }),
  )

  fastify.get<{ Params: { planCode: string; surveyCode: string }; Querystring: { lang?: Lang } }>(
    '/p/:planCode/surveys/:surveyCode',
    {
      config: access,
      schema: {
        tags,
        summary: 'A survey’s published results under a published plan: aggregate figures by question, free texts only where publishable',
        params: Type.Object({ ...PlanParams.properties, surveyCode: Code('The survey’s code') }),
        querystring: Type.Object(LangQuery),
        response: responses,
      },
    },
    (request, reply) =>
      answer(
        request,
        reply,
        () => loadPublishedSurveyResults(fastify.db, request.params.planCode, request.params.surveyCode),
        (survey) => ({ planCode: survey.plan.code, published: survey }),
        (survey, lang) => {
          const t = TEXTS[lang]
          return {
            view: 'survey',
            title: shortened(survey.title),
            data: {
              survey,
              sections: surveySections(survey, t.survey.yesNo),
              resultsJson: `${planPath(survey.plan.code)}/surveys/${encodeURIComponent(survey.code)}/results.json`,
              breadcrumbs: [{ href: urlsFor(survey.plan.code, lang).plan(), label: survey.plan.title }],
            },
          }
        },
      ),
  )
}
