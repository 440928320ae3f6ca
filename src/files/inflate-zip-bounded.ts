import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { NoticeFileError } from './notice-file-error.js';
import { NOTICE_LIMITS, formatMegabytes } from './notice-limits.js';

export interface ZipLimits {
  entries: number;
  /** Declared by all entries together, and actually inflated from the parts read. */
  totalBytes: number;
  /** One part read. */
  partBytes: number;
  /** Declared inflated ÷ compressed, checked for parts declaring more than ratioFloorBytes. */
  ratio: number;
  ratioFloorBytes: number;
}

export const DOCX_ZIP_LIMITS: ZipLimits = {
  entries: NOTICE_LIMITS.docxEntries,
  totalBytes: NOTICE_LIMITS.docxInflatedBytes,
  partBytes: NOTICE_LIMITS.docxPartBytes,
  ratio: NOTICE_LIMITS.docxRatio,
  ratioFloorBytes: NOTICE_LIMITS.docxRatioFloorBytes,
};

const CORRUPT = '文件已损坏或不是有效的 .docx，无法打开。请在 Word 中打开后重新“另存为”.docx 再上传，或直接粘贴文字。';
const ADVICE = '正常的工作要点不会这样，文件可能已损坏或被构造为“压缩炸弹”。请在 Word 中打开后重新“另存为”.docx 再上传，或直接把文字粘贴进来。';

function inflatedTooLarge(reason: string): NoticeFileError {
  return new NoticeFileError('inflated_too_large', `这个 .docx 文件解压后${reason}，已拒绝读取。${ADVICE}`);
}

/**
 * Inflates the parts of a zip that `wanted` names, never past the limits. The central directory is checked
 * first (entry count, each part's and the total declared size, each part's compression ratio), so most
 * bombs are refused before a byte is inflated; then every part is inflated as a stream and stopped the
 * moment its output passes what it declared or the limits — declared sizes are written by whoever made
 * the file and can lie. Only what is returned is ever handed to a reader, so readers that trust a
 * zip's sizes (the .docx reader does) never see the original archive.
 */
export async function inflateZipBounded(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: ZipLimits = DOCX_ZIP_LIMITS,
): Promise<Map<string, Uint8Array>> {
  let zip: yauzl.ZipFile;
  try {
    // validateEntrySizes off: sizes are checked below, against the limits as well as the declaration.
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: false,
      strictFileNames: false,
    });
  } catch {
    throw new NoticeFileError('corrupt', CORRUPT);
  }
  try {
    if (zip.entryCount > limits.entries) {
      throw new NoticeFileError('too_many_entries', `这个 .docx 文件包含 ${zip.entryCount} 个内部文件，超过 ${limits.entries} 个的上限，已拒绝读取。${ADVICE}`);
    }
    const entries: yauzl.Entry[] = [];
    let declaredTotal = 0;
    for await (const entry of readEntries(zip)) {
      const read = !entry.fileName.endsWith('/') && wanted(entry.fileName);
      if (read && entry.isEncrypted())
        throw new NoticeFileError('encrypted', '文件已加密（设置了打开密码），无法读取。请在 Word 中取消密码后另存一份再上传，或直接把文字粘贴进来。');
      if (read && entry.uncompressedSize > limits.partBytes) {
        throw inflatedTooLarge(
          `其中“${entry.fileName}”有 ${formatMegabytes(entry.uncompressedSize)}，超过单个部分 ${formatMegabytes(limits.partBytes)} 的上限`,
        );
      }
      if (read && entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.ratio) {
        const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
        throw inflatedTooLarge(`其中“${entry.fileName}”会膨胀 ${ratio} 倍，超过 ${limits.ratio} 倍的上限`);
      }
      // Parts never read (pictures) count too: a file declaring gigabytes is not a notice, whatever it holds.
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.totalBytes) throw inflatedTooLarge(`超过 ${formatMegabytes(limits.totalBytes)}（全部内容的上限）`);
      if (read) entries.push(entry);
    }
    const parts = new Map<string, Uint8Array>();
    let inflatedTotal = 0;
    for (const entry of entries) {
      const cap = Math.min(entry.uncompressedSize, limits.partBytes, limits.totalBytes - inflatedTotal);
      const data = await inflateEntry(zip, entry, cap);
      inflatedTotal += data.byteLength;
      parts.set(entry.fileName, data);
    }
    return parts;
  } finally {
    zip.close();
  }
}

async function* readEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  try {
    yield* zip.eachEntry();
  } catch (error) {
    if (error instanceof NoticeFileError) throw error;
    throw new NoticeFileError('corrupt', CORRUPT);
  }
}

/**
 * One entry's bytes, refused as soon as the inflated output passes `cap` (what the entry declared, within
 * the limits): a stream inflates a chunk at a time, so a lying entry costs at most one chunk past its claim.
 */
async function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Uint8Array> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw new NoticeFileError('corrupt', CORRUPT);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > cap) {
        throw inflatedTooLarge(
          size > entry.uncompressedSize
            ? `的实际大小超过了文件自己声明的大小（“${entry.fileName}”声明 ${formatMegabytes(entry.uncompressedSize)}）`
            : `超过 ${formatMegabytes(NOTICE_LIMITS.docxInflatedBytes)}（全部内容的上限）`,
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof NoticeFileError) throw error;
    throw new NoticeFileError('corrupt', CORRUPT);
  } finally {
    // Stops the inflater at once when the loop ended early; a no-op after the last chunk.
    stream.destroy();
  }
  if (size !== entry.uncompressedSize) throw new NoticeFileError('corrupt', CORRUPT);
  return Buffer.concat(chunks, size);
}
