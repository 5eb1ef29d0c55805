// What the caller may do with a record, sent with the record (computed by ../policy on the server).
import { Type, type Static } from '@sinclair/typebox'

const flag = (description: string) => Type.Boolean({ description })

export const PlanAbilitiesSchema = Type.Object({
  edit: flag('Change the plan, its action lines and measures (its coordinator, admins; not once closed)'),
  activate: flag('Activate the draft (approved)'),
  close: flag('Close the active plan (reported)'),
  reopen: flag('Reopen the closed plan (admins)'),
  openRound: flag('Open a reporting round on it'),
  editReport: flag('Write the report’s narrative sections'),
  readReport: flag('Read the report preview and download it'),
  readAudit: flag('Read the plan’s audit log'),
})
export type PlanAbilities = Static<typeof PlanAbilitiesSchema>

export const MeasureAbilitiesSchema = Type.Object({
  edit: flag('Change the measure’s fields'),
  rate: flag('Set its official status'),
})
export type MeasureAbilities = Static<typeof MeasureAbilitiesSchema>

export const RoundAbilitiesSchema = Type.Object({
  close: flag('Close the round'),
})
export type RoundAbilities = Static<typeof RoundAbilitiesSchema>

export const SubmissionAbilitiesSchema = Type.Object({
  edit: flag('Change its text, proposed status, reason and evidence now'),
  submit: flag('Hand it in now'),
  endorse: flag('Endorse it now (the sector’s ministry coordinator)'),
  return: flag('Return it with a comment now'),
  accept: flag('Accept it now (the plan coordinator)'),
  unaccept: flag('Undo its acceptance with a reason (the plan coordinator)'),
  comment: flag('Write in its comment thread (its institution and its reviewers)'),
})
export type SubmissionAbilities = Static<typeof SubmissionAbilitiesSchema>

export const UserAbilitiesSchema = Type.Object({
  administer: flag('Has the administration area'),
  manageUsers: flag('Creates and changes users'),
  manageInstitutions: flag('Changes the institution registry'),
  importPlans: flag('Imports plans'),
  manageRounds: flag('Opens and closes reporting rounds (on the plans it coordinates)'),
  manageSurveys: flag('Builds and runs surveys (those its institution coordinates)'),
  review: flag('Has a review queue'),
  fileProgress: flag('Files progress as daily work'),
  readReport: flag('Reads reports'),
  readAudit: flag('Reads the audit log'),
})
export type UserAbilities = Static<typeof UserAbilitiesSchema>
