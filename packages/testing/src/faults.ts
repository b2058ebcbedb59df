import { parseDuration } from './duration'
import type { RequestKind } from './requestKind'

export type FaultName =
  | 'latency'
  | 'server-error'
  | 'rate-limit'
  | 'drop'
  | 'malformed-json'
  | 'unknown-status'
  | 'never-finish'
  | 'no-output'

export const FAULT_NAMES: readonly FaultName[] = [
  'latency',
  'server-error',
  'rate-limit',
  'drop',
  'malformed-json',
  'unknown-status',
  'never-finish',
  'no-output',
]

/**
 * One fault and when it fires. With neither `count` nor `probability` a fault fires with its
 * default probability (see FAULT_DEFAULTS) on every matching request; with `count` alone it fires
 * on the next `count` matching requests.
 */
export interface FaultSpec {
  fault: FaultName
  /** Chance in [0, 1] that a matching request gets the fault, drawn from the seeded PRNG. */
  probability?: number
  /** Fire on at most this many matching requests, then stop. */
  count?: number
  /** Request kinds the fault applies to (defaults per fault, see FAULT_DEFAULTS). */
  routes?: readonly RequestKind[]
  /** `latency`: fixed delay in ms, or a [min, max] range drawn per request. Real time, not the simulator clock. */
  latencyMs?: number | readonly [number, number]
  /** `rate-limit`: the Retry-After value in seconds. */
  retryAfterSeconds?: number
  /** `server-error`: the HTTP status (500, 502, 503 ...). */
  status?: number
}

interface FaultDefaults {
  probability: number
  routes: readonly RequestKind[]
}

const API_ROUTES: readonly RequestKind[] = ['create', 'status', 'cancel', 'list']

/** What a bare fault name means. Low probabilities keep a simulator usable with every fault on. */
export const FAULT_DEFAULTS: Readonly<Record<FaultName, FaultDefaults>> = {
  latency: { probability: 1, routes: API_ROUTES },
  'server-error': { probability: 0.1, routes: API_ROUTES },
  'rate-limit': { probability: 0.1, routes: API_ROUTES },
  drop: { probability: 0.05, routes: API_ROUTES },
  'malformed-json': { probability: 0.05, routes: API_ROUTES },
  'unknown-status': { probability: 0.2, routes: ['status', 'list'] },
  'never-finish': { probability: 0.2, routes: ['create'] },
  'no-output': { probability: 0.2, routes: ['create'] },
}

export const DEFAULT_LATENCY_MS: readonly [number, number] = [200, 1_200]
export const DEFAULT_RETRY_AFTER_SECONDS = 2
export const DEFAULT_SERVER_ERROR_STATUS = 500

/** A fault chosen for one request, with its parameters resolved. */
export interface ActiveFault {
  fault: FaultName
  latencyMs?: number
  retryAfterSeconds?: number
  status?: number
}

interface ArmedFault {
  spec: FaultSpec
  probability: number
  remaining: number
  routes: ReadonlySet<RequestKind>
}

export function isFaultName(value: string): value is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(value)
}

export function toFaultSpec(fault: FaultName | FaultSpec): FaultSpec {
  return typeof fault === 'string' ? { fault } : fault
}

function arm(input: FaultName | FaultSpec): ArmedFault {
  const spec = toFaultSpec(input)
  if (!isFaultName(spec.fault)) throw new RangeError(`Unknown fault "${String(spec.fault)}". Valid faults: ${FAULT_NAMES.join(', ')}`)
  const defaults = FAULT_DEFAULTS[spec.fault]
  const probability = spec.probability ?? (spec.count !== undefined ? 1 : defaults.probability)
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`Fault probability must lie in [0, 1], got ${probability}`)
  return {
    spec,
    probability,
    remaining: spec.count ?? Number.POSITIVE_INFINITY,
    routes: new Set(spec.routes ?? defaults.routes),
  }
}

export function resolveFault(spec: FaultSpec, random: () => number): ActiveFault {
  switch (spec.fault) {
    case 'latency': {
      const range = spec.latencyMs ?? DEFAULT_LATENCY_MS
      const latencyMs = typeof range === 'number' ? range : Math.round(range[0] + random() * (range[1] - range[0]))
      return { fault: 'latency', latencyMs }
    }
    case 'rate-limit':
      return { fault: 'rate-limit', retryAfterSeconds: spec.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS }
    case 'server-error':
      return { fault: 'server-error', status: spec.status ?? DEFAULT_SERVER_ERROR_STATUS }
    default:
      return { fault: spec.fault }
  }
}

/** The simulator-wide faults: which fire for a request, bounded by counts and a seeded PRNG. */
export class FaultPlan {
  private armed: ArmedFault[]

  constructor(
    faults: readonly (FaultName | FaultSpec)[],
    private readonly random: () => number,
  ) {
    this.armed = faults.map(arm)
  }

  replace(faults: readonly (FaultName | FaultSpec)[]): void {
    this.armed = faults.map(arm)
  }

  /** Draws the faults for one request and uses up their counts. */
  draw(kind: RequestKind): ActiveFault[] {
    const active: ActiveFault[] = []
    for (const armed of this.armed) {
      if (armed.remaining <= 0 || !armed.routes.has(kind)) continue
      if (armed.probability < 1 && this.random() >= armed.probability) continue
      armed.remaining -= 1
      active.push(resolveFault(armed.spec, this.random))
    }
    return active
  }
}

/**
 * Parses the per-request grammar of the `x-sim-fault` header and the `sim_fault` query parameter:
 * a comma-separated list of `name` or `name=value`, where the value is the latency
 * (`latency=1500`, `latency=2s`), the Retry-After seconds (`rate-limit=5`) or the HTTP status
 * (`server-error=503`). Unknown names are ignored so a typo never breaks a request.
 */
export function parseFaultList(text: string | null | undefined): FaultSpec[] {
  if (!text) return []
  const specs: FaultSpec[] = []
  for (const part of text.split(',')) {
    const [rawName = '', rawValue] = part.split('=', 2).map((piece) => piece.trim())
    const name = rawName.toLowerCase()
    if (!isFaultName(name)) continue
    const spec: FaultSpec = { fault: name }
    if (rawValue !== undefined && rawValue !== '') {
      if (name === 'latency') {
        const latencyMs = parseDuration(rawValue)
        if (latencyMs !== undefined) spec.latencyMs = latencyMs
      } else if (name === 'rate-limit') {
        const seconds = Number(rawValue)
        if (Number.isFinite(seconds) && seconds >= 0) spec.retryAfterSeconds = seconds
      } else if (name === 'server-error') {
        const status = Number(rawValue)
        if (Number.isInteger(status) && status >= 500 && status <= 599) spec.status = status
      }
    }
    specs.push(spec)
  }
  return specs
}
