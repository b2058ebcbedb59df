/** What a request was for, as recorded in `simulator.requests` and as fault routes name it. */
export type RequestKind = 'create' | 'status' | 'cancel' | 'list' | 'media' | 'other'

export const REQUEST_KINDS: readonly RequestKind[] = ['create', 'status', 'cancel', 'list', 'media', 'other']
