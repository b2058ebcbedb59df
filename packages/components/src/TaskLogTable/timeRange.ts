const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** Time-range presets of the toolbar: a window that ends now. */
export const TIME_RANGE_PRESETS = [
  { id: '1h', label: 'Last hour', ms: HOUR },
  { id: '24h', label: 'Last 24 hours', ms: DAY },
  { id: '7d', label: 'Last 7 days', ms: 7 * DAY },
  { id: '30d', label: 'Last 30 days', ms: 30 * DAY },
] as const

export type TimeRangePresetId = (typeof TIME_RANGE_PRESETS)[number]['id']
export type TimeRangeChoice = 'any' | TimeRangePresetId | 'custom'

/** `from` for a preset, counted back from `now` (epoch ms). */
export function presetFrom(id: TimeRangePresetId, now: number): number {
  const preset = TIME_RANGE_PRESETS.find((entry) => entry.id === id)
  return now - (preset?.ms ?? 0)
}

/** How far a range may have drifted from a preset (the window grows while it is shown) and still be it. */
const PRESET_SLACK = 0.02

/**
 * Which choice a query's range shows when the toolbar mounts. The query holds plain times, not the
 * preset: a range open to now whose start is a preset's length back (give or take 2 % of it, the
 * time since it was chosen) shows as that preset again; any other range as custom from-to.
 */
export function initialChoice(from: number | undefined, to: number | undefined, now: number): TimeRangeChoice {
  if (from === undefined && to === undefined) return 'any'
  if (to === undefined && from !== undefined) {
    const preset = TIME_RANGE_PRESETS.find((entry) => Math.abs(now - from - entry.ms) <= entry.ms * PRESET_SLACK)
    if (preset) return preset.id
  }
  return 'custom'
}
