import { UserError } from '../errors.js';

/** Fetches an attachment's bytes from the CDN, refusing files over the limit before downloading them. */
export async function downloadAttachment(attachment: { name: string; url: string; size: number }, maxBytes: number): Promise<Uint8Array> {
  if (attachment.size > maxBytes) {
    throw new UserError(
      'file_too_large',
      `文件“${attachment.name}”有 ${(attachment.size / 1024 / 1024).toFixed(1)} MB,超过 ${maxBytes / 1024 / 1024} MB 的上限。请压缩或拆分后重试。`,
    );
  }
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new UserError('download_failed', `无法下载文件“${attachment.name}”,请稍后重新上传。`);
  }
  if (!response.ok) throw new UserError('download_failed', `无法下载文件“${attachment.name}”(HTTP ${response.status}),请重新上传。`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new UserError('file_too_large', `文件“${attachment.name}”超过 ${maxBytes / 1024 / 1024} MB 的上限。`);
  return bytes;
}
