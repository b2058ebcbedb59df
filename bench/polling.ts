import type { PollBounds } from '../packages/hooks/src/core/adapter'
import type { PollReason } from '../packages/hooks/src/core/pollScheduler'
import type { Bench } from './bench'
import { simulate, type PollingPolicy, type SimulationSettings, type TaskRun } from './pollingSimulation'
import { ADAPTER_BOUNDS, drawWorkload, finishedAtMs, type WorkloadTask } from './pollingWorkload'

/**
 * Polling cost and detection delay: TaskKit's scheduler (the real TaskPoller, in virtual time)
 * against fixed-interval polling, on one seeded workload from the simulator.
 * Detection delay = from the moment the task became terminal to the moment the app knows it.
 */

export const DEFAULT_SEED = 20_251_123
export const DEFAULT_TASKS = 1000

/**
 * The bounds of the main TaskKit row: the same for every provider, so the rows compare policies and
 * not providers' advice. Floor 2 s (Tripo's SDK and Qingbo's lower advice), start at 2 s, and look
 * at a live task at least every 15 s.
 */
export const BENCH_BOUNDS: PollBounds = { minMs: 2000, initialMs: 2000, maxMs: 15_000 }

export const DEFAULT_SETTINGS: SimulationSettings = { latencyMs: 200, horizonMs: 3_600_000 }

/** The row the target is checked on, and the fixed row it is checked against. */
const MAIN = 'TaskKit'
const BASELINE = 'fixed 2 s'
/** Target: at most this share of the baseline's requests, with a p50 delay no worse. */
const REQUEST_SHARE_TARGET = 0.4

export function defaultPolicies(): PollingPolicy[] {
  return [
    { type: 'fixed', name: 'fixed 0.5 s', intervalMs: 500 },
    { type: 'fixed', name: BASELINE, intervalMs: 2000 },
    { type: 'fixed', name: 'fixed 5 s', intervalMs: 5000 },
    { type: 'fixed', name: 'fixed 10 s', intervalMs: 10_000 },
    { type: 'taskkit', name: MAIN, hints: 'provider', bounds: () => BENCH_BOUNDS },
    { type: 'taskkit', name: 'TaskKit, progress only', hints: 'progress', bounds: () => BENCH_BOUNDS },
    { type: 'taskkit', name: "TaskKit, adapters' bounds", hints: 'provider', bounds: (provider) => ADAPTER_BOUNDS[provider] },
  ]
}

export interface PolicyResult {
  policy: PollingPolicy
  runs: TaskRun[]
  requestsPerTask: number
  p50DelayMs: number
  p95DelayMs: number
  maxDelayMs: number
  /** Tasks that ended but whose end the app never learned. */
  undetected: number
  requestsAfterKnownTerminal: number
}

export interface PollingBenchResult {
  tasks: WorkloadTask[]
  seed: number
  settings: SimulationSettings
  results: PolicyResult[]
}

export interface PollingBenchOptions {
  tasks?: number
  seed?: number
  settings?: Partial<SimulationSettings>
  policies?: PollingPolicy[]
}

export async function runPollingBench(options: PollingBenchOptions = {}): Promise<PollingBenchResult> {
  const seed = options.seed ?? DEFAULT_SEED
  const settings = { ...DEFAULT_SETTINGS, ...options.settings }
  const tasks = drawWorkload(options.tasks ?? DEFAULT_TASKS, seed)
  const results: PolicyResult[] = []
  for (const policy of options.policies ?? defaultPolicies()) {
    const runs: TaskRun[] = []
    for (const task of tasks) runs.push(await simulate(task, policy, settings))
    results.push(summarize(policy, runs))
  }
  return { tasks, seed, settings, results }
}

export function summarize(policy: PollingPolicy, runs: readonly TaskRun[]): PolicyResult {
  const delays = detectionDelays(runs)
  return {
    policy,
    runs: [...runs],
    requestsPerTask: mean(runs.map((run) => run.requests)),
    p50DelayMs: percentile(delays, 0.5),
    p95DelayMs: percentile(delays, 0.95),
    maxDelayMs: delays.at(-1) ?? Number.NaN,
    undetected: runs.filter((run) => finishedAtMs(run.task) !== undefined && run.detectedAtMs === undefined).length,
    requestsAfterKnownTerminal: runs.reduce((sum, run) => sum + run.requestsAfterKnownTerminal, 0),
  }
}

/** Sorted ascending. */
function detectionDelays(runs: readonly TaskRun[]): number[] {
  const delays: number[] = []
  for (const run of runs) {
    const end = finishedAtMs(run.task)
    if (end !== undefined && run.detectedAtMs !== undefined) delays.push(run.detectedAtMs - end)
  }
  return delays.sort((a, b) => a - b)
}

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length
}

export interface TargetCheck {
  met: boolean
  requestShare: number
  p50DelayMs: number
  baselineP50DelayMs: number
}

