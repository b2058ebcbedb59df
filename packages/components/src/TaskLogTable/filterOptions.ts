import type { Task } from '@taskkit/hooks'
import { useEffect, useState } from 'react'
import type { TaskLogFilterOptions } from './types'

type Options = Required<TaskLogFilterOptions>

const NONE: Options = { types: [], platforms: [] }

const byText = (a: string, b: string) => a.localeCompare(b)

/** `known` with the values `pick` finds in `rows` added, sorted; `known` itself when none is new. */
function withValues(known: readonly string[], rows: readonly Task[], pick: (task: Task) => string | undefined): readonly string[] {
  const all = new Set(known)
  for (const task of rows) {
    const value = pick(task)
    if (value) all.add(value)
  }
  return all.size === known.length ? known : [...all].sort(byText)
}

/** `known` with the type and platform values of `rows` added: a pass over a list that may hold 100k tasks. */
function withRows(known: Options, rows: readonly Task[]): Options {
  const types = withValues(known.types, rows, (task) => task.type)
  const platforms = withValues(known.platforms, rows, (task) => task.platform)
  return types === known.types && platforms === known.platforms ? known : { types, platforms }
}

/**
 * The type and platform filters' values when the app does not list them: every value seen in any
 * result so far for this account. Only taking the rows at hand would shrink the choices to the
 * filtered ones (filter by one type and the others were gone from the menu).
 *
 * New rows are scanned when the browser is idle, not while a keystroke renders: the scan is a pass
 * over the whole list (several ms at 100k rows), and a filter rarely brings a value not seen before.
 */
export function useKnownFilterOptions(rows: readonly Task[], account: string): Options {
  const [known, setKnown] = useState(() => ({ account, rows, options: withRows(NONE, rows) }))
  // Another account's choices are not this one's: start over at once (a rare change).
  const current = known.account === account ? known : { account, rows, options: withRows(NONE, rows) }
  if (current !== known) setKnown(current)

  useEffect(() => {
    if (rows === current.rows) return
    const scan = () =>
      setKnown((previous) => {
        const options = previous.account === account ? withRows(previous.options, rows) : previous.options
        return options === previous.options ? previous : { account, rows, options }
      })
    const idle = typeof requestIdleCallback === 'function'
    const id = idle ? requestIdleCallback(scan, { timeout: 500 }) : setTimeout(scan, 50)
    return () => (idle ? cancelIdleCallback(id as number) : clearTimeout(id))
  }, [rows, account, current.rows])
  return current.options
}
