// The shape every language's messages must have: that of the English ones, with any text as value.
import type { en } from './en.ts'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export type Messages = Shape<typeof en>