export function checkTarget(result: PollingBenchResult): TargetCheck | undefined {
  const main = result.results.find((r) => r.policy.name === MAIN)
  const baseline = result.results.find((r) => r.policy.name === BASELINE)
  if (!main || !baseline) return undefined
  const requestShare = main.requestsPerTask / baseline.requestsPerTask
  return {
    met: main.p50DelayMs <= baseline.p50DelayMs && requestShare <= REQUEST_SHARE_TARGET,
    requestShare,
    p50DelayMs: main.p50DelayMs,
    baselineP50DelayMs: baseline.p50DelayMs,
  }
}

// ---- report -----------------------------------------------------------------------------------

const seconds = (ms: number) => (Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(2)} s`)

export function formatPollingReport(result: PollingBenchResult): string {
  const baseline = result.results.find((r) => r.policy.name === BASELINE)
  const lines = [
    workloadLine(result),
    '',
    '| policy | requests / task | vs fixed 2 s | p50 delay | p95 delay | max delay | missed ends | polls after known end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...result.results.map((r) => {
      const share = baseline ? `${Math.round((100 * r.requestsPerTask) / baseline.requestsPerTask)} %` : '-'
      return `| ${r.policy.name} | ${r.requestsPerTask.toFixed(1)} | ${share} | ${seconds(r.p50DelayMs)} | ${seconds(r.p95DelayMs)} | ${seconds(r.maxDelayMs)} | ${r.undetected} | ${r.requestsAfterKnownTerminal} |`
    }),
    '',
    byKindTable(result),
    '',
    reasonsLine(result),
    '',
    targetLine(result),
  ]
  return lines.join('\n')
}

function workloadLine(result: PollingBenchResult): string {
  const counts = new Map<string, number>()
  for (const task of result.tasks) counts.set(task.kind, (counts.get(task.kind) ?? 0) + 1)
  const mix = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')
  const { latencyMs } = result.settings
  const b = BENCH_BOUNDS
  return (
    `${result.tasks.length} tasks (${mix}), seed ${result.seed}, from @taskkit/testing's drawTaskPlan/taskStateAt; ` +
    `${latencyMs} ms per status request; virtual time. TaskKit bounds ${b.minMs / 1000}/${b.initialMs / 1000}/${b.maxMs / 1000} s ` +
    `(min/initial/max); hints: progress for all, Tripo (3D, multiview) also queue position and running_left_time. ` +
    `"progress only" drops Tripo's hints; "adapters' bounds" uses each adapter's shipped bounds ` +
    `(Qingbo 2/2/5 s for images, TokenLab 5/5/10 s for video, Tripo 2/2/5 s).`
  )
}

function byKindTable(result: PollingBenchResult): string {
  const shown = result.results.filter((r) => r.policy.name === BASELINE || r.policy.name === MAIN || r.policy.name.startsWith('TaskKit'))
  const kinds = [...new Set(result.tasks.map((task) => task.kind))]
  const header = `| kind | n | ${shown.map((r) => `${r.policy.name}: req, p50 / p95`).join(' | ')} |`
  const rule = `|---|---:|${shown.map(() => '---:').join('|')}|`
  const rows = kinds.map((kind) => {
    const cells = shown.map((r) => {
      const s = summarize(r.policy, r.runs.filter((run) => run.task.kind === kind))
      return `${s.requestsPerTask.toFixed(1)}, ${seconds(s.p50DelayMs)} / ${seconds(s.p95DelayMs)}`
    })
    const n = result.tasks.filter((task) => task.kind === kind).length
    return `| ${kind} | ${n} | ${cells.join(' | ')} |`
  })
  return [header, rule, ...rows].join('\n')
}

function reasonsLine(result: PollingBenchResult): string {
  const main = result.results.find((r) => r.policy.name === MAIN)
  if (!main) return ''
  const totals: Partial<Record<PollReason, number>> = {}
  for (const run of main.runs) {
    for (const [reason, n] of Object.entries(run.reasons ?? {}) as [PollReason, number][]) totals[reason] = (totals[reason] ?? 0) + n
  }
  const all = Object.values(totals).reduce((sum, n) => sum + n, 0)
  const parts = Object.entries(totals)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${reason} ${Math.round((100 * n) / all)} %`)
  return `${MAIN}'s scheduled delays by reason: ${parts.join(', ')}.`
}

function targetLine(result: PollingBenchResult): string {
  const check = checkTarget(result)
  if (!check) return ''
  const verdict = check.met ? '**met**' : '**not met**'
  return (
    `Target (p50 delay no worse than fixed 2 s, at most ${REQUEST_SHARE_TARGET * 100} % of its requests): ${verdict} ` +
    `(p50 ${seconds(check.p50DelayMs)} vs ${seconds(check.baselineP50DelayMs)}, requests ${Math.round(check.requestShare * 100)} % of fixed 2 s).`
  )
}

const pollingBench: Bench = {
  name: 'polling',
  title: 'Polling: requests per task and detection delay, TaskKit vs fixed intervals',
  run: async () => formatPollingReport(await runPollingBench()),
}

export default pollingBench
