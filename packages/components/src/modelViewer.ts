/**
 * Loads `@google/model-viewer` (an optional peer) the first time a 3D result is shown, so apps
 * without 3D results never download it (nor three.js).
 */
let loading: Promise<void> | undefined

/** True once `<model-viewer>` is a registered custom element. */
export function isModelViewerDefined(): boolean {
  return typeof customElements !== 'undefined' && customElements.get('model-viewer') !== undefined
}

/** Registers `<model-viewer>` by importing the package once; rejects when it is not installed. */
export function loadModelViewer(): Promise<void> {
  if (isModelViewerDefined()) return Promise.resolve()
  loading ??= import('@google/model-viewer').then(
    () => undefined,
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}
