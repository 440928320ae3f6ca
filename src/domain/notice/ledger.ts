import type { LineAccount, LineKind, NoticeDiagnostic, Severity } from './types.js';

/**
 * Keeps the promise that nothing is silently dropped: every line is accounted to the header, a section, a task
 * or a diagnostic, and every diagnostic carries a line number.
 */
export class Ledger {
  readonly diagnostics: NoticeDiagnostic[] = [];
  private readonly accounts: (LineAccount | null)[];

  constructor(lineCount: number) {
    this.accounts = new Array<LineAccount | null>(lineCount).fill(null);
  }

  /** Records a diagnostic; the given lines (1-based) are accounted to it. Returns its index. */
  report(line: number, severity: Severity, message: string, lines: readonly number[] = []): number {
    const index = this.diagnostics.push({ line, severity, message }) - 1;
    for (const accounted of lines) this.account(accounted, 'diagnostic', index);
    return index;
  }

  account(line: number, kind: LineKind, ref: number | null): void {
    if (line < 1 || line > this.accounts.length) return;
    this.accounts[line - 1] = { line, kind, ref };
  }

  isAccounted(line: number): boolean {
    return this.accounts[line - 1] != null;
  }

  /**
   * The final accounting. A line nobody claimed is a bug in the grammar, but the user must still see it:
   * it gets a diagnostic of its own instead of vanishing.
   */
  finish(lineTexts: readonly string[]): LineAccount[] {
    // Filled in place rather than mapped to a copy: the ledger is done with once finished.
    const accounts = this.accounts;
    for (let i = 0; i < accounts.length; i++) {
      if (accounts[i]) continue;
      const text = lineTexts[i] ?? '';
      if (text.trim() === '') {
        accounts[i] = { line: i + 1, kind: 'blank', ref: null };
        continue;
      }
      const ref = this.report(i + 1, 'warning', `第${i + 1}行未能识别，未导入：“${excerpt(text)}”`);
      accounts[i] = { line: i + 1, kind: 'diagnostic', ref };
    }
    return accounts as LineAccount[];
  }
}

/** A short quotation of user text for a message. */
export function excerpt(text: string, max = 30): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  return compact.length > max ? `${compact.slice(0, max)}…` : compact;
}
