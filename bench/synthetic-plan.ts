// A large plan in the interchange format, for benchmarks and stress tests: `measures` measures over
// four action lines, each with `progressPerMeasure` progress texts of a few paragraphs.
import type { PlanDocument } from '@apt/shared'
import { readFileSync } from 'node:fs'

const demo = JSON.parse(readFileSync(new URL('../api/demo/plan-2023-2024.json', import.meta.url), 'utf8')) as PlanDocument
const STATUSES = ['done', 'partial', 'not_done', 'pending'] as const
const CODES = ['VP', 'VUGD', 'VRS', 'VPD', 'IeVP', 'BAC', 'LIA', 'IeM', 'TM', 'LM']
const PARAGRAPH =
  'Pārskata periodā iestāde īstenoja plānotās aktivitātes, organizēja apmācības speciālistiem un sadarbībā ar pašvaldībām ' +
  'nodrošināja informatīvos pasākumus izglītības iestādēs; rezultāti apkopoti ziņojumā, kas pieejams iestādes tīmekļvietnē.'

export function syntheticPlan(measures: number, progressPerMeasure: number, code = `SYN-${measures}`): PlanDocument {
  const lines = 4
  return {
    format: 'action-plan/1',
    institutions: demo.institutions,
    plan: {
      ...demo.plan,
      code,
      actionLines: Array.from({ length: lines }, (_, l) => ({
        number: String(l + 1),
        title: `${demo.plan.actionLines[l]!.title} (${l + 1})`,
        goal: demo.plan.actionLines[l]!.goal,
        measures: Array.from({ length: Math.ceil(measures / lines) }, (_, i) => l * Math.ceil(measures / lines) + i)
          .filter((n) => n < measures)
          .map((n, i) => ({
            number: `${l + 1}.${i + 1}`,
            sourceRef: null,
            title: `Pasākums Nr. ${n + 1}: ${demo.plan.actionLines[0]!.measures[n % 9]!.title}`,
            responsible: [CODES[n % CODES.length]!],
            involved: [CODES[(n + 3) % CODES.length]!],
            deadline: { text: '2023.–2024. gads', due: '2024-12-31' },
            budget:
              n % 10 === 0
                ? {
                    text: 'Papildu līdzekļi',
                    lines: [
                      {
                        amountEur: 1000 * (n + 1),
                        source: 'state_budget' as const,
                        institution: 'IeM',
                        programme: '06.01.01 Valsts policija',
                        year: 2024,
                        granted: n % 20 === 0,
                      },
                    ],
                  }
                : { text: 'Kārtējam gadam piešķirto valsts budžeta līdzekļu ietvaros', lines: [] },
            expectedResult: 'Uzlabota bērnu drošība',
            indicator: 'Apmācīto speciālistu skaits',
            status: STATUSES[n % STATUSES.length]!,
            assessment: n % 3 === 0 ? 'Pasākums īstenots daļēji finansējuma trūkuma dēļ.' : null,
            progress: Array.from({ length: progressPerMeasure }, (_, p) => ({
              institution: CODES[(n + p) % CODES.length]!,
              period: p % 2 ? '2024' : '2023',
              text: `${PARAGRAPH}\n${PARAGRAPH}\n- ${PARAGRAPH.slice(0, 80)}`,
            })),
          })),
      })),
    },
  }
}
