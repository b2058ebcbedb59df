// Adapters beyond the main four, kept out of the main bundle (its budget is 6 kB).
export * from './core/adapters/extra'
