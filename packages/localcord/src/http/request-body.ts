import type { IncomingMessage } from 'node:http';
import { DiscordError } from '../errors.js';
import type { UploadedFile } from '../world/attachments.js';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export async function readRequestBody(request: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(request);
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  if (contentType.startsWith('application/json') || contentType === '') return { body: parseJson(raw.toString('utf8')), files: [] };
  throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw new DiscordError(413, 40005, 'Request entity too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
  }
}

/**
 * discord.js sends `payload_json` plus `files[n]` parts. The fetch API's own multipart parser
 * (undici, built into Node) reads them, so no extra dependency is needed.
 */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Request('http://localcord.invalid/', { method: 'POST', body: raw, headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new DiscordError(400, 50035, 'Invalid Form Body');
  }
  let body: unknown;
  const files: UploadedFile[] = [];
  const loose: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name === 'payload_json') body = parseJson(value);
      continue;
    }
    const file: UploadedFile = { filename: value.name, bytes: Buffer.from(await value.arrayBuffer()), contentType: value.type || 'application/octet-stream' };
    const index = /^files\[(\d+)\]$/.exec(name)?.[1];
    if (index === undefined) loose.push(file);
    else files[Number(index)] = file;
  }
  // `files` keeps the `files[n]` positions (attachments refer to them by index); other parts follow.
  files.push(...loose);
  return { body, files };
}
