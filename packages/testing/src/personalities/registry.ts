import type { ProviderName } from '../providers'
import type { Personality } from './context'
import { createNewApiPersonality } from './newapi'
import { createQingboPersonality } from './qingbo'
import { createTokenlabPersonality } from './tokenlab'
import { createTripoPersonality } from './tripo'

export interface PersonalityOptions {
  seed: number
  seedHistory: number
  /** Simulator-clock time the seeded history leads up to. */
  historyAnchorMs: () => number
}

export function createPersonality(provider: ProviderName, options: PersonalityOptions): Personality {
  switch (provider) {
    case 'tokenlab':
      return createTokenlabPersonality()
    case 'tripo':
      return createTripoPersonality()
    case 'qingbo':
      return createQingboPersonality()
    case 'newapi':
      return createNewApiPersonality(options)
  }
}
