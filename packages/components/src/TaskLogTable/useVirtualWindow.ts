import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useLayoutEffect } from 'react'
import { FIRST_VIEWPORT_GUESS } from './useRowWindow'

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
 * Virtual scrolling for items of varying height (the local history as cards): however long the
 * list (100k tasks), only the cards in view of `scrollElement` are rendered; spacers before and after
 * hold the scroll height. Each rendered card passes its element to `measure`, so its real height
 * replaces `estimateSize`. Table rows share one height and use the cheaper `useRowWindow`.
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
    // Cards in the first render (and on the server) instead of two renders later, once the
    // container is known and measured; the real size replaces this guess right after.
    initialRect: { width: 0, height: FIRST_VIEWPORT_GUESS },
    getScrollElement: () => scrollElement,
    estimateSize: () => estimateSize,
    getItemKey: getKey,
    overscan: 4,
  })
  // A new estimate (density switch) replaces the positions of the cards not measured yet.
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
