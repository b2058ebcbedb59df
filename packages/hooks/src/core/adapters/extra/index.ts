/**
 * Adapters for providers beyond the four TaskKit ships in its main entry, each written with
 * `defineAdapter`. Imported from `@taskkit/hooks/extra` so the main bundle stays small.
 */
export { replicate } from './replicate'
export type { ReplicateInput, ReplicateOptions } from './replicate'
export { fal } from './fal'
export type { FalInput, FalOptions } from './fal'
export { runway } from './runway'
export type { RunwayInput, RunwayOptions } from './runway'
export { luma } from './luma'
export type { LumaInput, LumaOptions } from './luma'
export { openaiVideo } from './openaiVideo'
export type { OpenAIVideoInput, OpenAIVideoOptions } from './openaiVideo'
export { kling } from './kling'
export type { KlingInput, KlingOptions } from './kling'
export { meshy } from './meshy'
export type { MeshyInput, MeshyOptions } from './meshy'
export { stability } from './stability'
export type { StabilityInput, StabilityOptions } from './stability'
export { midjourneyProxy } from './midjourneyProxy'
export type { MidjourneyProxyInput, MidjourneyProxyOptions } from './midjourneyProxy'
