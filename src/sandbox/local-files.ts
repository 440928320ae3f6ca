import { readFileSync, statSync } from 'node:fs';
import nodePath from 'node:path';
import { checkedEvidenceFile, MAX_EVIDENCE_BYTES } from '../files/index.js';
import type { AttachmentInput } from 'localcord';

/** Discord's own upload limit for a bot's server without boosts; the bot applies its own, lower ones. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * A local file the person names, read as Discord's client would upload it: the path must be a file
 * that exists and is not larger than `maxBytes`. Problems are told in Chinese, naming the path typed.
 */
export function readLocalUpload(raw: string, options: { cwd?: string; maxBytes?: number } = {}): AttachmentInput {
  const typed = raw.trim();
  const file = nodePath.resolve(options.cwd ?? process.cwd(), typed);
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error(`“${typed}”不是文件(是一个目录)。请给出文件的路径。`);
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`找不到文件“${typed}”(按 ${file} 查找)。请检查路径后重新输入。`, { cause: error });
    if ((error as NodeJS.ErrnoException).code === 'EACCES') throw new Error(`没有权限读取文件“${typed}”。`, { cause: error });
    throw error;
  }
  if (size > maxBytes) throw new Error(`文件“${typed}”有 ${megabytes(size)},超过 ${megabytes(maxBytes)} 的上限。请压缩或拆分后重试。`);
  return { filename: nodePath.basename(file), bytes: readFileSync(file) };
}

/**
 * The files of a form's upload field: paths separated by commas (a path may hold spaces), or nothing for no file.
 * Each is read and checked as the bot checks evidence, so a bad path is caught while the other answers are kept.
 */
export async function readEvidencePaths(answer: string, options: { cwd?: string; maxFiles: number }): Promise<AttachmentInput[]> {
  const paths = answer
    .split(/[,，]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paths.length > options.maxFiles) throw new Error(`最多只能附 ${options.maxFiles} 个文件,你给了 ${paths.length} 个。`);
  const files: AttachmentInput[] = [];
  // One at a time: the first bad path is the one the person is told about.
  for (const p of paths) {
    const file = readLocalUpload(p, { ...(options.cwd ? { cwd: options.cwd } : {}), maxBytes: MAX_EVIDENCE_BYTES });
    await checkedEvidenceFile({ filename: file.filename, contentType: null, bytes: file.bytes as Uint8Array });
    files.push(file);
  }
  return files;
}
