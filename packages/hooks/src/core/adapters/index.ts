/**
 * The provider adapters of the main entry. More providers (Replicate, fal, Runway, ...) live in
 * `@taskkit/hooks/extra`, outside the main bundle's budget.
 */
export { tokenlab } from './tokenlab'
export type { TokenLabInput, TokenLabOptions } from './tokenlab'
export { tripo } from './tripo'
export type { TripoApiVersion, TripoInput, TripoOptions } from './tripo'
export { qingbo } from './qingbo'
export type { QingboInput, QingboOptions } from './qingbo'
export { newApi } from './newApi'
export type { NewApiInput, NewApiOptions } from './newApi'
export { defineAdapter } from './defineAdapter'
export type { AdapterSpec, TaskDraft, TaskDraftAsset } from './defineAdapter'
export { readError, retryAfterMs } from './readError'
export type { ErrorDetails, ErrorReading } from './readError'
export type { StatusMap } from './common'
