// Report exports: time and peak memory of report.docx and measures.xlsx for the demo plan and a
// 1,000-measure plan (5 progress texts each), beside the docx library alone writing the same raw content.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

interface Result {
  ms: number
  bytes: number
  peakRssMb: number
}

function measure(what: string, plan: string): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./report-case.ts', import.meta.url)), what, plan], {
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').pop()!)
}

export async function run() {
  console.log('\n## Report exports (median time; peak RSS of the process)')
  console.log('| plan | export | time | × raw docx | peak RSS | size |')
  console.log('|---|---|---|---|---|---|')
  for (const plan of ['demo', 'large']) {
    const baseline = measure('raw-docx', plan)
    const label = plan === 'demo' ? 'demo (30 measures)' : 'synthetic (1,000 × 5 texts)'
    for (const [what, name] of [
      ['raw-docx', 'docx library alone (baseline)'],
      ['docx', 'report.docx'],
      ['xlsx', 'measures.xlsx'],
    ] as const) {
      const r = what === 'raw-docx' ? baseline : measure(what, plan)
      console.log(
        `| ${label} | ${name} | ${r.ms.toFixed(0)} ms | ${(r.ms / baseline.ms).toFixed(2)} | ${r.peakRssMb.toFixed(0)} MB | ${(r.bytes / 1024).toFixed(0)} KiB |`,
      )
    }
  }
}
