export type ProviderName = 'tokenlab' | 'tripo' | 'qingbo' | 'newapi'

export const PROVIDERS: readonly ProviderName[] = ['tokenlab', 'tripo', 'qingbo', 'newapi']

/** Where the MSW handlers answer by default: reserved `.test` names that never reach a network. */
export const DEFAULT_BASE_URLS: Readonly<Record<ProviderName, string>> = {
  tokenlab: 'https://tokenlab.sim.taskkit.test',
  tripo: 'https://tripo.sim.taskkit.test',
  qingbo: 'https://qingbo.sim.taskkit.test',
  newapi: 'https://newapi.sim.taskkit.test',
}

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDERS as readonly string[]).includes(value)
}
