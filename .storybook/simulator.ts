import { createAllSimulatorHandlers } from '@taskkit/testing/msw'

// One simulator per provider for the whole Storybook, served through MSW by preview.tsx.
// Stories can read `storybookSimulators[provider].requests` to check that their calls really
// reached the simulator, or replace the handlers with their own (`parameters.msw.handlers.simulator`).

/** Demo speed: task time runs 30x faster than the wall clock, so an image ends in about a second and a video in a few. */
export const DEMO_TIME_SCALE = 30

/** new-api's `/api/task/self` history per key: thousands of tasks for the task log to page and filter. */
export const DEMO_HISTORY_SIZE = 5000

const { handlers, simulators } = createAllSimulatorHandlers({ seed: 42, timeScale: DEMO_TIME_SCALE, seedHistory: DEMO_HISTORY_SIZE })

export const storybookSimulatorHandlers = handlers
export const storybookSimulators = simulators
