import type { PollBounds } from './adapter'
import type { Task } from './model'

/**
 * When to ask again: a pure function of the task's history, the server's hints and a clock
 * (DESIGN.md "Polling"). No timers here; TaskPoller owns those. Pure so it can be tested with plain
 * numbers and reused by the cross-tab poller and the bench.
 *
 * Order of precedence:
 * 1. The last request failed: exponential error backoff (the caller's interval does not shorten it;
 *    a failing server is not the time to follow a fast schedule).
 * 2. The caller's `interval` (a number, or a function that may return undefined to fall through).
 * 3. Server hints, clamped to the adapter's bounds: predictions of the end (`etaMs`, progress rate)
 *    aim a single poll just after the predicted end instead of many polls before it, and never
 *    wait past `bounds.maxMs` (predictions are often wrong: we look again and predict anew); else
 *    queue position (deeper queue, slower).
 * 4. Backoff by time spent in the current state: `bounds.initialMs`, then a quarter of the time in
 *    the state, up to `bounds.maxMs`, with jitter.
 * Then two modifiers that only ever lengthen the delay:
 * - Retry-After is a floor over all of the above, caller included: a server that said "not before"
 *   is obeyed, or we earn 429s. It may exceed `bounds.maxMs`.
 * - A hidden tab multiplies the delay (default x4, at most 60 s unless the delay was already longer).
 */

export interface ProgressSample {
  /** Epoch ms when this progress was observed. */
  at: number
  progress: number
}

export interface PollIntervalContext {
  task: Task
  /** Status requests made so far for this task. */
  attempt: number
  /** Time since the poller first saw the task in its current state. */
  msInState: number
}

/** A fixed delay in ms, or a function returning one (undefined: let TaskKit decide). */
export type PollInterval = number | ((context: PollIntervalContext) => number | undefined)

export type PollReason =
  | 'caller'
  | 'retry-after'
  | 'eta'
  | 'queue'
  | 'progress-rate'
  | 'backoff'
  | 'error-backoff'

export interface PollDecision {
  delayMs: number
  reason: PollReason
  /** True when the delay was stretched because the page is hidden. */
  hidden: boolean
}

export interface PollTuning {
  /** Symmetric jitter on backoff, queue and error delays, as a fraction (0.15 = +-15%). */
  jitter: number
  /**
   * Backoff: wait this fraction of the time already spent in the current state (at least
   * `bounds.initialMs`). A state that has lasted a minute will likely last a while longer; and a
   * change is noticed within this fraction of its duration.
   */
  backoffFraction: number
  /** Cap of the exponential error backoff (raised to `bounds.maxMs` when that is larger). */
  errorMaxMs: number
  /** Hidden tab: delay multiplier. 1 turns the slowdown off. */
  hiddenMultiplier: number
  /** Hidden tab: the multiplied delay is capped here (a longer delay is never shortened). */
  hiddenMaxMs: number
  /** How far after a predicted end to aim: this fraction of the time left ... */
  predictionMarginFraction: number
  /** ... but at least this many ms (progress is coarse and clocks disagree). */
  predictionMarginMinMs: number
  /** Queue: every position ahead of the first adds this fraction of `bounds.initialMs`. */
  queueStepFraction: number
  /** Progress rate is measured over samples no older than this. */
  rateWindowMs: number
}

export const DEFAULT_POLL_TUNING: Readonly<PollTuning> = Object.freeze({
  jitter: 0.15,
  backoffFraction: 0.25,
  errorMaxMs: 60_000,
  hiddenMultiplier: 4,
  hiddenMaxMs: 60_000,
  predictionMarginFraction: 0.05,
  predictionMarginMinMs: 250,
  queueStepFraction: 0.5,
  rateWindowMs: 60_000,
})

