import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Module specifiers a file loads when it is evaluated: static imports and re-exports, not `import type`. */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    if (match[2]) continue;
    // `export { x }` with no `from` is not an import; `export ... from` and `import ... from` are.
    if (match[1] === 'export' && !match[3]) continue;
    found.push(match[4]!);
  }
  return found;
}

/** Every module reachable from an entry point by static imports: relative files by path, packages by name. */
function reachableFrom(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [path.join(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
        continue;
      }
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
      if (existsSync(target)) pending.push(target);
    }
  }
  return { files, packages };
}

const entries = ['src/main.ts', 'src/worker.ts', 'src/cli/main.ts'];

describe('what a production start loads', () => {
  it.each(entries)('%s loads neither the local Discord-compatible server nor ws', (entry) => {
    const { files, packages } = reachableFrom(entry);
    expect(files.size).toBeGreaterThan(20);
    expect([...packages]).not.toContain('localcord');
    expect([...packages]).not.toContain('ws');
    expect([...files].filter((file) => file.includes(`${path.sep}packages${path.sep}`))).toEqual([]);
  });

  it('lists the local server as a dev dependency only, and ws not at all', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(manifest.dependencies!)).not.toContain('localcord');
    expect(Object.keys(manifest.dependencies!)).not.toContain('ws');
    expect(manifest.devDependencies!.localcord).toBeDefined();
  });

  it('finds a static import of localcord where there is one', () => {
    // The sandbox itself does load it: the walk must see that, or the checks above prove nothing.
    expect([...reachableFrom('src/sandbox/run-sandbox.ts').packages]).toContain('localcord');
  });
});
