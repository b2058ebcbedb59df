// `pnpm example`: the simulator's HTTP server (every provider, tasks sped up) and the studio's Vite
// dev server together. Ctrl-C stops both. Run after `pnpm build`: the studio uses the built packages.
import { fileURLToPath } from 'node:url'
import { startSimulatorServer } from '@taskkit/testing/server'
import { createServer } from 'vite'

const SIMULATOR_PORT = Number(process.env.TASKKIT_SIM_PORT ?? 4010)
const STUDIO_PORT = Number(process.env.TASKKIT_STUDIO_PORT ?? 5173)
// 20x: a 2-minute video takes 6 s, an image a second or so; queues still show for a moment.
const TIME_SCALE = 20

const studioRoot = fileURLToPath(new URL('../', import.meta.url))

const simulator = await startSimulatorServer({ provider: 'all', port: SIMULATOR_PORT, timeScale: TIME_SCALE, seedHistory: 40 })
// Vite hands VITE_* variables of the environment to the app: the studio's default simulator URL.
process.env.VITE_TASKKIT_SIM_URL = simulator.url
const studio = await createServer({
  root: studioRoot,
  configFile: `${studioRoot}vite.config.ts`,
  server: { host: '127.0.0.1', port: STUDIO_PORT, strictPort: false },
})
await studio.listen()

const address = studio.httpServer?.address()
const studioUrl = address && typeof address === 'object' ? `http://127.0.0.1:${address.port}/` : studio.resolvedUrls?.local[0]
process.stdout.write(
  [
    '',
    `  Simulator  ${simulator.url}  (tokenlab, tripo, qingbo, newapi; ${TIME_SCALE}x task time)`,
    `  Studio     ${studioUrl}`,
    '',
    '  Ctrl-C stops both.',
    '',
    '',
  ].join('\n'),
)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await Promise.allSettled([studio.close(), simulator.close()])
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
