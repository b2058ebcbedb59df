import type { Meta, StoryObj } from '@storybook/react-vite'
import { DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import type { CSSProperties } from 'react'
import { expect } from 'storybook/test'
import { fixtureFailedTask, fixtureResultTask, fixtureTask } from './fixtures'
import { TaskProgress } from './TaskProgress'
import { TaskResult } from './TaskResult'

/**
 * Theming from a host app: TaskKit reads only `--tk-*` variables, so an app maps its own design
 * tokens onto them on any wrapper element. No TaskKit class is overridden.
 */

/** The host app's own design tokens (what its design system already defines). */
const HOST_TOKENS = {
  '--brand-500': '#6d28d9',
  '--brand-100': '#ede9fe',
  '--app-radius': '2px',
  '--app-font': 'Georgia, "Times New Roman", serif',
} as CSSProperties

/** The mapping: TaskKit tokens point at the host's variables. */
const HOST_TO_TASKKIT = {
  '--tk-color-accent': 'var(--brand-500)',
  '--tk-color-focus': 'var(--brand-500)',
  '--tk-color-track': 'var(--brand-100)',
  '--tk-radius': 'var(--app-radius)',
  '--tk-font-family': 'var(--app-font)',
} as CSSProperties

const BRAND_RGB = 'rgb(109, 40, 217)'
const now = Date.now()

function Fixtures() {
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <TaskProgress task={fixtureTask({ progress: 42, etaMs: 90_000, createdAt: now - 30_000 })} onCancel={() => {}} />
      <TaskResult task={fixtureResultTask({ assets: [{ kind: 'file', url: `${DEFAULT_BASE_URLS.tokenlab}/media/task_01/model.fbx` }] })} />
      <TaskResult task={fixtureFailedTask()} />
    </div>
  )
}

function HostThemed() {
  return (
    <div className="host-app" style={{ ...HOST_TOKENS, maxWidth: 520, padding: 16 }}>
      <div className="host-app__taskkit-theme" style={HOST_TO_TASKKIT}>
        <Fixtures />
      </div>
    </div>
  )
}

const meta = {
  title: 'Guides/Theming',
  component: HostThemed,
} satisfies Meta<typeof HostThemed>

export default meta
type Story = StoryObj<typeof meta>

export const FromHostVariables: Story = {
  name: "From the host app's variables",
  play: async ({ canvas, canvasElement }) => {
    const indicator = canvasElement.querySelector('.tk-progress__indicator')
    await expect(indicator).not.toBeNull()
    await expect(getComputedStyle(indicator!).backgroundColor).toBe(BRAND_RGB)
    const progress = canvasElement.querySelector<HTMLElement>('.tk-progress')!
    await expect(getComputedStyle(progress).borderTopLeftRadius).toBe('2px')
    await expect(getComputedStyle(progress).fontFamily).toMatch(/^Georgia/)
    await expect(getComputedStyle(canvas.getByRole('link', { name: 'Download model.fbx' })).color).toBe(BRAND_RGB)
    await expect(getComputedStyle(canvas.getByRole('button', { name: 'Copy support info' })).borderTopLeftRadius).toBe('2px')
    // Outside the wrapper the defaults still apply.
    await expect(getComputedStyle(document.documentElement).getPropertyValue('--tk-color-accent').trim()).not.toBe('var(--brand-500)')
  },
}

/**
 * Storybook imports styles.css globally, so "unstyled" is shown by reverting every author style
 * inside a wrapper: what remains is plain HTML with the same roles, names and states.
 */
const UNSTYLED_CSS = '.tk-unstyled-demo *, .tk-unstyled-demo *::before, .tk-unstyled-demo *::after { all: revert !important; }'

export const Unstyled: Story = {
  name: 'Without styles',
  render: () => (
    <div className="tk-unstyled-demo" style={{ maxWidth: 520, padding: 16 }}>
      <style>{UNSTYLED_CSS}</style>
      <Fixtures />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    const progress = canvasElement.querySelector<HTMLElement>('.tk-progress')!
    await expect(getComputedStyle(progress).display).toBe('block')
    await expect(getComputedStyle(progress).borderTopStyle).toBe('none')
    await expect(canvas.getByRole('progressbar', { name: 'Task task_01 progress' })).toHaveAttribute('aria-valuenow', '42')
    await expect(canvas.getByRole('button', { name: 'Request cancellation' })).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'Download model.fbx' })).toBeVisible()
    await expect(canvas.getByText('The model ran out of memory.')).toBeVisible()
  },
}
