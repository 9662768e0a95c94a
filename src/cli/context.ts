/**
 * What a tool may touch of the outside world. Commands receive it instead of
 * reaching for process.*, so tests can run a tool in-process with a fake
 * environment and capture what it prints.
 */
import { readFileSync, writeSync } from 'node:fs';

export interface ToolContext {
  /** The name the tool was invoked as (cibadmin, crm_mon, ...). */
  tool: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** All of standard input, as text. */
  stdin(): string;
  /** "now" in seconds since the epoch; only adapters read the clock. */
  now(): number;
}

export function processContext(tool: string): ToolContext {
  return {
    tool,
    env: process.env,
    cwd: process.cwd(),
    out: (text) => writeAll(1, text),
    err: (text) => writeAll(2, text),
    stdin: () => readFileSync(0, 'utf8'),
    now: () => Date.now() / 1000,
  };
}

/**
 * Synchronous writes keep output ordered between stdout and stderr (tests
 * compare both) and complete before the process exits.
 */
function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    let n: number;
    try {
      n = writeSync(fd, buf);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') return; // reader went away: nothing more to say
      throw e;
    }
    buf = buf.subarray(n);
  }
}

/** A context that records output, for tests and in-process calls. */
export function memoryContext(
  tool: string,
  options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: string; now?: number } = {},
): ToolContext & { stdout: string; stderr: string } {
  const ctx = {
    tool,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdout: '',
    stderr: '',
    out(text: string) {
      ctx.stdout += text;
    },
    err(text: string) {
      ctx.stderr += text;
    },
    stdin: () => options.stdin ?? '',
    now: () => options.now ?? Date.now() / 1000,
  };
  return ctx;
}
