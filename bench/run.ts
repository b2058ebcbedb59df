import type { Bench } from './bench'

/**
 * Entry of `pnpm bench [name ...]`. Benches are loaded lazily so one bench's imports (a browser, a
 * bundler) never slow down another. Add a bench: write `bench/<name>.ts` exporting a default Bench,
 * and list it here.
 */
const BENCHES: Record<string, () => Promise<{ default: Bench }>> = {
  polling: () => import('./polling'),
  commits: () => import('./commits'),
  logTable: () => import('./logTable'),
}

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in BENCHES))
  if (unknown.length > 0) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`)
    process.exitCode = 1
    return
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHES)
  for (const name of selected) {
    const load = BENCHES[name]
    if (load === undefined) continue
    const bench = (await load()).default
    const started = performance.now()
    const markdown = await bench.run()
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`## ${bench.title}\n\n${markdown}\n\n_${bench.name}: ${seconds} s of real time, Node ${process.version}_\n`)
  }
}

await main(process.argv.slice(2))
