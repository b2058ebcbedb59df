import type { Task } from '@taskkit/hooks'
import { useMemo, useState } from 'react'
import type { TaskLogFilterOptions } from './types'

type Options = Required<TaskLogFilterOptions>

const byText = (a: string, b: string) => a.localeCompare(b)

/** The type and platform values in the rows, sorted: one pass over a list that may hold 100k tasks. */
function distinctOptions(rows: readonly Task[]): Options {
  const types = new Set<string>()
  const platforms = new Set<string>()
  for (const task of rows) {
    if (task.type) types.add(task.type)
    if (task.platform) platforms.add(task.platform)
  }
  return { types: [...types].sort(byText), platforms: [...platforms].sort(byText) }
}

function union(known: readonly string[], seen: readonly string[]): readonly string[] {
  const added = seen.filter((value) => !known.includes(value))
  return added.length === 0 ? known : [...known, ...added].sort(byText)
}

/** `known` with the values of `seen` added; `known` itself when nothing is new. */
function mergeOptions(known: Options, seen: Options): Options {
  const types = union(known.types, seen.types)
  const platforms = union(known.platforms, seen.platforms)
  return types === known.types && platforms === known.platforms ? known : { types, platforms }
}

/**
 * The type and platform filters' values when the app does not list them: every value seen in any
 * result so far for this account. Only taking the rows at hand would shrink the choices to the
 * filtered ones (filter by one type and the others were gone from the menu).
 */
export function useKnownFilterOptions(rows: readonly Task[], account: string): Options {
  const seen = useMemo(() => distinctOptions(rows), [rows])
  const [known, setKnown] = useState({ account, options: seen })
  if (known.account !== account) {
    setKnown({ account, options: seen })
    return seen
  }
  const merged = mergeOptions(known.options, seen)
  if (merged !== known.options) setKnown({ account, options: merged })
  return merged
}
