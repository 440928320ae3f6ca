/**
 * Hostile notice files, built in memory by the tests that use them (never committed): zip bombs of both kinds,
 * a .docx of far too many paragraphs, a notice of far too many tasks. Building a gigabyte-sized deflate stream
 * takes milliseconds: a chunk deflated once with a full flush is a self-contained run of deflate blocks, so the
 * same bytes repeated inflate to the chunk repeated.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { zipArchive } from '../../../src/exports/zip-writer.js';
import { makeDocx, type DocxBlock } from '../../fixtures/make-fixtures.js';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A raw deflate stream of `head`, then `body` repeated `times` times, then `tail`, with its inflated size and CRC. */
export function deflateRepeated(head: string, body: Buffer, times: number, tail: string): { compressed: Buffer; size: number; crc: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const block = deflateRawSync(body, flush);
  const parts = [deflateRawSync(headBytes, flush), ...Array.from({ length: times }, () => block), deflateRawSync(tailBytes)];
  let crc = crc32(headBytes);
  for (let i = 0; i < times; i++) crc = crc32(body, crc);
  crc = crc32(tailBytes, crc);
  return { compressed: Buffer.concat(parts), size: headBytes.length + body.length * times + tailBytes.length, crc };
}

interface RawEntry {
  name: string;
  /** Deflated bytes (method 8). */
  compressed: Uint8Array;
  crc: number;
  /** What the central directory and the local header claim the entry inflates to. */
  declaredSize: number;
}

/**
 * A zip whose entries are given already deflated, with whatever size they claim: the product's own zip writer
 * takes the size as given, so it writes a lying header as readily as a true one.
 */
export function writeRawZip(entries: readonly RawEntry[]): Uint8Array {
  return new Uint8Array(
    zipArchive(entries.map((entry) => ({ name: entry.name, data: Buffer.from(entry.compressed), crc: entry.crc >>> 0, size: entry.declaredSize }))),
  );
}

/** A valid .docx (content types, relationships, numbering) whose word/document.xml is the given raw entry. */
function docxWithDocument(document: Omit<RawEntry, 'name'>): Uint8Array {
  const others = Object.entries(unzipSync(makeDocx([{ kind: 'p', text: '占位' }])))
    .filter(([name]) => name !== 'word/document.xml')
    .map(([name, data]) => ({ name, compressed: deflateRawSync(data), crc: crc32(data), declaredSize: data.length }));
  return writeRawZip([...others, { name: 'word/document.xml', ...document }]);
}

