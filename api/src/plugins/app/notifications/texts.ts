// What a notification says, in the reader's language: the in-app title, and the e-mail's subject,
// plain text and HTML, built from the kind and the event's params. The link in the e-mail is
// PUBLIC_URL followed by the notification's path in the web app.
import { MEASURE_STATUS_LABELS, type MeasureStatus, type NotificationKind } from '@apt/shared'

export type Language = 'lv' | 'en'

/**
 * What the texts read from `params` (all optional; a missing one is left out of the sentence):
 * `title` the round's, survey's or plan's title; `plan` the plan's title; `measure` the measure's
 * number; `institution` an institution's name; `dueDate` YYYY-MM-DD; `days` days left; `daysLate`;
 * `comment` a reviewer's comment; `message` a coordinator's message; `actor` who did it; `status`
 * the new status's code (named in the reader's language); `late` the late institutions' names (the digest).
 */
export interface NotificationParams {
  title?: string
  plan?: string
  measure?: string
  institution?: string
  dueDate?: string
  days?: number
  daysLate?: number
  comment?: string
  message?: string
  actor?: string
  status?: string
  late?: string[]
  [key: string]: unknown
}

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined

/** A measure status's code named in the reader's language (an unknown value as it is). */
const statusName = (value: unknown, lang: Language) => MEASURE_STATUS_LABELS[lang][value as MeasureStatus] ?? str(value)

/** "2026-03-24" → "24.03.2026." (lv) or "24 Mar 2026"-like ISO kept for en. */
function date(value: unknown, lang: Language): string | undefined {
  const s = str(value)
  if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return s
  const [y, m, d] = s.slice(0, 10).split('-')
  return lang === 'lv' ? `${d}.${m}.${y}.` : `${y}-${m}-${d}`
}

/** The one-line title: what happened and to what. */
export function notificationTitle(kind: NotificationKind | string, params: NotificationParams, lang: Language): string {
  const title = str(params.title)
  const measure = str(params.measure)
  const what = [title ? `“${title}”` : undefined, measure ? (lang === 'lv' ? `pasākums ${measure}` : `measure ${measure}`) : undefined]
    .filter(Boolean)
    .join(', ')
  const suffix = what ? `: ${what}` : ''
  const due = date(params.dueDate, lang)
  const days = typeof params.days === 'number' ? params.days : undefined
  if (lang === 'lv') {
    switch (kind) {
      case 'work_opened':
        return `Atvērta iesniegšana${suffix}${due ? ` (termiņš ${due})` : ''}`
      case 'due_soon':
        return `Termiņš ${days === undefined ? 'tuvojas' : days === 1 ? 'pēc 1 dienas' : `pēc ${days} dienām`}${suffix}${due ? ` (${due})` : ''}`
      case 'overdue':
        return `Termiņš nokavēts${suffix}${due ? ` (${due})` : ''}`
      case 'late_digest':
        return `Kavētāji${suffix}${Array.isArray(params.late) ? ` — ${params.late.length}` : ''}`
      case 'reminder':
        return `Atgādinājums${suffix}`
      case 'submitted':
        return `Iesniegts izskatīšanai${suffix}`
      case 'returned':
        return `Atgriezts labošanai${suffix}`
      case 'endorsed':
        return `Apstiprināts ministrijā${suffix}`
      case 'accepted':
        return `Pieņemts${suffix}`
      case 'unaccepted':
        return `Pieņemšana atcelta${suffix}`
      case 'status_changed':
        return `Mainīts izpildes statuss${suffix}${statusName(params.status, lang) ? ` — ${statusName(params.status, lang)}` : ''}`
      case 'comment':
        return `Komentārs pie ziņojuma${suffix}`
      default:
        return `Paziņojums${suffix}`
    }
  }
  switch (kind) {
    case 'work_opened':
      return `Reporting opened${suffix}${due ? ` (due ${due})` : ''}`
    case 'due_soon':
      return `Due ${days === undefined ? 'soon' : days === 1 ? 'in 1 day' : `in ${days} days`}${suffix}${due ? ` (${due})` : ''}`
    case 'overdue':
      return `Overdue${suffix}${due ? ` (due ${due})` : ''}`
    case 'late_digest':
      return `Who is late${suffix}${Array.isArray(params.late) ? ` — ${params.late.length}` : ''}`
    case 'reminder':
      return `Reminder${suffix}`
    case 'submitted':
      return `Submitted for review${suffix}`
    case 'returned':
      return `Returned for correction${suffix}`
    case 'endorsed':
      return `Endorsed by the ministry${suffix}`
    case 'accepted':
      return `Accepted${suffix}`
    case 'unaccepted':
      return `Acceptance undone${suffix}`
    case 'status_changed':
      return `Status changed${suffix}${statusName(params.status, lang) ? ` — ${statusName(params.status, lang)}` : ''}`
    case 'comment':
      return `Comment on a submission${suffix}`
    default:
      return `Notification${suffix}`
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** The e-mail: subject = the title; the body adds details (plan, institution, comment, message, late list) and the link. */
export function renderMail(
  kind: NotificationKind | string,
  params: NotificationParams,
  lang: Language,
  link: string,
  publicUrl: string,
): RenderedMail {
  const subject = notificationTitle(kind, params, lang)
  const url = `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? link : `/${link}`}`
  const L =
    lang === 'lv'
      ? {
          plan: 'Plāns',
          institution: 'Iestāde',
          by: 'Kas',
          comment: 'Komentārs',
          message: 'Ziņa',
          late: 'Kavē',
          open: 'Atvērt',
          footer: 'Šo vēstuli nosūtīja Rīcības plāna uzraudzības sistēma. E-pasta paziņojumus var izslēgt sadaļā “Iestatījumi”.',
        }
      : {
          plan: 'Plan',
          institution: 'Institution',
          by: 'By',
          comment: 'Comment',
          message: 'Message',
          late: 'Late',
          open: 'Open',
          footer: 'Sent by the action plan monitoring system. You can turn e-mail notifications off in your settings.',
        }
  const lines: Array<[string, string]> = []
  const plan = str(params.plan)
  if (plan) lines.push([L.plan, plan])
  const institution = str(params.institution)
  if (institution) lines.push([L.institution, institution])
  const actor = str(params.actor)
  if (actor) lines.push([L.by, actor])
  const comment = str(params.comment)
  if (comment) lines.push([L.comment, comment])
  const message = str(params.message)
  if (message) lines.push([L.message, message])
  const late = Array.isArray(params.late) ? params.late.map((x) => String(x)) : []

  const text = [
    subject,
    '',
    ...lines.map(([k, v]) => `${k}: ${v}`),
    ...(late.length ? [`${L.late}:`, ...late.map((n) => `- ${n}`)] : []),
    '',
    `${L.open}: ${url}`,
    '',
    '--',
    L.footer,
  ].join('\n')

  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    lines.length ? `<p>${lines.map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v).replace(/\n/g, '<br>')}`).join('<br>')}</p>` : '',
    late.length ? `<p>${escapeHtml(L.late)}:</p><ul>${late.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
    `<p><a href="${escapeHtml(url)}">${escapeHtml(L.open)}</a></p>`,
    `<p style="color:#555;font-size:small">${escapeHtml(L.footer)}</p>`,
    '</body></html>',
  ].join('')
  return { subject, text, html }
}
