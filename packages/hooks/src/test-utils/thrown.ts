import { TaskKitError } from '../core/errors'

/** The TaskKitError `run` throws; fails the test if it throws nothing or something else. */
export function thrown(run: () => unknown): TaskKitError {
  try {
    run()
  } catch (error) {
    if (error instanceof TaskKitError) return error
    throw error
  }
  throw new Error('expected a TaskKitError')
}
