import type { TestProject } from 'vitest/node'
import { startSimulatorServer } from '@taskkit/testing/server'

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string
  }
}

/**
 * Starts the simulator's real HTTP server (every provider under `/<provider>`, free port) for the
 * browser project and hands its URL to the tests through `inject('simulatorUrl')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startSimulatorServer({ provider: 'all', port: 0 })
  project.provide('simulatorUrl', server.url)
  return () => server.close()
}