export interface PollPolicyInput {
  /** Epoch ms. */
  now: number
  /** The latest known task; undefined when no answer has come yet. Must not be terminal. */
  task: Task | undefined
  /** Epoch ms when the task was first seen in its current state. */
  stateSince: number
  /** Epoch ms when the server read `task` (TaskPoller: the request's midpoint); `etaMs` counts from here. Defaults to `now`. */
  answeredAt?: number
  /** Status requests made so far. */
  attempt: number
  /** Progress observations in the current state, oldest first. */
  progressSamples?: readonly ProgressSample[]
  /** Status requests that failed in a row, up to and including the last one. */
  consecutiveErrors?: number
  /** The server's Retry-After from the last answer (success or failure), in ms. */
  retryAfterMs?: number
  bounds: PollBounds
  interval?: PollInterval
  hidden?: boolean
  /** Uniform in [0, 1): the only source of randomness, injected so tests are exact. */
  random: () => number
  tuning?: Partial<PollTuning>
}

export function nextPollDelay(input: PollPolicyInput): PollDecision {
  const tuning: PollTuning = { ...DEFAULT_POLL_TUNING, ...input.tuning }
  const base = baseDecision(input, tuning)
  const floored = applyRetryAfter(base, input, tuning)
  const decision = applyHidden(floored, input.hidden === true, tuning)
  // Whole milliseconds, rounded up so a floor (Retry-After, minMs) is never undercut; the epsilon
  // keeps float noise (2000.0000001) from adding a millisecond.
  return { ...decision, delayMs: Math.ceil(decision.delayMs - 1e-6) }
}

type BaseDecision = Omit<PollDecision, 'hidden'>

function baseDecision(input: PollPolicyInput, tuning: PollTuning): BaseDecision {
  const errors = input.consecutiveErrors ?? 0
  if (errors > 0) return errorBackoff(errors, input, tuning)

  const { task } = input
  if (task !== undefined) {
    const caller = callerDelay(input.interval, {
      task,
      attempt: input.attempt,
      msInState: Math.max(0, input.now - input.stateSince),
    })
    if (caller !== undefined) return { delayMs: caller, reason: 'caller' }

    const hinted = predictionDecision(task, input, tuning) ?? queueDecision(task, input, tuning)
    if (hinted !== undefined) return hinted
  }
  return stateBackoff(input, tuning)
}

function callerDelay(interval: PollInterval | undefined, context: PollIntervalContext): number | undefined {
  const value = typeof interval === 'function' ? interval(context) : interval
  // Garbage from a caller's function falls through to TaskKit's own choice rather than hammering.
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined
}

function errorBackoff(errors: number, input: PollPolicyInput, tuning: PollTuning): BaseDecision {
  const { bounds } = input
  const cap = Math.max(tuning.errorMaxMs, bounds.maxMs)
  // The exponent is capped before Math.pow so a long outage cannot overflow to Infinity.
  const raw = bounds.initialMs * 2 ** Math.min(errors - 1, 30)
  const delayMs = clamp(withJitter(Math.min(raw, cap), input.random, tuning.jitter), bounds.minMs, cap)
  return { delayMs, reason: 'error-backoff' }
}

/**
 * A predicted end as a window: progress comes in whole points, so "94 %" may be anything up to
 * 95 %, and the end may come as early as `earliestAt` and most likely by `latestAt`.
 */
export interface PredictedEnd {
  earliestAt: number
  latestAt: number
}

/**
 * Each hint predicts an end; the one expected first wins (a late detection costs the user, an
 * early poll costs one request).
 */
function predictionDecision(task: Task, input: PollPolicyInput, tuning: PollTuning): BaseDecision | undefined {
  const candidates: (PredictedEnd & { reason: PollReason })[] = []
  const eta = etaEnd(task, input.answeredAt ?? input.now)
  if (eta !== undefined) candidates.push({ ...eta, reason: 'eta' })
  const rate = task.state === 'running' ? predictProgressEnd(input.progressSamples ?? [], input.stateSince, tuning) : undefined
  if (rate !== undefined) candidates.push({ ...rate, reason: 'progress-rate' })
  if (candidates.length === 0) return undefined

  const first = candidates.reduce((a, b) => (b.latestAt < a.latestAt ? b : a))
  return { delayMs: delayUntilPredictedEnd(first, input.now, input.bounds, tuning), reason: first.reason }
}

