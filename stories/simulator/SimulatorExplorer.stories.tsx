import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite'
import { createSimulatorHandlers, DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { expect, waitFor, within } from 'storybook/test'
import { DEMO_TIME_SCALE, storybookSimulators } from '../../.storybook/simulator'
import { SimulatorExplorer } from './SimulatorExplorer'
import { PROVIDERS, type ProviderName } from './wire'

const meta = {
  title: 'Simulator/Explorer',
  component: SimulatorExplorer,
  args: {
    baseUrls: DEFAULT_BASE_URLS,
    pollIntervalMs: 1000,
  },
  argTypes: {
    provider: { control: 'select', options: PROVIDERS },
    baseUrls: { control: false },
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof SimulatorExplorer>

export default meta
type Story = StoryObj<typeof meta>

/** Generous: the slowest demo task (a video) takes several seconds, polled once a second. */
const TERMINAL_TIMEOUT_MS = 45_000

/**
 * Presses "Create task", waits for the provider's terminal status word and checks that the log
 * shows the create exchange and at least one status response, and that both really reached the
 * simulator (its own request log).
 */
async function createTaskAndWait(
  { canvas, userEvent }: Pick<StoryContext, 'canvas' | 'userEvent'>,
  requests: () => readonly { kind: string; status: number }[],
  { via = 'mouse' }: { via?: 'mouse' | 'keyboard' } = {},
) {
  const createButton = canvas.getByRole('button', { name: 'Create task' })
  if (via === 'keyboard') {
    // Prompt -> prompt tags -> "Create task", then Enter: the form works without a mouse.
    await userEvent.click(canvas.getByRole('textbox', { name: 'Prompt' }))
    await userEvent.tab()
    await expect(canvas.getByRole('textbox', { name: 'Prompt tags' })).toHaveFocus()
    await userEvent.tab()
    await expect(createButton).toHaveFocus()
    await userEvent.keyboard('{Enter}')
  } else {
    await userEvent.click(createButton)
  }

  const status = canvas.getByRole('status')
  await waitFor(() => expect(status).toHaveTextContent('(terminal)'), { timeout: TERMINAL_TIMEOUT_MS, interval: 200 })

  const log = canvas.getByRole('log')
  const [create, ...polls] = within(log).getAllByRole('listitem')
  if (!create) throw new Error('The log shows no exchange')
  await expect(within(create).getByText('POST')).toBeVisible()
  await expect(within(create).getByText(/^https:\/\/\w+\.sim\.taskkit\.test\//)).toBeVisible()
  await expect(within(create).getByText(/^20[01]\b/)).toBeVisible()
  const statusResponses = polls.filter((item) => within(item).queryByText('GET') && within(item).queryByText(/^200\b/))
  expect(statusResponses.length).toBeGreaterThanOrEqual(1)

  const seen = requests()
  expect(seen.filter((request) => request.kind === 'create')).toHaveLength(1)
  expect(seen.some((request) => request.kind === 'status' && request.status === 200)).toBe(true)
  return { status, log }
}

function providerStory(provider: ProviderName, prompt: string): Story {
  return {
    args: { provider, initialPrompt: prompt },
    play: async (context) => {
      await createTaskAndWait(context, () => storybookSimulators[provider].requests)
    },
  }
}

export const TokenLab = providerStory('tokenlab', 'a red fox in the snow, watercolor')
export const Tripo = providerStory('tripo', 'a low-poly lighthouse on a rock')
export const Qingbo = providerStory('qingbo', 'a paper boat drifting down a rainy street')
export const NewApi: Story = { ...providerStory('newapi', 'a timelapse of clouds over mountains'), name: 'new-api' }

/**
 * The dark theme, driven from the keyboard, with 500s and a 429 in the log and media previews at
 * the end, so axe checks the contrast of every colour the explorer uses on the dark canvas.
 */
export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  args: {
    provider: 'tokenlab',
    initialPrompt: 'a neon city at night',
    initialOutcome: 'outcome=success',
    initialFault: 'server-error=2',
    initialTags: 'rate-limit=1',
  },
  play: async (context) => {
    await expect(document.documentElement).toHaveAttribute('data-theme', 'dark')
    const { log } = await createTaskAndWait(context, () => storybookSimulators.tokenlab.requests, { via: 'keyboard' })
    expect(within(log).getAllByText(/^500\b/).length).toBeGreaterThanOrEqual(1)
    expect(within(log).getAllByText(/^429\b/).length).toBeGreaterThanOrEqual(1)
    await expect(await context.canvas.findByRole('heading', { name: 'Media' })).toBeVisible()
    await expect(context.canvas.getByRole('img', { name: /Generated image/ })).toBeVisible()
  },
}

/** A task the provider fails: the terminal word is the provider's failure word, no media. */
export const FailedTask: Story = {
  args: { provider: 'qingbo', initialPrompt: 'a forbidden castle', initialOutcome: 'outcome=failure' },
  play: async (context) => {
    const { status } = await createTaskAndWait(context, () => storybookSimulators.qingbo.requests)
    await expect(status).toHaveTextContent('failed')
  },
}

// A story-level simulator replaces the global one: TokenLab answers the first two status requests
// with 429 and Retry-After: 1, which the explorer shows and honours before polling on.
const rateLimited = createSimulatorHandlers({
  provider: 'tokenlab',
  seed: 7,
  timeScale: DEMO_TIME_SCALE,
  faults: [{ fault: 'rate-limit', count: 2, routes: ['status'], retryAfterSeconds: 1 }],
})

export const RateLimited: Story = {
  args: { provider: 'tokenlab', initialPrompt: 'a lighthouse in a storm', initialOutcome: 'outcome=success' },
  parameters: { msw: { handlers: { simulator: rateLimited.handlers } } },
  beforeEach: () => rateLimited.simulator.reset(),
  play: async (context) => {
    const { log } = await createTaskAndWait(context, () => rateLimited.simulator.requests)
    const limited = within(log)
      .getAllByRole('listitem')
      .filter((item) => within(item).queryByText(/^429\b/))
    expect(limited).toHaveLength(2)
    for (const item of limited) await expect(item).toHaveTextContent('Retry-After: 1')
  },
}
