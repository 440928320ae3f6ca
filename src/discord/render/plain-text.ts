import { escapeMarkdown } from 'discord.js';
import { truncate } from './pager.js';

/** Direction overrides, embeddings and isolates: in a line the bot shows, they could make it read backwards. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * What a person wrote, shown inside the bot's message as plain text: on one line, bounded, no markdown,
 * no masked links, no direction overrides. Mentions in it never ping (every message sets allowed mentions).
 */
export function plainText(text: string, max: number): string {
  // escapeMarkdown leaves [label](url) alone; escaping the brackets keeps it from becoming a link.
  return escapeMarkdown(truncate(text.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' '), max)).replace(/[[\]]/g, '\\$&');
}