function etaEnd(task: Task, answeredAt: number): PredictedEnd | undefined {
  if (task.etaMs === undefined || !Number.isFinite(task.etaMs) || task.etaMs < 0) return undefined
  return { earliestAt: answeredAt + task.etaMs, latestAt: answeredAt + task.etaMs }
}

/**
 * When progress will reach 100 %, from the samples in the current state (oldest first) within the
 * rate window. Generators rarely report linearly: most ease out (fast start, slow finish), so a
 * straight line through the samples predicts the end too early, and a poll aimed there is wasted.
 * The rate is therefore modelled as a power of the work left, rate = c * left^k: k = 0 is a
 * straight line, k > 0 eases out, k < 0 speeds up. Two intervals (three samples) give c and k; with
 * fewer, or too little movement to tell a curve from rounding, a straight line through the window.
 * Undefined while progress does not move: a rate of zero predicts nothing.
 */
export function predictProgressEnd(
  samples: readonly ProgressSample[],
  stateSince: number,
  tuning: Pick<PollTuning, 'rateWindowMs'> = DEFAULT_POLL_TUNING,
): PredictedEnd | undefined {
  const newest = samples[samples.length - 1]
  if (newest === undefined) return undefined
  if (newest.progress >= 100) return { earliestAt: newest.at, latestAt: newest.at }
  const windowStart = Math.max(stateSince, newest.at - tuning.rateWindowMs)
  const window = samples.filter((sample) => sample.at >= windowStart && sample.at <= newest.at)
  const oldest = window[0]
  if (oldest === undefined || oldest === newest || newest.progress <= oldest.progress) return undefined

  const curve = fitRateCurve(oldest, window, newest)
  const linearRate = (newest.progress - oldest.progress) / (newest.at - oldest.at)
  // Time for `left` points to drain: at rate c * left^k that is left^(1-k) / (c (1-k)).
  const timeFor = (left: number) => (curve ? left ** (1 - curve.k) / (curve.c * (1 - curve.k)) : left / linearRate)
  const left = 100 - newest.progress
  return { earliestAt: newest.at + timeFor(Math.max(0, left - 1)), latestAt: newest.at + timeFor(left) }
}

/** Bounds on the fitted exponent: beyond them the fit is chasing rounding noise. */
const MIN_CURVE_EXPONENT = -1
const MAX_CURVE_EXPONENT = 0.8
/** Each interval must gain this many points, or integer rounding swamps its rate. */
const MIN_INTERVAL_GAIN = 2
/** The two intervals' work left must differ this much (ratio) for the exponent to mean anything. */
const MIN_LEFT_RATIO = 1.15

function fitRateCurve(
  oldest: ProgressSample,
  window: readonly ProgressSample[],
  newest: ProgressSample,
): { c: number; k: number } | undefined {
  // The middle sample: the one closest to halfway in progress, so both intervals carry weight.
  const halfway = (oldest.progress + newest.progress) / 2
  let middle: ProgressSample | undefined
  for (const sample of window) {
    if (sample === oldest || sample === newest) continue
    if (middle === undefined || Math.abs(sample.progress - halfway) < Math.abs(middle.progress - halfway)) middle = sample
  }
  if (middle === undefined) return undefined
  const gain1 = middle.progress - oldest.progress
  const gain2 = newest.progress - middle.progress
  if (gain1 < MIN_INTERVAL_GAIN || gain2 < MIN_INTERVAL_GAIN) return undefined
  // Work left at the middle of each interval.
  const left1 = 100 - (oldest.progress + middle.progress) / 2
  const left2 = 100 - (middle.progress + newest.progress) / 2
  if (left1 / left2 < MIN_LEFT_RATIO) return undefined
  // Progress is rounded to whole points, so each gain may be off by one. Take the gentlest curve
  // the rounding allows (older interval slower, newer faster): overestimating the curve predicts
  // the end too late, which costs the user detection delay; underestimating costs one request.
  const gentleRate1 = (gain1 - 1) / (middle.at - oldest.at)
  const gentleRate2 = (gain2 + 1) / (newest.at - middle.at)
  const k = clamp(Math.log(gentleRate1 / gentleRate2) / Math.log(left1 / left2), MIN_CURVE_EXPONENT, MAX_CURVE_EXPONENT)
  const rate2 = gain2 / (newest.at - middle.at)
  return { c: rate2 / left2 ** k, k }
}

