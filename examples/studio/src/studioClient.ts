import { createTaskClient, type TaskClient } from '@taskkit/hooks'
import { PROVIDERS, type ProviderId } from './providers'
import { simulatorPollMs } from './settings'

/** Where requests go: the local simulator, or a real provider the user connected to. */
export type Backend = { kind: 'simulator'; url: string } | { kind: 'provider'; baseUrl: string }

export interface StudioClientOptions {
  provider: ProviderId
  account: string
  backend: Backend
  /** Reads the real provider's key from memory, per request: it is never stored with the client. */
  getKey: () => string
}

export function baseUrlOf(provider: ProviderId, backend: Backend): string {
  return backend.kind === 'simulator' ? `${backend.url}${PROVIDERS[provider].simulatorPath}` : backend.baseUrl
}

export function createStudioClient({ provider, account, backend, getKey }: StudioClientOptions): TaskClient<unknown> {
  const spec = PROVIDERS[provider]
  const onSimulator = backend.kind === 'simulator'
  const baseUrl = baseUrlOf(provider, backend)
  const pollMs = onSimulator ? simulatorPollMs() : undefined
  return createTaskClient({
    adapter: spec.adapter(baseUrl, pollMs ? { minMs: pollMs, initialMs: pollMs, maxMs: pollMs } : undefined),
    headers: () => {
      // The simulator takes any key and keeps each key's tasks apart: one demo key per account.
      const key = onSimulator ? `sk-studio-${account}` : getKey()
      const headers: Record<string, string> = {}
      if (key) headers.Authorization = `Bearer ${key}`
      return headers
    },
    // Tasks made on a real provider are kept apart from the simulator's (same user, other backend),
    // so a reload never polls the simulator for a real task.
    account: onSimulator ? account : `${account}@${new URL(baseUrl).host}`,
  })
}
