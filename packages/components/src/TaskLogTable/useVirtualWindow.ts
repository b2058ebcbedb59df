import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useLayoutEffect } from 'react'

/** The scrolling container's height before it is measured: `--tk-log-max-height` (36rem) at 16px. */
const FIRST_VIEWPORT_GUESS = 576

export interface VirtualWindow {
  /** The items to render: only those near the viewport (plus a few above and below). */
  items: readonly VirtualItem[]
  /** Space to leave above and below them, in px, so the scrollbar matches the whole list. */
  before: number
  after: number
  /** Ref callback for each rendered item (with `data-index`), so real heights replace the estimate. */
  measure: (element: Element | null) => void
}

/**
 * Virtual scrolling for the local history: however long the list (100k rows), only the rows in
 * view of `scrollElement` are rendered. Rows and cards keep their own markup; spacers before and after
 * hold the scroll height.
 *
 * Items of varying height (cards) pass each element to `measure`. Items of one height (table rows)
 * skip it and give that height as `estimateSize`: measuring every row forces a layout and a second
 * render on each scroll and each filter keystroke, which is most of what a long list costs.
 */
export function useVirtualWindow({
  count,
  scrollElement,
  estimateSize,
  getKey,
}: {
  count: number
  /**
   * The scrolling container, held in state by the caller (a callback ref): a ref object would
   * still be empty when this child's layout effect first runs, and nothing would render.
   */
  scrollElement: HTMLElement | null
  estimateSize: number
  getKey: (index: number) => string
}): VirtualWindow {
  // A mutable object by design (TOOLCHAIN.md: react-hooks/incompatible-library); it lives in this .ts hook.
  const virtualizer = useVirtualizer({
    count,
    // Rows in the first render (and on the server) instead of two renders later, once the
    // container is known and measured; the real size replaces this guess right after.
    initialRect: { width: 0, height: FIRST_VIEWPORT_GUESS },
    getScrollElement: () => scrollElement,
    estimateSize: () => estimateSize,
    getItemKey: getKey,
    overscan: 4,
  })
  // A new size (density switch, a theme's row height measured) replaces every unmeasured position.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, estimateSize])
  const items = virtualizer.getVirtualItems()
  const total = virtualizer.getTotalSize()
  const first = items[0]
  const last = items[items.length - 1]
  const before = first ? first.start - virtualizer.options.scrollMargin : 0
  // Before the first measurement there are no items yet: the spacer alone gives the list its height.
  const after = last ? Math.max(0, total - last.end) : total
  return { items, before, after, measure: virtualizer.measureElement }
}
