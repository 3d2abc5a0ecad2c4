// Starts `server/main.ts` as a real process on a free port, as `npm start` would, for tests that need one.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

export interface RunningServer {
  url: string
  process: ChildProcess
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export function runServerProcess(env: Record<string, string>): {
  process: ChildProcess
  output: () => string
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  return { process: child, output: () => output }
}

export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<RunningServer> {
  const { process: child, output } = runServerProcess(env)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server not ready after ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    )
    const check = () => {
      // The server logs JSON lines (server/log.ts): the URL ends at the closing quote.
      const match = output().match(/ready in [^:]+: (http:\/\/[^\s"]+\/)/)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${output()}`))
    })
  })
  return {
    url,
    process: child,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode
      child.kill(signal)
      const [code] = await once(child, 'exit')
      return code as number | null
    },
  }
}
