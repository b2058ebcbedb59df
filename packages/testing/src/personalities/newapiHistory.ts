import { taskIdFor } from '../ids'
import { drawTaskPlan, type Outcome, type TaskPlan } from '../plan'
import { createRandom, deriveSeed, pick, pickWeighted } from '../random'
import type { TaskRecord } from '../record'
import type { HandlerContext } from './context'

/**
 * Pre-seeded task history for new-api's `/api/task/self`, so a task-log UI has thousands of rows
 * to page, filter and virtualize. Each key gets the same deterministic history (same seed, same
 * rows), spread over the 30 days before the simulator started; the newest rows may still be
 * running and progress live.
 */

const STREAM_HISTORY = 3
const HISTORY_SPAN_MS = 30 * 24 * 60 * 60 * 1000
/** Effectively never leaves the queue: how NOT_START rows stay NOT_START. */
const FOREVER_MS = 10 * 365 * 24 * 60 * 60 * 1000

interface PlatformProfile {
  platform: string
  weight: number
  models: readonly string[]
  actions: readonly (readonly [string, number])[]
}

const PLATFORMS: readonly PlatformProfile[] = [
  { platform: 'kling', weight: 0.32, models: ['kling-v2-6', 'kling-v2-1-master', 'kling-v1-6'], actions: [['generate', 0.5], ['textGenerate', 0.5]] },
  { platform: 'suno', weight: 0.24, models: ['chirp-v4', 'chirp-v3-5'], actions: [['MUSIC', 0.9], ['LYRICS', 0.1]] },
  { platform: 'jimeng', weight: 0.12, models: ['jimeng-video-3.0', 'doubao-seedance-1-0-pro'], actions: [['textGenerate', 0.6], ['generate', 0.4]] },
  { platform: 'vidu', weight: 0.1, models: ['viduq1', 'vidu2.0'], actions: [['generate', 0.5], ['textGenerate', 0.3], ['referenceGenerate', 0.2]] },
  { platform: 'sora', weight: 0.12, models: ['sora-2', 'sora-2-pro'], actions: [['textGenerate', 0.7], ['remixGenerate', 0.3]] },
  { platform: 'hailuo', weight: 0.1, models: ['MiniMax-Hailuo-02'], actions: [['textGenerate', 0.6], ['firstTailGenerate', 0.4]] },
]

/** Outcomes of historical rows; `UNKNOWN` and `NOT_START` are raw words real task logs show too. */
const HISTORY_OUTCOMES: readonly (readonly [Outcome | 'UNKNOWN' | 'NOT_START', number])[] = [
  ['success', 0.74],
  ['failure', 0.13],
  ['blocked', 0.04],
  ['expired', 0.02],
  ['no-output', 0.01],
  ['never', 0.02],
  ['UNKNOWN', 0.02],
  ['NOT_START', 0.02],
]

const VIDEO_PROMPTS: readonly string[] = [
  'a cat walking on the beach at sunset',
  'drone shot over a foggy pine forest',
  'a robot barista making latte art',
  'timelapse of a city skyline from day to night',
  'a paper boat sailing down a rainy street',
  'close-up of a hummingbird drinking nectar',
  'an astronaut riding a horse on mars',
]

const MUSIC_PROMPTS: readonly string[] = [
  'lofi beat for studying, rainy night',
  'synthwave track with a driving bassline',
  'acoustic folk song about the sea',
  'upbeat chiptune for a boss fight',
]

export function seedNewApiHistory(ctx: HandlerContext, count: number, seed: number, anchorMs: number): void {
  const random = createRandom(deriveSeed(seed, STREAM_HISTORY))
  const spacing = HISTORY_SPAN_MS / count
  for (let i = 0; i < count; i++) {
    const profile = pickWeighted(random, PLATFORMS.map((entry) => [entry, entry.weight] as const))
    const drawn = pickWeighted(random, HISTORY_OUTCOMES)
    const kind = profile.platform === 'suno' ? 'audio' : 'video'
    const overrides: Partial<TaskPlan> =
      drawn === 'NOT_START' ? { outcome: 'never', queueMs: FOREVER_MS } : drawn === 'UNKNOWN' ? { outcome: 'never' } : { outcome: drawn }
    const plan = drawTaskPlan(kind, random, overrides)
    const prompt = pick(random, kind === 'audio' ? MUSIC_PROMPTS : VIDEO_PROMPTS)
    const record: TaskRecord = {
      id: taskIdFor('newapi', random),
      seq: ctx.sim.store.nextSeq(),
      owner: ctx.owner,
      provider: 'newapi',
      kind,
      plan,
      createdAtMs: Math.round(anchorMs - HISTORY_SPAN_MS + (i + random()) * spacing),
      model: pick(random, profile.models),
      type: pickWeighted(random, profile.actions),
      platform: profile.platform,
      route: profile.platform === 'suno' ? '/suno/submit/music' : '/v1/video/generations',
      prompt,
      input: { prompt },
      requestId: '',
      billingTransactionId: '',
      credits: profile.platform === 'suno' ? 10 : pick(random, [40, 50, 60, 80]),
      taskFaults: [],
      quirks: { urlArray: false, msTimestamps: false },
      ...(drawn === 'UNKNOWN' || drawn === 'NOT_START' ? { statusOverride: drawn } : {}),
    }
    ctx.sim.store.add(record)
  }
}
