// One benchmark case in its own process, so its peak memory is its own. Prints one JSON line.
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import { defaultReportContent, richDocFromText, type PlanDocument, type ReportContent } from '@apt/shared'
import { readFileSync } from 'node:fs'
import { buildReportDocx } from '../api/src/report/docx.js'
import { buildMeasuresXlsx } from '../api/src/report/xlsx.js'
import { syntheticPlan } from './synthetic-plan.js'

const [what, planName] = process.argv.slice(2) as ['docx' | 'xlsx' | 'raw-docx', 'demo' | 'large']
const doc: PlanDocument =
  planName === 'demo'
    ? JSON.parse(readFileSync(new URL('../api/demo/plan-2023-2024.json', import.meta.url), 'utf8'))
    : syntheticPlan(1000, 5)

/** The baseline: the same text and tables written with the docx library alone, with no wording, figures or chart. */
async function rawDocx(plan: PlanDocument): Promise<Buffer> {
  const children = plan.plan.actionLines.flatMap((line) => [
    new Paragraph({ children: [new TextRun(line.title)] }),
    new Table({
      rows: line.measures.map(
        (m) => new TableRow({ children: [m.number, m.title, m.status].map((text) => new TableCell({ children: [new Paragraph(text)] })) }),
      ),
    }),
    ...line.measures.flatMap((m) => [
      new Paragraph({ children: [new TextRun({ text: `${m.number} ${m.title}`, bold: true })] }),
      ...(m.progress ?? []).flatMap((p) => p.text.split('\n').map((t) => new Paragraph(`(${p.institution}) ${t}`))),
    ]),
  ])
  return Packer.toBuffer(new Document({ sections: [{ children }] }))
}

/** The default outline with the conclusions written. */
function withConclusions(text: string): ReportContent {
  const content = defaultReportContent()
  const outline = content.outline.map((entry) =>
    entry.kind === 'text' && entry.id === 'conclusions' ? { ...entry, body: richDocFromText(text) } : entry,
  )
  return { ...content, outline }
}

const build = {
  docx: () =>
    buildReportDocx({
      document: doc,
      content: withConclusions('Secinājumi.'),
      generatedAt: new Date(),
    }),
  xlsx: () => buildMeasuresXlsx(doc),
  'raw-docx': () => rawDocx(doc),
}[what]

await build() // warm-up: module loading and JIT are not what is measured
const runs = planName === 'demo' ? 5 : 2
const times: number[] = []
let bytes = 0
for (let i = 0; i < runs; i++) {
  const start = performance.now()
  bytes = (await build()).length
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
console.log(JSON.stringify({ ms: times[Math.floor(times.length / 2)], bytes, peakRssMb: process.resourceUsage().maxRSS / 1024 }))
