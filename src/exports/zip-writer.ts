import { once } from 'node:events';
import { createDeflateRaw, crc32, type DeflateRaw } from 'node:zlib';

/** Text is staged in slices this size before zlib gets it: big enough to keep calls few, small enough to stay in cache. */
const STAGE_BYTES = 256 * 1024;

export interface ZipEntry {
  readonly name: string;
  /** Raw deflate stream. */
  readonly data: Buffer;
  readonly crc: number;
  /** Uncompressed size in bytes. */
  readonly size: number;
}

/**
 * One file of a zip archive, written as text and deflated while it is written: UTF-8 goes into a small
 * staging buffer and from there to Node's zlib on the thread pool, so a 17 MB sheet is never held as a
 * string or a contiguous buffer, and compression runs beside the code producing the text. `write`
 * returns false when zlib is behind; await `drained()` before writing more, which also lets the event
 * loop serve others meanwhile.
 */
export class DeflatedEntry {
  private readonly deflater: DeflateRaw;
  private readonly parts: Buffer[] = [];
  private readonly ended: Promise<unknown>;
  private staged = Buffer.allocUnsafe(STAGE_BYTES);
  private used = 0;
  private crc = 0;
  private size = 0;

  constructor(
    readonly name: string,
    level: number,
  ) {
    this.deflater = createDeflateRaw({ level });
    this.deflater.on('data', (part: Buffer) => this.parts.push(part));
    this.ended = once(this.deflater, 'end');
    // once() rejects on 'error'; awaited in end(), so it must not count as unhandled before then.
    this.ended.catch(() => undefined);
  }

  write(text: string): boolean {
    // UTF-8 takes at most 3 bytes for each UTF-16 unit.
    if (text.length * 3 <= STAGE_BYTES - this.used) {
      this.used += this.staged.write(text, this.used);
      return true;
    }
    const ready = this.flush();
    if (text.length * 3 <= STAGE_BYTES) {
      this.used += this.staged.write(text, this.used);
      return ready;
    }
    return this.push(Buffer.from(text, 'utf8'));
  }

  async drained(): Promise<void> {
    if (this.deflater.writableNeedDrain) await once(this.deflater, 'drain');
  }

  async end(): Promise<ZipEntry> {
    this.flush();
    this.deflater.end();
    await this.ended;
    return { name: this.name, data: Buffer.concat(this.parts), crc: this.crc >>> 0, size: this.size };
  }

  private flush(): boolean {
    if (this.used === 0) return true;
    const chunk = this.staged.subarray(0, this.used);
    // A fresh staging buffer: zlib reads the old one later, on its own thread.
    this.staged = Buffer.allocUnsafe(STAGE_BYTES);
    this.used = 0;
    return this.push(chunk);
  }

  private push(chunk: Buffer): boolean {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    return this.deflater.write(chunk);
  }
}

/** A zip archive of deflated entries, in the order given. */
export function zipArchive(entries: readonly ZipEntry[], at: Date = new Date()): Buffer {
  const { time, date } = dosDateTime(at);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry, name, time, date);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    writeEntryFields(central, 6, entry, name, time, date);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** What a local header and its central directory entry both say, in the same order, from "version needed" to the name's length. */
function writeEntryFields(header: Buffer, at: number, entry: ZipEntry, name: Buffer, time: number, date: number): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
  header.writeUInt16LE(8, at + 4); // method: deflate
  header.writeUInt16LE(time, at + 6);
  header.writeUInt16LE(date, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(name.length, at + 22);
}

/** MS-DOS time and date fields of a zip entry, in local time as zip tools read them. */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: (Math.max(0, at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}
