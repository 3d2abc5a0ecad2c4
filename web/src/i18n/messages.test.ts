import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { fr } from './fr.ts'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

const languages = { fr } satisfies Record<string, Tree>

describe.each(Object.entries(languages))('messages in %s', (_, messages) => {
  const reference = flatten(en)
  const translated = flatten(messages)

  it('have exactly the English keys', () => {
    expect([...translated.keys()].sort()).toEqual([...reference.keys()].sort())
  })

  it.each([...reference.keys()])('%s keeps the placeholders and is not empty', (key) => {
    const text = translated.get(key) ?? ''
    expect(text.trim()).not.toBe('')
    expect(placeholders(text)).toEqual(placeholders(reference.get(key) ?? ''))
  })
})
