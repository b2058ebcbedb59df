import { randomString } from './random'
import type { ProviderName } from './providers'

/** Ids in each provider's own format, drawn from a seeded stream so runs are repeatable. */
export function taskIdFor(provider: ProviderName, random: () => number): string {
  switch (provider) {
    case 'tokenlab':
      // docs: ldtask_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      return `ldtask_${randomString(random, 32, 'lowerAlnum')}`
    case 'tripo':
      return uuidV4(random)
    case 'qingbo':
      // docs: task_01K8SGYNNNVBQTXNR4MM964S7K (a ULID)
      return `task_01${randomString(random, 24, 'crockford')}`
    case 'newapi':
      // new-api's public ids: task_ + 32 mixed-case alphanumerics
      return `task_${randomString(random, 32, 'mixedAlnum')}`
  }
}

export function uuidV4(random: () => number): string {
  const hex = randomString(random, 32, 'hex').split('')
  hex[12] = '4'
  hex[16] = '89ab'.charAt(Math.floor(random() * 4))
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

export function requestIdFor(random: () => number): string {
  return `req_${randomString(random, 24, 'lowerAlnum')}`
}

export function billingTransactionIdFor(random: () => number): string {
  return `btx_${randomString(random, 24, 'lowerAlnum')}`
}
