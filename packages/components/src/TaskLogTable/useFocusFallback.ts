import { useCallback, useLayoutEffect, useRef, type FocusEvent } from 'react'

/**
 * A virtual list unmounts the rows that scroll out of view. When the focused control was in such a
 * row, focus would fall to the page body: the next Tab starts over at the top of the page and
 * PageDown scrolls the page instead of the list. This sends it to the list's scroll container
 * instead (it needs `tabIndex={-1}`), from where the keyboard keeps scrolling the list and Tab
 * goes on into the rows in view.
 *
 * Returns the `onFocus` handler for the list's body; the check runs after every commit.
 */
export function useFocusFallback(container: HTMLElement | null): (event: FocusEvent) => void {
  const focusedRef = useRef<Element | null>(null)
  useLayoutEffect(() => {
    const focused = focusedRef.current
    if (!focused || focused.isConnected) return
    focusedRef.current = null
    const active = document.activeElement
    if (container && (active === null || active === document.body)) container.focus({ preventScroll: true })
  })
  return useCallback((event: FocusEvent) => {
    focusedRef.current = event.target
  }, [])
}
