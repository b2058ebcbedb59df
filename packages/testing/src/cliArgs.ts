import { FAULT_NAMES, parseFaultList, type FaultSpec } from './faults'
import { isProviderName, PROVIDERS, type ProviderName } from './providers'

export interface CliOptions {
  provider: ProviderName | 'all'
  port: number
  host: string
  seed: number
  faults: FaultSpec[]
  timeScale: number
  history: number
  keys?: string[]
}

export type CliParse = { kind: 'run'; options: CliOptions } | { kind: 'help'; text: string } | { kind: 'error'; message: string }

export const CLI_DEFAULTS: CliOptions = { provider: 'all', port: 4010, host: '127.0.0.1', seed: 1, faults: [], timeScale: 1, history: 0 }

const PROVIDER_CHOICES = [...PROVIDERS, 'all'] as const

export const CLI_HELP = `taskkit-sim: simulated asynchronous task APIs (TokenLab, Tripo, Qingbo, new-api)

Usage: pnpm sim [options]

Options:
  --provider <name>    ${PROVIDER_CHOICES.join(' | ')} (default: all, mounted under /tokenlab, /tripo, /qingbo, /newapi)
  --port <n>           port to listen on, 0 = any free port (default: 4010)
  --host <host>        interface to bind (default: 127.0.0.1; 0.0.0.0 exposes it to the network)
  --seed <n>           seed of the workload, ids and fault draws (default: 1)
  --faults <list>      comma-separated faults: ${FAULT_NAMES.join(', ')}
                       (name=value sets latency ms, Retry-After seconds or a 5xx status, e.g. latency=800,rate-limit=5)
  --time-scale <x>     task time runs x times faster than the clock (default: 1; 60 = a 2-minute video in 2 s)
  --history <n>        new-api: pre-seed n historical tasks per key for /api/task/self (default: 0)
  --keys <list>        comma-separated accepted bearer keys (default: any key not starting with "invalid")
  -h, --help           show this help

Per request: header "x-sim-fault: rate-limit" (or ?sim_fault=...). Per task: prompt tags such as
"[sim:outcome=failure]", "[sim:never-finish]", "[sim:kind=video,queue=5s]" (see the package README).`

type FlagName = 'provider' | 'port' | 'host' | 'seed' | 'faults' | 'time-scale' | 'history' | 'keys'

const FLAGS: readonly FlagName[] = ['provider', 'port', 'host', 'seed', 'faults', 'time-scale', 'history', 'keys']

function integer(flag: string, raw: string, min: number, max: number): number | string {
  const value = Number(raw)
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) return `--${flag} must be an integer from ${min} to ${max}, got "${raw}"`
  return value
}

/** Parses the CLI's arguments. Never exits or prints: the caller decides (and tests can call it). */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const options: CliOptions = { ...CLI_DEFAULTS, faults: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '-h' || arg === '--help') return { kind: 'help', text: CLI_HELP }
    if (!arg.startsWith('--')) return { kind: 'error', message: `Unexpected argument "${arg}". Valid flags: ${FLAGS.map((flag) => `--${flag}`).join(', ')}, --help` }

    const [rawName = '', inlineValue] = arg.slice(2).split(/=(.*)/s, 2)
    if (!(FLAGS as readonly string[]).includes(rawName)) {
      return { kind: 'error', message: `Unknown flag "--${rawName}". Valid flags: ${FLAGS.map((flag) => `--${flag}`).join(', ')}, --help` }
    }
    const flag = rawName as FlagName
    const value = inlineValue ?? argv[++i]
    if (value === undefined || value === '') return { kind: 'error', message: `--${flag} needs a value` }

    switch (flag) {
      case 'provider':
        if (value !== 'all' && !isProviderName(value)) return { kind: 'error', message: `Unknown provider "${value}". Valid values: ${PROVIDER_CHOICES.join(', ')}` }
        options.provider = value
        break
      case 'port': {
        const port = integer(flag, value, 0, 65_535)
        if (typeof port === 'string') return { kind: 'error', message: port }
        options.port = port
        break
      }
      case 'host':
        options.host = value
        break
      case 'seed': {
        const seed = integer(flag, value, -2_147_483_648, 4_294_967_295)
        if (typeof seed === 'string') return { kind: 'error', message: seed }
        options.seed = seed
        break
      }
      case 'faults': {
        const names = value.split(',').map((part) => part.split('=')[0]?.trim() ?? '')
        const unknown = names.filter((name) => !(FAULT_NAMES as readonly string[]).includes(name))
        if (unknown.length > 0) return { kind: 'error', message: `Unknown fault "${unknown.join('", "')}". Valid values: ${FAULT_NAMES.join(', ')}` }
        options.faults = parseFaultList(value)
        break
      }
      case 'time-scale': {
        const scale = Number(value)
        if (!Number.isFinite(scale) || scale <= 0) return { kind: 'error', message: `--time-scale must be a positive number, got "${value}"` }
        options.timeScale = scale
        break
      }
      case 'history': {
        const history = integer(flag, value, 0, 1_000_000)
        if (typeof history === 'string') return { kind: 'error', message: history }
        options.history = history
        break
      }
      case 'keys':
        options.keys = value.split(',').map((key) => key.trim()).filter(Boolean)
        break
    }
  }
  return { kind: 'run', options }
}
