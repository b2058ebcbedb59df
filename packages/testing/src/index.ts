/**
 * @taskkit/testing: simulated asynchronous task APIs. One scenario engine (pure, seeded, driven by
 * an injectable clock) speaks four providers' wire formats; `@taskkit/testing/msw` serves it as
 * MSW handlers and `@taskkit/testing/server` over real HTTP. Browser-safe: no Node builtins here.
 */
export { PROVIDERS, DEFAULT_BASE_URLS, type ProviderName } from './providers'
export { systemClock, createManualClock, type Clock, type ManualClock } from './clock'
export { createRandom } from './random'
export { drawTaskPlan, MEDIA_KINDS, OUTCOMES, RUN_DURATIONS, type MediaKind, type Outcome, type TaskPlan } from './plan'
export { taskStateAt, isTerminalPhase, type TaskPhase, type TaskSnapshot } from './lifecycle'
export { FAULT_NAMES, FAULT_DEFAULTS, parseFaultList, type FaultName, type FaultSpec } from './faults'
export { parsePromptTags, type PromptTags } from './tags'
export type { RequestKind } from './requestKind'
export type { SimRequest, SimResponse } from './http'
export { TOKENLAB_CANCELLABLE_MODELS } from './personalities/tokenlab'
export { TRIPO_URL_TTL_MS, SERVED_MEDIA } from './media'
export {
  createSimulator,
  type RecordedRequest,
  type SimulatedTask,
  type Simulator,
  type SimulatorOptions,
} from './simulator'
