import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Shapes of JSON documents, for checking the simulator against the providers' real answers in
 * /work/shared/contracts: same keys, same value types, nothing invented.
 */

/** Path -> set of JSON types at that path; array elements share the `[]` segment. */
export type Shape = Map<string, Set<string>>

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

export function shapeOf(json: unknown): Shape {
  const shape: Shape = new Map()
  const visit = (value: unknown, path: string) => {
    const types = shape.get(path) ?? new Set<string>()
    types.add(typeOf(value))
    shape.set(path, types)
    if (Array.isArray(value)) for (const item of value) visit(item, `${path}[]`)
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key)
    }
  }
  visit(json, '')
  return shape
}

export interface ShapeDiff {
  /** Paths in the contract the simulator does not answer. */
  missing: string[]
  /** Paths the simulator answers that the contract does not have. */
  extra: string[]
  /** Paths whose JSON types differ. */
  typeMismatches: string[]
}

/** `ignore` lists paths (and everything below them) that are known, documented differences. */
export function diffShapes(actual: unknown, contract: unknown, ignore: { missing?: readonly string[]; extra?: readonly string[] } = {}): ShapeDiff {
  const ours = shapeOf(actual)
  const theirs = shapeOf(contract)
  const covered = (path: string, list: readonly string[] = []) => list.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`))
  const format = (types: Set<string> | undefined) => [...(types ?? [])].sort().join('|')
  return {
    missing: [...theirs.keys()].filter((path) => !ours.has(path) && !covered(path, ignore.missing)),
    extra: [...ours.keys()].filter((path) => !theirs.has(path) && !covered(path, ignore.extra)),
    typeMismatches: [...theirs.keys()]
      .filter((path) => ours.has(path) && format(ours.get(path)) !== format(theirs.get(path)))
      .map((path) => `${path}: ours ${format(ours.get(path))}, contract ${format(theirs.get(path))}`),
  }
}

/** /work/shared/contracts, resolved from this file (never copied into the repo). */
const CONTRACTS_DIR = new URL('../../../../../shared/contracts/', import.meta.url)

export function readContract(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(name, CONTRACTS_DIR)), 'utf8')) as unknown
}
