import type { TaskView } from '../record'

/** Epoch seconds, as most providers report times. */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000)
}

/** Time left in clock seconds (task time divided by the time scale), rounded up. */
export function etaSeconds(view: TaskView, timeScale: number): number {
  return Math.ceil(view.snapshot.etaMs / timeScale / 1000)
}

/** Why a task did not succeed, in plain words every personality can reuse. */
export function failureMessage(view: TaskView): string {
  switch (view.snapshot.phase) {
    case 'blocked':
      return 'The request was rejected by content moderation'
    case 'expired':
      return 'The task expired before it could be processed'
    case 'cancelled':
      return 'The task was cancelled'
    default:
      return 'Generation failed upstream'
  }
}

/** File served for a task's main output, by kind. */
export const PRIMARY_FILE = {
  image: 'image.png',
  video: 'video.mp4',
  audio: 'audio.m4a',
  model3d: 'model.glb',
  multiview: 'view-front.png',
} as const

export const VIEW_FILES = [
  ['front', 'view-front.png'],
  ['left', 'view-left.png'],
  ['back', 'view-back.png'],
  ['right', 'view-right.png'],
] as const
