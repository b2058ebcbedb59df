import { describe, expect, it } from 'vitest'
import { formatCount, formatDateTime, formatDuration } from './logFormat'

const AT = Date.UTC(2026, 0, 15, 12, 0, 5)

describe('log formatting', () => {
  it('formats in the locale asked for', () => {
    expect(formatCount(10_000, 'en-US')).toBe('10,000')
    expect(formatCount(10_000, 'de-DE')).toBe('10.000')
    expect(formatDuration(185_000, 'en-US')).toBe('3 min 05 s')
    expect(formatDateTime(AT, 'en-US')).toMatch(/^Jan 15, 2026, \d{1,2}:00:05/)
  })

  it('falls back to the default locale for a tag that is not one, instead of throwing', () => {
    expect(() => new Intl.NumberFormat('not a locale!')).toThrow(RangeError)
    expect(formatCount(10_000, 'not a locale!')).toBe(new Intl.NumberFormat().format(10_000))
    expect(formatDateTime(AT, 'not a locale!')).toBe(formatDateTime(AT, undefined))
    expect(formatDuration(42_000, 'not a locale!')).toBe('42 s')
  })

  it('shows nothing for a time that is not one', () => {
    expect(formatDateTime(Number.NaN, 'en-US')).toBe('')
    expect(formatDuration(undefined, 'en-US')).toBe('')
  })
})