const DOCUMENT_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>`;
const DOCUMENT_TAIL = '<w:sectPr/></w:body></w:document>';

/** The issue's first bomb: word/document.xml inflates to about `megabytes` MB of empty paragraphs, and says so. */
export function makeEmptyParagraphBomb(megabytes = 100): Uint8Array {
  const chunk = Buffer.from('<w:p/>'.repeat(Math.floor((1024 * 1024) / 6)), 'utf8');
  const { compressed, size, crc } = deflateRepeated(DOCUMENT_HEAD, chunk, megabytes, DOCUMENT_TAIL);
  return docxWithDocument({ compressed, crc, declaredSize: size });
}

/**
 * The issue's second bomb: one text run inflating to about `megabytes` MB (1 GB by default) while the zip claims
 * `declaredSize` bytes — a size that passes every check made on the central directory.
 */
export function makeLyingTextRunBomb(megabytes = 1024, declaredSize = 1024 * 1024): { docx: Uint8Array; inflatedSize: number } {
  const chunk = Buffer.from('法'.repeat(Math.floor((1024 * 1024) / 3)), 'utf8');
  const { compressed, size, crc } = deflateRepeated(`${DOCUMENT_HEAD}<w:p><w:r><w:t>`, chunk, megabytes, `</w:t></w:r></w:p>${DOCUMENT_TAIL}`);
  return { docx: docxWithDocument({ compressed, crc, declaredSize }), inflatedSize: size };
}

/** An honest .docx of `count` short paragraphs. */
export function makeManyParagraphDocx(count: number): Uint8Array {
  const blocks: DocxBlock[] = Array.from({ length: count }, (_, i) => ({ kind: 'p', text: `第${i + 1}段说明文字` }));
  return makeDocx(blocks);
}

/** A zip of `count` tiny entries named like a .docx's. */
export function makeManyEntryDocx(count: number): Uint8Array {
  const base = Object.entries(unzipSync(makeDocx([{ kind: 'p', text: '占位' }])));
  const data = Buffer.from('<x/>');
  const extra = Array.from({ length: count - base.length }, (_, i) => ({
    name: `word/media/part${i}.xml`,
    compressed: deflateRawSync(data),
    crc: crc32(data),
    declaredSize: data.length,
  }));
  return writeRawZip([...base.map(([name, bytes]) => ({ name, compressed: deflateRawSync(bytes), crc: crc32(bytes), declaredSize: bytes.length })), ...extra]);
}

/**
 * A one-page PDF whose content stream inflates to about `megabytes` MB of drawing operators and no text: pdf.js
 * inflates and interprets all of it (minutes, for 256 MB) before finding there is nothing to read.
 */
export function makeContentStreamBombPdf(megabytes = 256): Uint8Array {
  const { compressed } = deflateRepeated('', Buffer.from('q Q '.repeat(262_144), 'latin1'), megabytes, 'BT ET');
  // FlateDecode is zlib: a two-byte header before the raw deflate stream (pdf.js does not check the trailing sum).
  const stream = Buffer.concat([Buffer.from([0x78, 0x9c]), compressed]);
  const objects = [
    Buffer.from('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n', 'latin1'),
    Buffer.from('2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n', 'latin1'),
    Buffer.from('3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n', 'latin1'),
    Buffer.concat([
      Buffer.from(`4 0 obj << /Length ${stream.length} /Filter /FlateDecode >> stream\n`, 'latin1'),
      stream,
      Buffer.from('\nendstream endobj\n', 'latin1'),
    ]),
  ];
  const header = Buffer.from('%PDF-1.4\n', 'latin1');
  const offsets: number[] = [];
  let length = header.length;
  for (const object of objects) {
    offsets.push(length);
    length += object.length;
  }
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  const trailer = `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([header, ...objects, Buffer.from(xref + trailer, 'latin1')]));
}

/**
 * Samples the process's resident memory every few milliseconds while `work` runs (sampling needs a free event
 * loop, so the reading after `work` is taken too): how far it rose above where it started.
 */
export async function measureRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T | Error; growthMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  let result: T | Error;
  try {
    result = await work();
  } catch (error) {
    result = error as Error;
  } finally {
    clearInterval(sample);
  }
  const ms = performance.now() - start;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, growthMb: (peak - before) / 1024 / 1024, ms };
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time the calling thread (the event loop's: a synchronous read runs on it) has used, from /proc: unlike wall
 * time, it does not grow while other processes hold the CPU. Null where /proc is not there.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return null;
  }
}

/**
 * While `work` runs, a 10 ms timer measures how long the event loop was held: `maxGapMs` is the longest wall-clock
 * gap between ticks, and `maxBlockedMs` the most CPU the event loop's thread itself used between two ticks. On a machine
 * whose cores other processes keep busy the gaps grow though nothing blocked the loop, so tests assert on
 * `maxBlockedMs` (to the kernel's 10 ms clock tick): the bot's own work holding its event loop. Without /proc it is
 * the wall-clock gap.
 */
export async function measureEventLoopGaps<T>(work: () => Promise<T>): Promise<{ result: T | Error; maxGapMs: number; maxBlockedMs: number; ticks: number }> {
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  let maxGapMs = 0;
  let maxBlockedMs = 0;
  let ticks = 0;
  const measure = () => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    const gap = now - last;
    maxGapMs = Math.max(maxGapMs, gap);
    maxBlockedMs = Math.max(maxBlockedMs, cpu !== null && lastCpu !== null ? Math.min(gap + CLOCK_TICK_MS, cpu - lastCpu) : gap);
    last = now;
    lastCpu = cpu;
  };
  const tick = setInterval(() => {
    measure();
    ticks++;
  }, 10);
  let result: T | Error;
  try {
    result = await work();
  } catch (error) {
    result = error as Error;
  } finally {
    clearInterval(tick);
  }
  measure();
  return { result, maxGapMs, maxBlockedMs, ticks };
}
