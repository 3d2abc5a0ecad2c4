// Asks for a secret on the terminal without echoing it: stdin in raw mode, read up to Enter, with
// backspace, Ctrl-U (clear) and Ctrl-C / Ctrl-D (cancel) as a shell's password prompt has them.

export class Cancelled extends Error {}

// Arrow keys and the like arrive as escape sequences: they are not part of a password.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is the character looked for
const ESCAPE_SEQUENCE = /\x1b(\[[0-9;?]*[@-~]|O.|.)?/g

export function askHidden(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value: string[] = []
    const finish = (error?: Error) => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else resolve(value.join(''))
    }
    const onData = (chunk: string) => {
      for (const ch of chunk.replace(ESCAPE_SEQUENCE, '')) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003' || (ch === '\u0004' && !value.length)) return finish(new Cancelled('cancelled'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else if (ch === '\u0015') value = []
        else if (ch >= ' ') value.push(ch)
      }
    }
    // Raw (no echo) before the prompt shows: what is typed once it shows must never be echoed.
    input.setRawMode(true)
    input.setEncoding('utf8')
    input.on('data', onData)
    input.resume()
    output.write(prompt)
  })
}
