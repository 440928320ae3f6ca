import { classifyDebris } from './debris.js';
import { startsWithLabel } from './fields.js';
import type { HeaderLine } from './header.js';
import { matchMarker } from './numbering.js';
import { readTableHeader, splitTableCells } from './table.js';

/** One of the first lines of a notice, as the header reader sees it. */
export function readHeaderLine(text: string): HeaderLine {
  return new LazyHeaderLine(text);
}

/**
 * A header line whose structural and debris readings are made when first asked for: the header reader looks at
 * a few hundred lines but needs them for few (most are long task text that cannot be a title).
 */
class LazyHeaderLine implements HeaderLine {
  private structuralReading: boolean | undefined = undefined;
  private debrisReading: boolean | undefined = undefined;

  constructor(readonly text: string) {}

  get structural(): boolean {
    return (this.structuralReading ??= isStructural(this.text));
  }

  get debris(): boolean {
    return (this.debrisReading ??= this.text !== '' && classifyDebris(this.text) !== null);
  }
}

/** A numbered line, a field line or a table header: where the notice body may begin. */
function isStructural(text: string): boolean {
  const cells = text.includes('\t') || text.includes('|') ? splitTableCells(text) : null;
  return matchMarker(text) !== null || startsWithLabel(text) || (cells !== null && readTableHeader(cells) !== null);
}
