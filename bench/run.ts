// `pnpm bench`: every benchmark in this folder, one after another, each printing ratios against a
// baseline measured in the same run (absolute times vary by machine; the ratios are what to compare).
// `pnpm bench api-load` runs only the benchmarks whose file name contains one of the words given.
import { existsSync } from 'node:fs'

const benches = ['./report.bench.ts', './web.bench.ts', './pglite-load.bench.ts', './api-load.bench.ts']
const only = process.argv.slice(2)
console.log(`# Benchmarks — ${new Date().toISOString()} — Node ${process.version}`)
for (const file of benches) {
  if (!existsSync(new URL(file, import.meta.url))) continue
  if (only.length > 0 && !only.some((word) => file.includes(word))) continue
  const { run } = (await import(file)) as { run: () => Promise<void> }
  await run()
}
