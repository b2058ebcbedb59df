/** A component's own class name and the one the app passed, if any. */
export function withClassName(own: string, className: string | undefined): string {
  return className ? `${own} ${className}` : own
}
