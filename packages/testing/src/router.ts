import type { SimResponse } from './http'
import type { HandlerContext } from './personalities/context'
import type { RequestKind } from './requestKind'

/** One route of a personality. Path patterns use named groups; `id` names the task id. */
export interface Route {
  methods: readonly string[]
  pattern: RegExp
  kind: RequestKind
  /** false for routes that need no key. */
  auth?: boolean
  /** The answer to a missing or bad key, when this route differs from its provider's usual one. */
  unauthorized?: (ctx: HandlerContext, reason: 'missing' | 'invalid') => SimResponse
  handle: (ctx: HandlerContext) => SimResponse
}

export interface RouteMatch {
  route: Route
  params: Record<string, string>
}

/** First route whose method and path match. A path match with the wrong method reports 'method'. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | 'method' | undefined {
  let pathMatched = false
  for (const route of routes) {
    const match = route.pattern.exec(path)
    if (!match) continue
    pathMatched = true
    if (!route.methods.includes(method)) continue
    const params: Record<string, string> = {}
    for (const [key, value] of Object.entries(match.groups ?? {})) {
      if (value !== undefined) params[key] = decodeURIComponent(value)
    }
    return { route, params }
  }
  return pathMatched ? 'method' : undefined
}
