import { execFileSync } from 'node:child_process';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';

/** Runs lowerProcessPriority in a fresh Node process and reads back every thread's nice value from /proc. */
function niceValuesAfterLowering(niceness: number): number[] {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { lowerProcessPriority } from './src/process-priority.ts';
    import { createLogger } from './src/logger.ts';
    lowerProcessPriority(${niceness}, createLogger('silent'));
    const nice = (tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
    process.stdout.write(JSON.stringify(readdirSync('/proc/self/task').map(nice)));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  return JSON.parse(out) as number[];
}

describe.runIf(process.platform === 'linux')('lowerProcessPriority', () => {
  it('lowers every thread of the process, not only the main one', () => {
    const values = niceValuesAfterLowering(10);
    expect(values.length).toBeGreaterThan(1);
    // A runner already started lower than 10 stays there: the function never raises a priority.
    expect(new Set(values)).toEqual(new Set([Math.max(10, getPriority())]));
  });

  it('leaves the process as it is with 0', () => {
    expect(new Set(niceValuesAfterLowering(0))).toEqual(new Set([getPriority()]));
  });
});
