import type { APIAttachment } from 'discord-api-types/v10';
import type { IdGenerator } from '../ids.js';
import type { StoredAttachment } from './records.js';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
  contentType?: string;
}

/** Every uploaded file, kept in memory and served from `<origin>/attachments/<scope>/<id>/<filename>`. */
export class AttachmentStore {
  private readonly byId = new Map<string, StoredAttachment>();

  constructor(
    private readonly origin: () => string,
    private readonly nextId: IdGenerator,
  ) {}

  /** `scope` is the channel id for message attachments, or `ephemeral` for interaction uploads. */
  put(scope: string, file: UploadedFile): StoredAttachment {
    const id = this.nextId();
    // Discord turns spaces into underscores in attachment names.
    const filename = file.filename.replace(/\s/g, '_') || 'unknown';
    const stored: StoredAttachment = {
      id,
      filename,
      contentType: file.contentType ?? 'application/octet-stream',
      bytes: file.bytes,
      url: `${this.origin()}/attachments/${scope}/${id}/${encodeURIComponent(filename)}`,
    };
    this.byId.set(id, stored);
    return stored;
  }

  get(id: string): StoredAttachment | undefined {
    return this.byId.get(id);
  }

  toApi(stored: StoredAttachment, extra: { description?: string; title?: string; ephemeral?: boolean } = {}): APIAttachment {
    return {
      id: stored.id,
      filename: stored.filename,
      size: stored.bytes.length,
      url: stored.url,
      proxy_url: stored.url,
      content_type: stored.contentType,
      ...(extra.title === undefined ? {} : { title: extra.title }),
      ...(extra.description === undefined ? {} : { description: extra.description }),
      ...(extra.ephemeral ? { ephemeral: true } : {}),
    };
  }
}
