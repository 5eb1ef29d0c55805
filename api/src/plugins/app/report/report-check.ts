// The check before export: what a careful coordinator would look for before sending the report
// to the Cabinet (measures with no progress, "done" without accepted evidence, an assessment that
// contradicts the status, the same progress text on two measures, budget lines with an unknown
// grant, responsible institutions with no text). Findings only: export stays allowed.
// PLACEHOLDER: finds nothing yet.
import type { ReportCheck } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'

export async function checkReport(_executor: DbOrTx, _planId: number): Promise<ReportCheck> {
  return { findings: [], measuresChecked: 0 }
}
