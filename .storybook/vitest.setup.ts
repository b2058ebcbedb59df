import * as a11yAddonAnnotations from '@storybook/addon-a11y/preview'
import { setProjectAnnotations } from '@storybook/react-vite'
import * as previewAnnotations from './preview'

// Stories run as Vitest tests (project "storybook" in vitest.config.ts) with the same global
// annotations as in Storybook: the a11y addon's axe run (parameters.a11y.test = 'error' makes
// violations fail the test), the MSW loader with the simulator, the theme decorator.
// With this call in place, addon-vitest (>= 10.3) skips its automatic provisioning of the preview
// annotations, so an addon whose preview annotations a story needs must be listed here too.
setProjectAnnotations([a11yAddonAnnotations, previewAnnotations])
