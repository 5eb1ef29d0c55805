// Notifications: what the product tells people, in the app (a bell) and by e-mail, and the routes'
// shapes. Every kind can be switched off for e-mail per user; in the app every kind always shows.
import { Type, type Static } from '@sinclair/typebox'
import { IdSchema, Nullable, TimestampSchema } from './common.js'
import { StringEnum } from './enums.js'

export const NotificationKind = {
  /** A round or survey opened: the reporters of every institution that owes something. */
  workOpened: 'work_opened',
  /** The due date is N days away: those still owing. */
  dueSoon: 'due_soon',
  /** Overdue, daily: those still owing. */
  overdue: 'overdue',
  /** Daily to the coordinator: who is late. */
  lateDigest: 'late_digest',
  /** "Atgādināt kavētājiem": a coordinator's reminder, with its message. */
  reminder: 'reminder',
  /** A submission was handed in: its reviewers. */
  submitted: 'submitted',
  /** Returned with a comment: its author and its institution's reporters. */
  returned: 'returned',
  /** Endorsed by the ministry: its author. */
  endorsed: 'endorsed',
  /** Accepted: its author. */
  accepted: 'accepted',
  /** An acceptance undone, with the reason: its author and its institution's reporters (their text left the measure). */
  unaccepted: 'unaccepted',
  /** A measure's official status changed: its institutions. */
  statusChanged: 'status_changed',
  /** A comment on a submission: the other side of its thread (its institution, or its reviewers). */
  comment: 'comment',
} as const
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind]
export const NOTIFICATION_KINDS = Object.values(NotificationKind)
export const NotificationKindSchema = StringEnum(NOTIFICATION_KINDS)

export const NOTIFICATION_KIND_LABELS: Record<'lv' | 'en', Record<NotificationKind, string>> = {
  lv: {
    work_opened: 'Atvērta atskaites kārta vai aptauja',
    due_soon: 'Tuvojas iesniegšanas termiņš',
    overdue: 'Termiņš ir nokavēts',
    late_digest: 'Dienas kopsavilkums par kavētājiem',
    reminder: 'Koordinatora atgādinājums',
    submitted: 'Iesniegts ziņojums izskatīšanai',
    returned: 'Ziņojums atgriezts labošanai',
    endorsed: 'Ziņojumu apstiprinājusi ministrija',
    accepted: 'Ziņojums pieņemts',
    unaccepted: 'Ziņojuma pieņemšana atcelta',
    status_changed: 'Mainīts pasākuma izpildes statuss',
    comment: 'Komentārs pie ziņojuma',
  },
  en: {
    work_opened: 'A reporting round or survey opened',
    due_soon: 'A due date is near',
    overdue: 'A due date has passed',
    late_digest: 'Daily digest of who is late',
    reminder: 'A coordinator’s reminder',
    submitted: 'A submission handed in for review',
    returned: 'A submission returned for correction',
    endorsed: 'A submission endorsed by the ministry',
    accepted: 'A submission accepted',
    unaccepted: 'A submission’s acceptance undone',
    status_changed: 'A measure’s status changed',
    comment: 'A comment on a submission',
  },
}

export const NotificationSchema = Type.Object({
  id: IdSchema,
  kind: NotificationKindSchema,
  /** In the reader's language. */
  title: Type.String(),
  /** The path in the web app. */
  link: Type.String(),
  createdAt: TimestampSchema,
  readAt: Nullable(TimestampSchema),
})
export type NotificationView = Static<typeof NotificationSchema>

export const MyNotificationsSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  unread: Type.Integer(),
})
export type MyNotifications = Static<typeof MyNotificationsSchema>

export const NotificationsQuerySchema = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
})
export type NotificationsQuery = Static<typeof NotificationsQuerySchema>

export const MarkReadSchema = Type.Object(
  { ids: Type.Optional(Type.Array(IdSchema, { maxItems: 500, uniqueItems: true, description: 'None: all' })) },
  { additionalProperties: false },
)
export type MarkRead = Static<typeof MarkReadSchema>

export const PreferencesSchema = Type.Object({
  language: Type.Union([Type.Literal('lv'), Type.Literal('en')]),
  /** Kinds the user gets no e-mail of (they still show in the app). */
  emailOff: Type.Array(NotificationKindSchema, { uniqueItems: true }),
  /** The plan the app opens (the user's last); null: the active plan with the latest period. */
  lastPlanId: Nullable(IdSchema),
})
export type Preferences = Static<typeof PreferencesSchema>

export const UpdatePreferencesSchema = Type.Partial(PreferencesSchema, { additionalProperties: false, minProperties: 1 })
export type UpdatePreferences = Static<typeof UpdatePreferencesSchema>

export const RemindSchema = Type.Object(
  { message: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) },
  { additionalProperties: false },
)
export type Remind = Static<typeof RemindSchema>

export const RemindResultSchema = Type.Object({ institutions: Type.Integer(), people: Type.Integer() })
export type RemindResult = Static<typeof RemindResultSchema>

export const OutboxItemSchema = Type.Object({
  id: IdSchema,
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('logged')]),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: TimestampSchema,
  sentAt: Nullable(TimestampSchema),
})
export type OutboxItem = Static<typeof OutboxItemSchema>
