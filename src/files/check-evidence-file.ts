import { UserError } from '../errors.js';
import { sniffBytes, type SniffedKind } from './sniff-bytes.js';

/** Evidence files larger than this are refused before downloading (the progress form says 20 MB). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export interface EvidenceFile {
  filename: string;
  contentType: string | null;
  bytes: Uint8Array;
}

interface ClaimedKind {
  /** Follows "不是有效的" in the message. */
  label: string;
  extensions: readonly string[];
  contentTypes: readonly string[];
  /** What its bytes may be. */
  kinds: readonly SniffedKind[];
}

const officeFile: readonly SniffedKind[] = ['zip', 'ole'];

/** Kinds whose first bytes are known: a file that claims one of them, by name or content type, must start like it. */
const claimedKinds: readonly ClaimedKind[] = [
  { label: ' PDF 文件', extensions: ['pdf'], contentTypes: ['application/pdf'], kinds: ['pdf'] },
  {
    label: ' Word 文件',
    extensions: ['doc', 'docx', 'wps'],
    contentTypes: ['application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    kinds: officeFile,
  },
  {
    label: ' Excel 表格',
    extensions: ['xls', 'xlsx', 'et'],
    contentTypes: ['application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    kinds: officeFile,
  },
  {
    label: ' PowerPoint 文件',
    extensions: ['ppt', 'pptx', 'dps'],
    contentTypes: ['application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    kinds: officeFile,
  },
  {
    label: '图片',
    extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'tif', 'tiff'],
    contentTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff'],
    kinds: ['image'],
  },
  { label: ' ZIP 压缩包', extensions: ['zip'], contentTypes: ['application/zip', 'application/x-zip-compressed'], kinds: ['zip'] },
];

const programExtensions = new Set(['exe', 'dll', 'com', 'scr', 'msi', 'bat', 'cmd', 'ps1', 'vbs', 'sh', 'jar', 'apk', 'app']);
const programContentTypes = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/x-sh',
]);

/**
 * A liaison's evidence file checked before it is stored: not empty, not a program, and what its name
 * and content type claim (PDF, Office, picture, zip) is what its bytes are. Other kinds (text, CSV,
 * video…) are taken as they come. Resolves to the file itself, so that a caller cannot use it unchecked.
 */
export async function checkedEvidenceFile<File extends EvidenceFile>(file: File): Promise<File> {
  const name = `附件“${file.filename}”`;
  if (file.bytes.byteLength === 0) throw new UserError('evidence_empty', `${name}是空文件,请检查是否选错了文件后重新上传。`);
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  const contentType = file.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const sniffed = await sniffBytes(file.bytes);
  if (sniffed?.kind === 'program' || programExtensions.has(extension) || programContentTypes.has(contentType)) {
    throw new UserError('evidence_program', `${name}是可执行程序,不能作为佐证材料。请上传文档、表格、图片或 PDF。`);
  }
  for (const kind of claimedKinds) {
    const claimed = kind.extensions.includes(extension) || kind.contentTypes.includes(contentType);
    if (claimed && !(sniffed && kind.kinds.includes(sniffed.kind))) {
      throw new UserError('evidence_mismatch', `${name}不是有效的${kind.label}:内容与文件类型不符,可能改过扩展名或已损坏。请上传原文件。`);
    }
  }
  return file;
}
