import { decodeText, looksBinary, looksGarbled } from './decode-text.js';
import { sniffBytes } from './sniff-bytes.js';
import { htmlToText } from './html-to-text.js';
import { MAX_NOTICE_FILE_BYTES, NoticeFileError } from './notice-file-error.js';
import { NOTICE_LIMITS, tooLongMessage } from './notice-limits.js';
import { readDocx } from './read-docx.js';
import { readPdf } from './read-pdf.js';

export type NoticeFileKind = 'text' | 'docx' | 'pdf' | 'html';

export interface NoticeFileText {
  kind: NoticeFileKind;
  text: string;
}

const MESSAGES = {
  binary: '无法识别的文件格式。请上传 .txt、.docx、.pdf 或网页（.html）文件，或直接把文字粘贴进来。',
  legacyOffice: '这是旧版 Word（.doc）或 Excel 文件，暂不支持。请在 Word 中“另存为”.docx 后再上传，或直接把文字粘贴进来。',
  spreadsheet: '这是 Excel 表格文件，暂不支持。请把表格复制到 Word 另存为 .docx，或直接把表格内容粘贴进来。',
  image: '这是图片文件，没有可读取的文字。请上传 Word 版或可以复制文字的 PDF，或把文字直接粘贴进来。',
  encryptedOffice: '文件已加密（设置了打开密码），无法读取。请在 Word 中取消密码后另存一份再上传，或直接把文字粘贴进来。',
  empty: '文件是空的，没有可读取的文字。请检查是否选错了文件。',
} as const;

/**
 * Reads an uploaded notice into text. The type is decided by the content (magic bytes, HTML sniffing, encoding
 * detection); the file name is only a hint for HTML. Every failure is a NoticeFileError with a stable code.
 */
export async function readNoticeFile(bytes: Uint8Array, filename?: string): Promise<NoticeFileText> {
  if (bytes.length > MAX_NOTICE_FILE_BYTES) {
    const size = (bytes.length / 1024 / 1024).toFixed(1);
    throw new NoticeFileError('too_large', `文件有 ${size} MB，超过 10 MB 的上限，无法导入。请只上传工作要点正文（删去图片或附件），或直接把文字粘贴进来。`);
  }
  if (bytes.length === 0) throw new NoticeFileError('empty', MESSAGES.empty);

  const sniffed = await sniffBytes(bytes);
  if (sniffed?.kind === 'pdf') return { kind: 'pdf', text: checkLength(await readPdf(sniffed.start === 0 ? bytes : bytes.subarray(sniffed.start))) };
  if (sniffed?.kind === 'zip') return { kind: 'docx', text: checkLength(await readZip(bytes)) };
  if (sniffed?.kind === 'ole') {
    // Office encrypts .docx by wrapping it in an OLE container with an "EncryptedPackage" stream.
    if (containsUtf16(bytes, 'EncryptedPackage')) throw new NoticeFileError('encrypted', MESSAGES.encryptedOffice);
    throw new NoticeFileError('binary', MESSAGES.legacyOffice);
  }
  if (sniffed?.kind === 'image') throw new NoticeFileError('no_text_layer', MESSAGES.image);
  if (looksBinary(bytes)) throw new NoticeFileError('binary', MESSAGES.binary);

  const declared = sniffDeclaredCharset(bytes);
  const { text } = decodeText(bytes, declared);
  if (looksGarbled(text)) throw new NoticeFileError('binary', MESSAGES.binary);
  if (text.startsWith('{\\rtf')) throw new NoticeFileError('binary', '这是 RTF 文件，暂不支持。请在 Word 中“另存为”.docx 后再上传，或直接把文字粘贴进来。');
  const kind: NoticeFileKind = looksLikeHtml(text, filename) ? 'html' : 'text';
  const result = kind === 'html' ? htmlToText(text) : text.replace(/^\uFEFF/, '');
  if (result.trim() === '') throw new NoticeFileError('empty', MESSAGES.empty);
  return { kind, text: checkLength(result) };
}

function checkLength(text: string): string {
  if (text.length > NOTICE_LIMITS.chars) throw new NoticeFileError('too_long', tooLongMessage(text.length));
  return text;
}

async function readZip(bytes: Uint8Array): Promise<string> {
  // Entry names are stored uncompressed in a zip, so the package type shows in the raw bytes.
  if (containsAscii(bytes, 'word/document')) {
    const text = await readDocx(bytes);
    if (text.trim() === '') throw new NoticeFileError('empty', '这个 .docx 文件里没有文字。请检查是否选错了文件，或文字是否以图片形式插入。');
    return text;
  }
  if (containsAscii(bytes, 'xl/workbook')) throw new NoticeFileError('binary', MESSAGES.spreadsheet);
  if (containsAscii(bytes, '[Content_Types].xml')) throw new NoticeFileError('binary', MESSAGES.binary);
  // A zip that should have been a .docx but has lost its directory.
  throw new NoticeFileError('corrupt', '文件已损坏或不是有效的 .docx，无法打开。请在 Word 中打开后重新“另存为”.docx 再上传，或直接粘贴文字。');
}

function containsUtf16(bytes: Uint8Array, needle: string): boolean {
  return contains(bytes, needle, 'utf16le');
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return contains(bytes, needle, 'latin1');
}

function contains(bytes: Uint8Array, needle: string, encoding: BufferEncoding): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(needle, encoding));
}

/** <meta charset="gb2312"> or http-equiv content="…charset=gbk": read from the raw bytes before decoding. */
function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return match?.[1] ?? null;
}

function looksLikeHtml(text: string, filename?: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<?xml') && head.includes('<html'))) return true;
  const tags = head.match(/<\/?(?:html|head|body|div|p|span|table|tr|td|br|meta|title|h[1-6]|ul|li|a)\b[^>]*>/g)?.length ?? 0;
  if (/\.x?html?$/i.test(filename ?? '')) return tags > 0;
  return tags >= 3 && head.startsWith('<');
}
