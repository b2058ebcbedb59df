#!/usr/bin/env node
import { parseCliArgs } from './cliArgs'
import { startSimulatorServer } from './server'

/** `pnpm sim` / `taskkit-sim`: the simulator as a standalone HTTP server. Exit code 2 on bad flags. */
async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv)
  if (parsed.kind === 'help') {
    console.log(parsed.text)
    return
  }
  if (parsed.kind === 'error') {
    console.error(`taskkit-sim: ${parsed.message}\nRun with --help for usage.`)
    process.exitCode = 2
    return
  }

  const { provider, port, host, seed, faults, timeScale, history, keys } = parsed.options
  const server = await startSimulatorServer({ provider, port, host, seed, faults, timeScale, seedHistory: history, ...(keys ? { keys } : {}) })

  console.log(`taskkit-sim listening on ${server.url} (seed ${seed}, time scale ${timeScale}${faults.length ? `, faults ${faults.map((fault) => fault.fault).join(',')}` : ''})`)
  for (const name of Object.keys(server.simulators)) {
    console.log(`  ${name.padEnd(8)} ${provider === 'all' ? `${server.url}/${name}` : server.url}`)
  }
  console.log(
    keys
      ? `Accepted bearer keys: ${keys.length}. Ctrl+C to stop.`
      : 'Any bearer key works except ones starting with "invalid". Ctrl+C to stop.',
  )

  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`taskkit-sim: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
