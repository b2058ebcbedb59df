import { newApi, qingbo, tokenlab, tripo, type PollBounds, type TaskAdapter } from '@taskkit/hooks'

/**
 * The four providers the studio can drive, and the few fields each one's create call needs
 * (the adapters' input types: TokenLabInput, TripoInput, QingboInput, NewApiInput).
 */
export type ProviderId = 'tokenlab' | 'tripo' | 'qingbo' | 'newapi'
export const PROVIDER_IDS: readonly ProviderId[] = ['tokenlab', 'tripo', 'qingbo', 'newapi']

export interface FieldOption {
  value: string
  label: string
  /** Other fields this choice resets, e.g. a video endpoint brings a video model. */
  sets?: Record<string, string>
}

export interface FieldSpec {
  name: string
  label: string
  /** A select when given, else a text input. */
  options?: readonly FieldOption[]
  defaultValue: string
}

export type FieldValues = Record<string, string>

export interface ProviderSpec {
  id: ProviderId
  label: string
  /** Where `pnpm sim --provider all` mounts it. */
  simulatorPath: string
  /** The real API's base URL; new-api has none (every gateway is its own). */
  defaultBaseUrl?: string
  fields: readonly FieldSpec[]
  adapter(baseUrl: string, pollBounds?: Partial<PollBounds>): TaskAdapter<unknown>
  /** The create input from the form. */
  input(values: FieldValues, prompt: string): unknown
}

// The adapters are typed by their input; the studio builds each input from its own spec.
const anyInput = <T>(adapter: TaskAdapter<T>) => adapter as unknown as TaskAdapter<unknown>

export const PROVIDERS: Readonly<Record<ProviderId, ProviderSpec>> = {
  tokenlab: {
    id: 'tokenlab',
    label: 'TokenLab',
    simulatorPath: '/tokenlab',
    defaultBaseUrl: 'https://api.tokenlab.sh',
    fields: [
      {
        name: 'endpoint',
        label: 'Media',
        defaultValue: '/v1/images/generations',
        options: [
          { value: '/v1/images/generations', label: 'Image', sets: { model: 'flux-dev' } },
          { value: '/v1/videos/generations', label: 'Video', sets: { model: 'veo3.1' } },
          { value: '/v1/music/generations', label: 'Music', sets: { model: 'suno-v4' } },
          { value: '/v1/3d/generations', label: '3D model', sets: { model: 'hunyuan3d-2' } },
        ],
      },
      { name: 'model', label: 'Model', defaultValue: 'flux-dev' },
    ],
    adapter: (baseUrl, pollBounds) => anyInput(tokenlab({ baseUrl, pollBounds })),
    input: (values, prompt) => ({ endpoint: values.endpoint, model: values.model, prompt }),
  },
  tripo: {
    id: 'tripo',
    label: 'Tripo',
    simulatorPath: '/tripo',
    defaultBaseUrl: 'https://api.tripo3d.ai',
    fields: [
      {
        name: 'type',
        label: 'Task type',
        defaultValue: 'text_to_model',
        options: [
          { value: 'text_to_model', label: 'Text to 3D model' },
          { value: 'text_to_image', label: 'Text to image' },
          { value: 'generate_multiview_image', label: 'Multiview images' },
        ],
      },
    ],
    adapter: (baseUrl, pollBounds) => anyInput(tripo({ baseUrl, pollBounds })),
    input: (values, prompt) => ({ type: values.type, prompt }),
  },
  qingbo: {
    id: 'qingbo',
    label: 'Qingbo',
    simulatorPath: '/qingbo',
    defaultBaseUrl: 'https://www.qingbo.dev',
    fields: [
      {
        name: 'model',
        label: 'Model',
        defaultValue: 'veo3',
        options: [
          { value: 'veo3', label: 'veo3 (video)' },
          { value: 'gpt-image-1', label: 'gpt-image-1 (image)' },
          { value: 'suno-v4', label: 'suno-v4 (music)' },
        ],
      },
      {
        name: 'action',
        label: 'Action',
        defaultValue: 'generate',
        options: [
          { value: 'generate', label: 'Generate' },
          { value: 'edit', label: 'Edit' },
        ],
      },
    ],
    adapter: (baseUrl, pollBounds) => anyInput(qingbo({ baseUrl, pollBounds })),
    input: (values, prompt) => ({ model: values.model, action: values.action, prompt }),
  },
  newapi: {
    id: 'newapi',
    label: 'new-api',
    simulatorPath: '/newapi',
    fields: [
      {
        name: 'endpoint',
        label: 'Media',
        defaultValue: '/v1/video/generations',
        options: [
          { value: '/v1/video/generations', label: 'Video', sets: { model: 'kling-v2-6' } },
          { value: '/suno/submit/music', label: 'Music (Suno)', sets: { model: 'chirp-v4' } },
        ],
      },
      { name: 'model', label: 'Model', defaultValue: 'kling-v2-6' },
    ],
    adapter: (baseUrl, pollBounds) => anyInput(newApi({ baseUrl, pollBounds })),
    // Suno's submit names its model `mv`; `model` is kept too so the task record shows it.
    input: (values, prompt) =>
      values.endpoint?.startsWith('/suno/')
        ? { endpoint: values.endpoint, model: values.model, mv: values.model, prompt }
        : { endpoint: values.endpoint, model: values.model, prompt },
  },
}

export function defaultValues(spec: ProviderSpec): FieldValues {
  return Object.fromEntries(spec.fields.map((field) => [field.name, field.defaultValue]))
}
