import { createRandom } from '@taskkit/testing'
import type { PollBounds } from '../packages/hooks/src/core/adapter'
import { isTerminalState } from '../packages/hooks/src/core/model'
import type { PollReason, PollTuning } from '../packages/hooks/src/core/pollScheduler'
import { TaskPoller, type PollerStopReason } from '../packages/hooks/src/core/taskPoller'
import { VirtualEnvironment } from './virtualEnvironment'
import { observeTask, type BenchProvider, type HintSet, type WorkloadTask } from './pollingWorkload'

/**
 * One task watched by one policy, in virtual time. Both kinds of policy see the same world: the
 * create answer is known at t = 0 (no request counted for it), every status request takes
 * `latencyMs`, the server reads the task halfway through, and the next request is scheduled after
 * the answer.
 */

export interface SimulationSettings {
  latencyMs: number
  /** Give up watching after this much task time (no task in the default mix gets near it). */
  horizonMs: number
}

export interface TaskRun {
  task: WorkloadTask
  requests: number
  /** Task time at which each status request was sent. */
  sentAtMs: number[]
  /** Task time at which the app learned the terminal state. */
  detectedAtMs?: number
  /** Requests sent after the app already knew the task was terminal (must stay 0). */
  requestsAfterKnownTerminal: number
  /** TaskKit only: why the poller stopped by the horizon (undefined: still watching). */
  stopReason?: PollerStopReason
  /** TaskKit only: why each scheduled delay was chosen. */
  reasons?: Partial<Record<PollReason, number>>
}

export type PollingPolicy =
  | { type: 'fixed'; name: string; intervalMs: number }
  | { type: 'taskkit'; name: string; hints: HintSet; bounds: (provider: BenchProvider) => PollBounds; tuning?: Partial<PollTuning> }

export function simulate(task: WorkloadTask, policy: PollingPolicy, settings: SimulationSettings): Promise<TaskRun> {
  return policy.type === 'fixed'
    ? Promise.resolve(simulateFixed(task, policy.intervalMs, settings))
    : simulateTaskKit(task, policy, settings)
}

/** `await sleep(interval); poll()` until terminal: the loop most apps write. */
function simulateFixed(task: WorkloadTask, intervalMs: number, settings: SimulationSettings): TaskRun {
  const { latencyMs, horizonMs } = settings
  const sentAtMs: number[] = []
  for (let sentAt = intervalMs; sentAt <= horizonMs; ) {
    sentAtMs.push(sentAt)
    const answeredAt = sentAt + latencyMs
    if (isTerminalState(observeTask(task, sentAt + latencyMs / 2, 'progress').state)) {
      return { task, requests: sentAtMs.length, sentAtMs, detectedAtMs: answeredAt, requestsAfterKnownTerminal: 0 }
    }
    sentAt = answeredAt + intervalMs
  }
  return { task, requests: sentAtMs.length, sentAtMs, requestsAfterKnownTerminal: 0 }
}

/** The real TaskPoller (and so the real nextPollDelay, mergeTask and stop rules) on a virtual clock. */
async function simulateTaskKit(
  task: WorkloadTask,
  policy: Extract<PollingPolicy, { type: 'taskkit' }>,
  settings: SimulationSettings,
): Promise<TaskRun> {
  const { latencyMs, horizonMs } = settings
  const { hints } = policy
  const env = new VirtualEnvironment({ random: createRandom(task.seed) })
  const run: TaskRun = { task, requests: 0, sentAtMs: [], requestsAfterKnownTerminal: 0, reasons: {} }
  let lastDecision: unknown

  const poller = new TaskPoller({
    environment: env,
    bounds: policy.bounds(task.provider),
    tuning: policy.tuning,
    initialTask: observeTask(task, 0, hints),
    fetchStatus: () => {
      run.requests += 1
      run.sentAtMs.push(env.now())
      if (run.detectedAtMs !== undefined) run.requestsAfterKnownTerminal += 1
      const readAt = env.now() + latencyMs / 2
      return new Promise((resolve) => env.setTimeout(() => resolve({ task: observeTask(task, readAt, hints) }), latencyMs))
    },
    onUpdate: (updated) => {
      if (isTerminalState(updated.state)) run.detectedAtMs ??= env.now()
    },
  })
  poller.subscribe(() => {
    const decision = poller.getSnapshot().lastDecision
    if (decision === undefined || decision === lastDecision) return
    lastDecision = decision
    const reasons = (run.reasons ??= {})
    reasons[decision.reason] = (reasons[decision.reason] ?? 0) + 1
  })

  poller.start()
  await env.run(horizonMs)
  run.stopReason = poller.getSnapshot().stopReason
  poller.stop()
  return run
}
