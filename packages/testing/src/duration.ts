/**
 * Parses the short durations of the tag and header grammar: `1500`, `1500ms`, `10s`, `2m`.
 * A bare number is milliseconds. Returns undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(text)
  if (!match?.[1]) return undefined
  const value = Number(match[1])
  const unit = (match[2] ?? 'ms').toLowerCase()
  const factor = unit === 'm' ? 60_000 : unit === 's' ? 1_000 : 1
  return Math.round(value * factor)
}
