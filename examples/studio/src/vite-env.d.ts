/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The simulator's base URL (`pnpm sim --provider all`), when `?api=` does not give one. */
  readonly VITE_TASKKIT_SIM_URL?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
