import { parseDuration } from './duration'
import { isFaultName, type FaultName } from './faults'
import { MEDIA_KINDS, OUTCOMES, type MediaKind, type Outcome, type TaskPlan } from './plan'

/**
 * The prompt-tag grammar: a create request whose body contains `[sim:...]` chooses its own
 * scenario, so one running simulator can serve a happy path and a failure side by side.
 *
 *   tag   = "[sim:" item *("," item) "]"        (any number of tags, anywhere in the body)
 *   item  = "kind=" image|video|audio|model3d|multiview
 *         | "outcome=" success|failure|blocked|expired|cancelled|no-output|never
 *         | "queue=" duration | "run=" duration   (1500, 1500ms, 10s, 2m; task time)
 *         | "position=" integer                   (initial queue position)
 *         | "never-finish" | "no-output"          (= outcome=never / outcome=no-output)
 *         | "latency=" duration                   (every status request of this task is delayed)
 *         | fault ["=" count | "=*"]              (server-error, rate-limit, drop, malformed-json,
 *                                                  unknown-status: the next `count` status requests
 *                                                  of this task, default 1, `*` = all of them)
 *         | "url-array"                           (Qingbo: result `url` as string[], as its docs say)
 *         | "ms-timestamps"                       (Qingbo: created_at/completed_at in ms, as its docs say)
 */
export interface TaskFault {
  fault: FaultName
  remaining: number
  latencyMs?: number
}

export interface Quirks {
  urlArray: boolean
  msTimestamps: boolean
}

export interface PromptTags {
  kind?: MediaKind
  plan: Partial<TaskPlan>
  taskFaults: TaskFault[]
  quirks: Quirks
  /** Items that were not understood (kept for diagnostics; ignored otherwise). */
  ignored: string[]
}

const TAG_PATTERN = /\[sim:([^\]]*)\]/gi

const TASK_REQUEST_FAULTS: readonly FaultName[] = ['server-error', 'rate-limit', 'drop', 'malformed-json', 'unknown-status']

export function parsePromptTags(text: string): PromptTags {
  const tags: PromptTags = { plan: {}, taskFaults: [], quirks: { urlArray: false, msTimestamps: false }, ignored: [] }
  for (const match of text.matchAll(TAG_PATTERN)) {
    for (const rawItem of (match[1] ?? '').split(',')) {
      const item = rawItem.trim()
      if (item) applyItem(tags, item)
    }
  }
  return tags
}

function applyItem(tags: PromptTags, item: string): void {
  const [rawKey = '', value] = item.split('=', 2).map((piece) => piece.trim())
  const key = rawKey.toLowerCase()
  const ignore = () => void tags.ignored.push(item)

  switch (key) {
    case 'kind':
      if (value && (MEDIA_KINDS as readonly string[]).includes(value)) tags.kind = value as MediaKind
      else ignore()
      return
    case 'outcome':
      if (value && (OUTCOMES as readonly string[]).includes(value)) tags.plan.outcome = value as Outcome
      else ignore()
      return
    case 'queue':
    case 'run': {
      const ms = value === undefined ? undefined : parseDuration(value)
      if (ms === undefined) return ignore()
      if (key === 'queue') tags.plan.queueMs = ms
      else tags.plan.runMs = ms
      return
    }
    case 'position': {
      const position = Number(value)
      if (Number.isInteger(position) && position >= 0) tags.plan.initialQueuePosition = position
      else ignore()
      return
    }
    case 'never-finish':
      tags.plan.outcome = 'never'
      return
    case 'no-output':
      tags.plan.outcome = 'no-output'
      return
    case 'url-array':
      tags.quirks.urlArray = true
      return
    case 'ms-timestamps':
      tags.quirks.msTimestamps = true
      return
    case 'latency': {
      const latencyMs = value === undefined ? 1_000 : parseDuration(value)
      if (latencyMs === undefined) return ignore()
      tags.taskFaults.push({ fault: 'latency', remaining: Number.POSITIVE_INFINITY, latencyMs })
      return
    }
    default:
      if (isFaultName(key) && TASK_REQUEST_FAULTS.includes(key)) {
        const remaining = value === undefined ? 1 : value === '*' ? Number.POSITIVE_INFINITY : Number(value)
        if (Number.isInteger(remaining) || remaining === Number.POSITIVE_INFINITY) tags.taskFaults.push({ fault: key, remaining })
        else ignore()
        return
      }
      ignore()
  }
}

/** The prompt without its tags, as the task echoes it back. */
export function stripPromptTags(text: string): string {
  return text.replace(TAG_PATTERN, '').replace(/\s{2,}/g, ' ').trim()
}