/**
 * Aim just after the predicted end, so a correct prediction is confirmed by one request instead of
 * many polls before it. Where the window is wide (progress stuck at 99 % for the last seconds),
 * walk through it at the provider's normal pace (`initialMs`) instead of jumping to its far edge.
 * Far predictions are cut to `maxMs`: they are often wrong, so we look again and predict anew.
 * Past the predicted end the prediction was wrong: back off from that moment as from a state
 * change (`backoffFraction` of the time since), never faster than `minMs`.
 */
function delayUntilPredictedEnd(end: PredictedEnd, now: number, bounds: PollBounds, tuning: PollTuning): number {
  const toLatest = end.latestAt - now
  if (toLatest <= 0) return clamp(Math.max(bounds.initialMs, tuning.backoffFraction * -toLatest), bounds.minMs, bounds.maxMs)
  const margin = Math.max(tuning.predictionMarginMinMs, toLatest * tuning.predictionMarginFraction)
  const aimed = Math.min(toLatest + margin, Math.max(0, end.earliestAt - now) + bounds.initialMs)
  return clamp(aimed, bounds.minMs, bounds.maxMs)
}

function queueDecision(task: Task, input: PollPolicyInput, tuning: PollTuning): BaseDecision | undefined {
  const position = task.queuePosition
  if (task.state !== 'queued' || position === undefined || !(position >= 1)) return undefined
  const { bounds } = input
  const raw = bounds.initialMs * (1 + tuning.queueStepFraction * (position - 1))
  return { delayMs: clamp(withJitter(raw, input.random, tuning.jitter), bounds.minMs, bounds.maxMs), reason: 'queue' }
}

function stateBackoff(input: PollPolicyInput, tuning: PollTuning): BaseDecision {
  const { bounds } = input
  const msInState = Math.max(0, input.now - input.stateSince)
  const raw = Math.max(bounds.initialMs, tuning.backoffFraction * msInState)
  return { delayMs: clamp(withJitter(raw, input.random, tuning.jitter), bounds.minMs, bounds.maxMs), reason: 'backoff' }
}

function applyRetryAfter(decision: BaseDecision, input: PollPolicyInput, tuning: PollTuning): BaseDecision {
  const retryAfter = input.retryAfterMs
  if (retryAfter === undefined || !Number.isFinite(retryAfter) || retryAfter <= 0) return decision
  // Jitter only upwards: never earlier than asked, but not every client at the same instant.
  const floor = Math.max(retryAfter * (1 + tuning.jitter * input.random()), input.bounds.minMs)
  return decision.delayMs >= floor ? decision : { delayMs: floor, reason: 'retry-after' }
}

function applyHidden(decision: BaseDecision, hidden: boolean, tuning: PollTuning): PollDecision {
  if (!hidden || tuning.hiddenMultiplier <= 1) return { ...decision, hidden: false }
  const stretched = Math.min(decision.delayMs * tuning.hiddenMultiplier, tuning.hiddenMaxMs)
  return { ...decision, delayMs: Math.max(decision.delayMs, stretched), hidden: true }
}

function withJitter(ms: number, random: () => number, jitter: number): number {
  return ms * (1 + jitter * (2 * random() - 1))
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}
