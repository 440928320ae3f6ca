import { UserError } from '../errors.js';
import { findPdfHeader, isExecutable, isImage, isOleContainer, isZip } from './sniff-bytes.js';

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
  matches(bytes: Uint8Array): boolean;
}

const officeFile = (bytes: Uint8Array) => isZip(bytes) || isOleContainer(bytes);

/** Kinds whose first bytes are known: a file that claims one of them, by name or content type, must start like it. */
const claimedKinds: readonly ClaimedKind[] = [
  { label: ' PDF 文件', extensions: ['pdf'], contentTypes: ['application/pdf'], matches: (bytes) => findPdfHeader(bytes) !== -1 },
  {
    label: ' Word 文件',
    extensions: ['doc', 'docx', 'wps'],
    contentTypes: ['application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    matches: officeFile,
  },
  {
    label: ' Excel 表格',
    extensions: ['xls', 'xlsx', 'et'],
    contentTypes: ['application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    matches: officeFile,
  },
  {
    label: ' PowerPoint 文件',
    extensions: ['ppt', 'pptx', 'dps'],
    contentTypes: ['application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    matches: officeFile,
  },
  {
    label: '图片',
    extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'tif', 'tiff'],
    contentTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff'],
    matches: isImage,
  },
  { label: ' ZIP 压缩包', extensions: ['zip'], contentTypes: ['application/zip', 'application/x-zip-compressed'], matches: isZip },
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
 * video…) are taken as they come.
 */
export function checkEvidenceFile(file: EvidenceFile): void {
  const name = `附件“${file.filename}”`;
  if (file.bytes.byteLength === 0) throw new UserError('evidence_empty', `${name}是空文件,请检查是否选错了文件后重新上传。`);
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  const contentType = file.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isExecutable(file.bytes) || programExtensions.has(extension) || programContentTypes.has(contentType)) {
    throw new UserError('evidence_program', `${name}是可执行程序,不能作为佐证材料。请上传文档、表格、图片或 PDF。`);
  }
  for (const kind of claimedKinds) {
    const claimed = kind.extensions.includes(extension) || kind.contentTypes.includes(contentType);
    if (claimed && !kind.matches(file.bytes)) {
      throw new UserError('evidence_mismatch', `${name}不是有效的${kind.label}:内容与文件类型不符,可能改过扩展名或已损坏。请上传原文件。`);
    }
  }
}
