// The i18n contexts the layer tests describe features in: English and French, from the app's messages.
import i18next from 'i18next'
import { resources } from '../../i18n/index.ts'
import type { LayerContext } from './types.ts'

export async function layerContexts(): Promise<Record<'en' | 'fr', LayerContext>> {
  const out = {} as Record<'en' | 'fr', LayerContext>
  for (const language of ['en', 'fr'] as const) {
    const instance = i18next.createInstance()
    await instance.init({ resources, lng: language, interpolation: { escapeValue: false } })
    out[language] = { t: instance.t, language }
  }
  return out
}
