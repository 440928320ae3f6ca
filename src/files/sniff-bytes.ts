import { fileTypeFromBuffer } from 'file-type';

// What a file's first bytes say it is, whatever its name claims.

/** What duban tells apart: the kinds it reads or refuses by their bytes. */
export type SniffedKind = 'pdf' | 'zip' | 'ole' | 'image' | 'program';

export interface Sniffed {
  kind: SniffedKind;
  /** Where the file really starts: a PDF may have junk before "%PDF-", which readers accept. */
  start: number;
}

/** file-type's own advice: 4,100 bytes are enough for every signature it knows. Nothing past them is read. */
const SNIFF_BYTES = 4100;
/** Some PDF generators put up to a KB of junk before the header. */
const PDF_HEADER_WITHIN = 1024;

const KINDS: ReadonlyMap<string, SniffedKind> = new Map([
  ['pdf', 'pdf'],
  // Office Open XML, OpenDocument and the like are zips; from its first 4 KB file-type may or may not see which one.
  ...['zip', 'docx', 'docm', 'dotx', 'dotm', 'xlsx', 'xlsm', 'xltx', 'xltm', 'pptx', 'pptm', 'potx', 'potm', 'ppsx', 'ppsm', 'vsdx'].map(
    (ext) => [ext, 'zip'] as const,
  ),
  ...['odt', 'ods', 'odp', 'odg', 'ott', 'ots', 'otp', 'otg', 'epub', 'jar', 'apk', 'xpi', '3mf'].map((ext) => [ext, 'zip'] as const),
  // An OLE compound file: old Office (.doc, .xls, .ppt), WPS, or Office Open XML wrapped by encryption.
  ['cfb', 'ole'],
  // Formats whose signature cannot be mistaken for text (BMP's two letters "BM" can, so it is not here).
  ...['png', 'apng', 'jpg', 'gif', 'tif', 'webp', 'heic', 'avif', 'jxl', 'jp2'].map((ext) => [ext, 'image'] as const),
  // A program for Windows (MZ), Linux (ELF) or macOS (Mach-O).
  ...['exe', 'elf', 'macho'].map((ext) => [ext, 'program'] as const),
]);

/** The kind of file the bytes are, read from their first 4 KB by file-type; null for anything else (text among it). */
export async function sniffBytes(bytes: Uint8Array): Promise<Sniffed | null> {
  const head = bytes.subarray(0, SNIFF_BYTES);
  // file-type reads a truncated or hostile header as "unknown", but a parse error must not become a crash either.
  const type = await fileTypeFromBuffer(head).catch(() => undefined);
  const kind = type && KINDS.get(type.ext);
  if (kind) return { kind, start: 0 };
  const pdfAt = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, PDF_HEADER_WITHIN + 5)).indexOf('%PDF-');
  return pdfAt === -1 ? null : { kind: 'pdf', start: pdfAt };
}
