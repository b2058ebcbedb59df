import { StrictMode, useLayoutEffect, useMemo, useState, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Task } from '../../packages/hooks/src/core/model.ts'
import { makeTaskLog } from './data.ts'
import { PlainTable } from './PlainTable.tsx'
import { TaskKitTable } from './TaskKitTable.tsx'

/**
 * The bench page: `?impl=plain|taskkit|floor&n=10000`. It owns the task-id filter so both tables filter
 * the same rows the same way; the bench driver (bench/logTable.ts) reads `window.__bench`.
 */
export interface BenchMetrics {
  initialRenderMs?: number
  filterMs?: number
  /** Where the filter's time went: keydown to the table's change handler, handler to commit, commit to frame, frame to painted. */
  filterPhases?: { toHandler: number; toCommit: number; toFrame: number; toPaint: number }
  /** Keydown to paint of a keystroke that emptied the field again (the driver's warm-up). */
  clearMs?: number
  renderedRows?: number
  matchingRows?: number
}

declare global {
  interface Window {
    __bench: BenchMetrics
  }
}

const params = new URLSearchParams(location.search)
const impl = params.get('impl') ?? 'plain'
const count = Number(params.get('n') ?? '1000')
const allRows = makeTaskLog(count)
window.__bench = {}

let keystrokeAt: number | undefined
let filterChangedAt: number | undefined

// The keystroke's own timestamp (same clock as performance.now()), taken before any handler runs.
document.addEventListener(
  'keydown',
  (event) => {
    keystrokeAt = event.timeStamp
    filterChangedAt = undefined
  },
  { capture: true },
)

/** Calls `done` once the browser has painted the frame that holds this commit. */
function afterPaint(done: (at: number, frameAt: number) => void): void {
  requestAnimationFrame((frameAt) => setTimeout(() => done(performance.now(), frameAt)))
}

function countRenderedRows(): number {
  return document.querySelectorAll('tbody tr, [role="rowgroup"] [role="row"], [data-tk-card]').length
}

function Probe({ filter, children }: { filter: string; children: ReactNode }) {
  useLayoutEffect(() => {
    if (filter === '' && window.__bench.initialRenderMs === undefined) {
      afterPaint((at) => {
        window.__bench.initialRenderMs = at - startedAt
        window.__bench.renderedRows = countRenderedRows()
      })
    } else if (filter === '') {
      afterPaint((at) => (window.__bench.clearMs = at - (keystrokeAt ?? at)))
    } else if (keystrokeAt !== undefined) {
      const from = keystrokeAt
      const changedAt = filterChangedAt ?? from
      const commitAt = performance.now()
      afterPaint((at, frameAt) => {
        window.__bench.filterPhases = { toHandler: changedAt - from, toCommit: commitAt - changedAt, toFrame: frameAt - commitAt, toPaint: at - frameAt }
        window.__bench.filterMs = at - from
        window.__bench.renderedRows = countRenderedRows()
      })
    }
  }, [filter])
  return children
}

function BenchPage() {
  const [filter, setFilterState] = useState('')
  const setFilter = (value: string) => {
    filterChangedAt ??= performance.now()
    setFilterState(value)
  }
  const rows = useMemo<readonly Task[]>(
    () => (filter === '' ? allRows : allRows.filter((task) => task.id.includes(filter))),
    [filter],
  )
  useLayoutEffect(() => {
    window.__bench.matchingRows = rows.length
  }, [rows])
  return (
    <Probe filter={filter}>
      {impl === 'floor' ? (
        // The browser's own floor: a keystroke, the same filtering, and a one-cell table to paint.
        <main>
          <input type="search" aria-label="Task ID" value={filter} onChange={(event) => setFilter(event.target.value)} />
          <table>
            <tbody>
              <tr>
                <td>{rows.length} tasks</td>
              </tr>
            </tbody>
          </table>
        </main>
      ) : impl === 'plain' ? (
        <main style={{ height: '100%', overflow: 'auto' }}>
          <label>
            Task ID <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
          </label>
          <PlainTable rows={rows} />
        </main>
      ) : (
        <TaskKitTable rows={rows} filter={filter} onFilterChange={setFilter} />
      )}
    </Probe>
  )
}

const startedAt = performance.now()
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BenchPage />
  </StrictMode>,
)
