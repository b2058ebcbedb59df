import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cliArgs'

describe('CLI arguments', () => {
  it('parses every flag, in both --flag value and --flag=value forms', () => {
    const parsed = parseCliArgs(['--provider', 'newapi', '--port=0', '--host', '0.0.0.0', '--seed', '9', '--faults', 'latency=800,rate-limit', '--time-scale=60', '--history', '5000', '--keys', 'a,b'])
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        provider: 'newapi',
        port: 0,
        host: '0.0.0.0',
        seed: 9,
        faults: [{ fault: 'latency', latencyMs: 800 }, { fault: 'rate-limit' }],
        timeScale: 60,
        history: 5000,
        keys: ['a', 'b'],
      },
    })
    expect(parseCliArgs([])).toMatchObject({ kind: 'run', options: { provider: 'all', port: 4010, host: '127.0.0.1' } })
    expect(parseCliArgs(['--help']).kind).toBe('help')
  })

  it.each([
    [['--provider', 'openai'], /Unknown provider "openai"\. Valid values: tokenlab, tripo, qingbo, newapi, all/],
    [['--faults', 'latency,explode'], /Unknown fault "explode"\. Valid values: latency, server-error, rate-limit, drop, malformed-json, unknown-status, never-finish, no-output/],
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--time-scale', '0'], /--time-scale must be a positive number/],
    [['--verbose'], /Unknown flag "--verbose"\. Valid flags: --provider, --port/],
    [['--seed'], /--seed needs a value/],
  ])('explains a bad flag %j', (argv, message) => {
    const parsed = parseCliArgs(argv)
    expect(parsed.kind).toBe('error')
    expect(parsed.kind === 'error' ? parsed.message : '').toMatch(message)
  })

  it('exits with code 2 and the valid values on a bad flag', () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, '--provider', 'nope'], { encoding: 'utf8', timeout: 20_000 })
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/Unknown provider "nope"\. Valid values: tokenlab, tripo, qingbo, newapi, all/)
  })
})
