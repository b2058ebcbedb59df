import { useLayoutEffect, useRef, useState } from 'react'

/** The scrolling container's height before it is measured: `--tk-log-max-height` (36rem) at 16px. */
export const FIRST_VIEWPORT_GUESS = 576

/**
 * Rows rendered beyond each edge of the view. One is enough: the window moves as soon as a row
 * edge is crossed, and every row more is work on each filter keystroke.
 */
const OVERSCAN = 1

export interface RowWindow {
  /** The first row to render (inclusive) and the row after the last (exclusive). */
  start: number
  end: number
  /** Space to leave above and below them, in px, so the scrollbar matches the whole list. */
  before: number
  after: number
}

/** The first row in view and how many rows the view holds: the state changes only when these do. */
type RowsInView = readonly [first: number, count: number]

/**
 * Virtual scrolling for rows of one height (the log's table rows): however long the list (100k
 * rows), only the rows in view of `scrollElement` and one beyond each edge are rendered.
 *
 * With one height, which rows are in view is arithmetic on the scroll position: nothing is kept or
 * measured per row, so a filter that turns 10k rows into 3k costs what one that changes 20 rows
 * costs, and scrolling renders only when a row enters or leaves the view. The rows start below
 * the table's sticky header, which covers the top of the view. Cards, whose heights vary, use
 * `useVirtualWindow`.
 */
export function useRowWindow({
  count,
  rowHeight,
  scrollElement,
}: {
  count: number
  /** Every row's height, in px (at least 1). */
  rowHeight: number
  /**
   * The scrolling container, held in state by the caller (a callback ref): a ref object would
   * still be empty when this child's layout effect first runs.
   */
  scrollElement: HTMLElement | null
}): RowWindow {
  const [[first, inView], setInView] = useState<RowsInView>([0, Math.ceil(FIRST_VIEWPORT_GUESS / rowHeight)])
  const rowHeightRef = useRef(rowHeight)

  useLayoutEffect(() => {
    rowHeightRef.current = rowHeight
    if (!scrollElement) return
    const read = () => {
      const height = rowHeightRef.current
      const top = scrollElement.scrollTop
      // The header covers the top of the view; a row counts as in view from one pixel on (borders
      // and rounded heights leave fractions of a pixel).
      const bottom = top + (scrollElement.clientHeight || FIRST_VIEWPORT_GUESS) - (scrollElement.querySelector('thead')?.offsetHeight ?? 0) - 1
      const next = Math.floor(top / height)
      const nextInView = Math.max(1, Math.ceil(bottom / height) - next)
      setInView((current) => (current[0] === next && current[1] === nextInView ? current : [next, nextInView]))
    }
    read()
    scrollElement.addEventListener('scroll', read, { passive: true })
    // The view's height changes with the page (a resized window, a theme's max height).
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(read)
    observer?.observe(scrollElement)
    return () => {
      scrollElement.removeEventListener('scroll', read)
      observer?.disconnect()
    }
  }, [scrollElement, rowHeight])

  // A shorter list (a filter) may end above the old scroll position: the browser then clamps the
  // scroll and its scroll event moves the window; until then the list's last rows are shown.
  const end = Math.min(count, first + inView + OVERSCAN)
  const start = Math.max(0, Math.min(first, end - inView) - OVERSCAN)
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight }
}
