import { PROVIDER_IDS, type ProviderId } from './providers'

/**
 * What the studio remembers between visits: the provider, the account and the theme. Never the
 * API key (it lives in memory only, see Connection.tsx) and never the real provider's URL.
 * The URL's query string wins over localStorage so a link (or a test) can pick them.
 */
export type Theme = 'light' | 'dark'

export interface Preferences {
  provider: ProviderId
  account: string
  theme: Theme
}

const STORAGE_KEY = 'taskkit-studio:preferences'
export const DEFAULT_ACCOUNT = 'alice'
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:4010'

function readStored(): Partial<Preferences> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')
    return typeof value === 'object' && value !== null ? (value as Partial<Preferences>) : {}
  } catch {
    return {}
  }
}

const isProvider = (value: unknown): value is ProviderId => PROVIDER_IDS.includes(value as ProviderId)
const isTheme = (value: unknown): value is Theme => value === 'light' || value === 'dark'
const isAccount = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export function initialPreferences(): Preferences {
  const query = new URLSearchParams(location.search)
  const stored = readStored()
  const pick = <T>(valid: (value: unknown) => value is T, ...candidates: unknown[]): T | undefined => candidates.find(valid)
  return {
    provider: pick(isProvider, query.get('provider'), stored.provider) ?? 'tokenlab',
    account: pick(isAccount, query.get('account'), stored.account)?.trim() ?? DEFAULT_ACCOUNT,
    theme: pick(isTheme, query.get('theme'), stored.theme) ?? systemTheme(),
  }
}

/** Stores the preferences and mirrors provider and account in the URL, so a reload keeps them. */
export function savePreferences(preferences: Preferences): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences))
  } catch {
    // Private mode or a full storage: the studio still works, it just forgets.
  }
  const url = new URL(location.href)
  url.searchParams.set('provider', preferences.provider)
  url.searchParams.set('account', preferences.account)
  url.searchParams.delete('theme')
  history.replaceState(history.state, '', url)
}

/** The simulator's base URL: `?api=`, else `VITE_TASKKIT_SIM_URL`, else the CLI's default port. */
export function simulatorUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get('api')
  return trimSlash(fromQuery || import.meta.env.VITE_TASKKIT_SIM_URL || DEFAULT_SIMULATOR_URL)
}

/**
 * A fixed poll interval for the simulator (`?poll=500`), so demos and tests do not wait out the
 * providers' real advice (TokenLab 5-10 s). Ignored for a real provider: its advice stands.
 */
export function simulatorPollMs(): number | undefined {
  const value = Number(new URLSearchParams(location.search).get('poll'))
  return Number.isFinite(value) && value >= 100 ? value : undefined
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
