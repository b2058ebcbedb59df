import { describe, expect, it } from 'vitest'
import { cancelLabel, clampProgress, formatElapsed, formatEta, formatPercent, formatQueuePosition, stateLabel } from './format'

describe('format', () => {
  it('labels states and cancel states', () => {
    expect(stateLabel('blocked')).toBe('Blocked by moderation')
    expect(stateLabel('unknown')).toBe('Status unknown')
    expect(cancelLabel('not-cancellable')).toBe("Can't cancel: already running")
  })

  it('formats the eta', () => {
    expect(formatEta(undefined)).toBeUndefined()
    expect(formatEta(-5)).toBeUndefined()
    expect(formatEta(3_000)).toBe('a few seconds left')
    expect(formatEta(44_000)).toBe('about 45 sec left')
    expect(formatEta(120_000)).toBe('about 2 min left')
    expect(formatEta(2 * 3_600_000)).toBe('about 2 hr left')
  })

  it('formats elapsed time as a clock', () => {
    expect(formatElapsed(7_400)).toBe('0:07')
    expect(formatElapsed(725_000)).toBe('12:05')
    expect(formatElapsed(3_723_000)).toBe('1:02:03')
    expect(formatElapsed(-10)).toBe('0:00')
  })

  it('formats queue position and percent, clamps progress', () => {
    expect(formatQueuePosition(3)).toBe('#3 in queue')
    expect(formatPercent(41.6)).toBe('42%')
    expect(clampProgress(140)).toBe(100)
    expect(clampProgress(-1)).toBe(0)
    expect(clampProgress(Number.NaN)).toBeUndefined()
  })
})
