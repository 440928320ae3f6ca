import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface SandboxRun {
  code: number | null;
  screen: string;
  /** The lines typed, in order (the terminal shows them too). */
  typed: string[];
}

/**
 * Starts `npm start`'s entry (with `--sandbox` for `npm run sandbox`) with only the given environment,
 * types the lines one by one as the awaited answers appear (a line may be made from the screen so far), and collects the screen.
 */
export function driveSandbox(
  lines: { send: string | ((screen: string) => string); waitFor: RegExp }[],
  options: { dataDir: string; args?: string[]; env?: Record<string, string>; timeoutMs?: number },
): Promise<SandboxRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...(options.args ?? [])], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: options.dataDir, LOG_LEVEL: 'info', ...options.env },
    });
    let screen = '';
    const typed: string[] = [];
    let step = -1;
    let waitingFor: RegExp = /已就绪/;
    // Each awaited answer is looked for only in what appeared after the line that asked for it.
    let from = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not show ${waitingFor} in time; screen so far:\n${screen}`));
    }, options.timeoutMs ?? 90_000);
    const advance = () => {
      while (waitingFor.test(screen.slice(from))) {
        step++;
        const next = lines[step];
        if (!next) {
          child.stdin.end();
          return;
        }
        waitingFor = next.waitFor;
        from = screen.length;
        const line = typeof next.send === 'function' ? next.send(screen) : next.send;
        typed.push(line);
        child.stdin.write(`${line}\n`);
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      advance();
    });
    child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, screen, typed });
    });
  });
}
