// What the `npm run` commands (import, simulate, user) share: a wrong command line told with the usage
// (exit 2), `--help` (exit 0), and any other failure told in one line (exit 1).

/** Wrong usage (the reason and the usage text), or with `usage: false` a value not allowed (one line): exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly options: { usage: boolean } = { usage: true },
  ) {
    super(message)
  }
}

export interface Command<Options> {
  /** `import` in `crosswatch import: …`. */
  name: string
  usage: string
  /** Reads the arguments; throws UsageError. */
  parse(argv: string[]): Options | 'help'
  /** Does the work; the exit code. May throw UsageError too (a value found wrong only then). */
  run(options: Options): Promise<number>
}

/** Runs `command` on the process's arguments and sets the exit code. */
export function runCommand<Options>(command: Command<Options>, argv = process.argv.slice(2)): void {
  const say = (text: string) => console.error(`crosswatch ${command.name}: ${text}`)
  const main = async () => {
    try {
      const options = command.parse(argv)
      if (options !== 'help') return await command.run(options)
      console.log(command.usage)
      return 0
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      say(error.options.usage ? `${error.message}\n\n${command.usage}` : error.message)
      return 2
    }
  }
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      // ConfigError, DatabaseOpenError, Refused… all say what to do in their first line.
      say((error instanceof Error ? error.message : String(error)).split('\n')[0] || 'failed')
      process.exitCode = 1
    },
  )
}
