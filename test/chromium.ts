import { existsSync } from 'node:fs'
import { playwright } from '@vitest/browser-playwright'

// No browser download works on this network: drive Debian's Chromium when it is there, or the
// one named by CHROMIUM_PATH; elsewhere Playwright's own browsers are used.
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function chromiumProvider() {
  const executablePath = chromiumExecutable()
  return playwright({ launchOptions: { ...(executablePath ? { executablePath } : {}), args: chromiumArgs } })
}
