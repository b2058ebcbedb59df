/**
 * Deterministic pseudo-random numbers (mulberry32). The same seed always yields the same
 * sequence, so a seeded simulator produces the same workload, ids and fault draws on every run.
 */
export function createRandom(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x6d2b79f5) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Independent streams derived from one seed: the workload, ids and fault draws each get their
 * own stream so that, for example, turning a fault on does not change the plans of later tasks.
 */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(Math.trunc(seed) ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream + 1, 0xc2b2ae35)) | 0
}

/** Uniform integer in [min, max] (both inclusive). */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new RangeError('pick() needs a non-empty list')
  return item
}

/** Picks by weight; weights need not sum to 1. */
export function pickWeighted<T>(random: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  let threshold = random() * total
  for (const [value, weight] of entries) {
    threshold -= weight
    if (threshold < 0) return value
  }
  const last = entries[entries.length - 1]
  if (last === undefined) throw new RangeError('pickWeighted() needs a non-empty list')
  return last[0]
}

const ALPHABETS = {
  lowerAlnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  mixedAlnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  // Crockford base32, as ULIDs use (Qingbo's ids look like ULIDs).
  crockford: '0123456789ABCDEFGHJKMNPQRSTVWXYZ',
} as const

export function randomString(random: () => number, length: number, alphabet: keyof typeof ALPHABETS): string {
  const chars = ALPHABETS[alphabet]
  let out = ''
  for (let i = 0; i < length; i++) out += chars.charAt(Math.floor(random() * chars.length))
  return out
}
