import type { Decorator, Preview } from '@storybook/react-vite'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { storybookSimulatorHandlers, storybookSimulators } from './simulator'
// TaskKit's own stylesheet, as users import it; theme.css (the canvas background) comes after.
import '@taskkit/components/styles.css'
import './theme.css'

export type ThemeName = 'light' | 'dark'

/**
 * Puts the toolbar's theme on <html data-theme>, where TaskKit's CSS variables switch (DESIGN.md,
 * "Theming"); theme.css paints the canvas to match. Done during render so the first paint, the
 * play function and the axe run all see the chosen theme.
 */
const withTheme: Decorator = (Story, context) => {
  const theme: ThemeName = context.globals.theme === 'dark' ? 'dark' : 'light'
  document.documentElement.dataset.theme = theme
  return <Story />
}

/**
 * Where Storybook's static dir serves the worker: next to iframe.html in `storybook dev` and in a
 * static build (also when deployed under a sub-path); at the server root in Vitest browser mode,
 * where the addon-vitest plugin serves staticDirs.
 */
function workerUrl(): string {
  const { pathname } = window.location
  return pathname.endsWith('/iframe.html') ? pathname.replace(/iframe\.html$/, 'mockServiceWorker.js') : '/mockServiceWorker.js'
}

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'TaskKit theme (data-theme on <html>)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [withTheme],
  loaders: [
    // msw-storybook-addon 3: the CSF 3 loader takes the worker setup (there is no `initialize()`).
    mswLoader(async () => {
      const worker = setupWorker()
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: workerUrl() } })
      return worker
    }),
  ],
  beforeEach() {
    // Each story starts from a fresh simulator: no tasks, no request log, no faults left over.
    for (const simulator of Object.values(storybookSimulators)) simulator.reset()
  },
  parameters: {
    // The loader resets the worker and installs these per story; a story replaces the simulator
    // with `parameters: { msw: { handlers: { simulator: createSimulatorHandlers({...}).handlers } } }`.
    msw: { handlers: { simulator: storybookSimulatorHandlers } },
    a11y: {
      // axe violations fail the story test (Vitest) and show as failures in the test widget.
      test: 'error',
    },
    // The theme toolbar owns the canvas colour; a second background picker would fight it.
    backgrounds: { disable: true },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
}

export default preview
