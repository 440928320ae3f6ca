import { setTimeout as sleep } from 'node:timers/promises';
import { Routes, type REST } from 'discord.js';
import type { APIChannel, APIMessage, APIUser } from 'discord-api-types/v10';
import {
  type DeliveryLane,
  type FallbackNote,
  type MessageSender,
  type OutgoingFile,
  type OutgoingMessage,
  type SendTarget,
  type SentMessage,
} from '../../ports.js';
import { toSendFailure } from '../delivery-failure.js';
import { LANE_HEADER } from './gated-request.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
/** In-process retries of a 5xx or a network error before the queue's own backoff takes over. */
const QUICK_RETRIES = 2;
/** Pages of 100 messages read back when looking for a marker. */
const HISTORY_PAGES = 5;

/** The smallest snowflake at an instant: messages after it were created after the instant. */
export function snowflakeAt(instant: Date): string {
  return ((BigInt(Math.max(0, instant.getTime())) - DISCORD_EPOCH) << 22n).toString();
}

/** MessageSender over Discord's REST API. Every request goes through the REST client's gated makeRequest. */
export class DiscordSender implements MessageSender {
  private readonly dmChannels = new Map<string, string>();
  private botUserId: Promise<string> | undefined;

  constructor(private readonly rest: REST) {}

  async send(target: SendTarget, message: OutgoingMessage, options: { lane: DeliveryLane; fallback: FallbackNote | null }): Promise<SentMessage> {
    const channelId = await this.channelOf(target, options.lane);
    // enforce_nonce: a second post with this nonce returns the first message instead of a new one.
    const { files, ...rendered } = message.render(options.fallback) as { files?: OutgoingFile[] } & Record<string, unknown>;
    const body = { ...rendered, nonce: message.nonce, enforce_nonce: true };
    const upload = files?.length ? { files: files.map((f) => ({ name: f.name, data: f.data })) } : {};
    const created = (await this.withQuickRetries(target, () =>
      this.rest.post(Routes.channelMessages(channelId), { body, ...upload, headers: { [LANE_HEADER]: options.lane } }),
    )) as APIMessage;
    return { channelId, messageId: created.id };
  }

  async findMarked(target: SendTarget, marker: string, since: Date): Promise<SentMessage | null> {
    const channelId = await this.channelOf(target, 'bulk');
    const self = await this.selfId();
    let after = snowflakeAt(since);
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const query = new URLSearchParams({ after, limit: '100' });
      const messages = (await this.withQuickRetries(target, () =>
        this.rest.get(Routes.channelMessages(channelId), { query, headers: { [LANE_HEADER]: 'bulk' } }),
      )) as APIMessage[];
      const found = messages.find((m) => m.author.id === self && m.embeds.some((e) => e.footer?.text.includes(marker)));
      if (found) return { channelId, messageId: found.id };
      if (messages.length < 100) return null;
      after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
    }
    return null;
  }

  /** Opens (or reuses) the DM channel with a person. */
  private async channelOf(target: SendTarget, lane: DeliveryLane): Promise<string> {
    if (target.kind === 'channel') return target.channelId;
    const cached = this.dmChannels.get(target.userId);
    if (cached) return cached;
    const channel = (await this.withQuickRetries(target, () =>
      this.rest.post(Routes.userChannels(), { body: { recipient_id: target.userId }, headers: { [LANE_HEADER]: lane } }),
    )) as APIChannel;
    this.dmChannels.set(target.userId, channel.id);
    return channel.id;
  }

  private selfId(): Promise<string> {
    this.botUserId ??= (this.rest.get(Routes.user()) as Promise<APIUser>).then((user) => user.id);
    return this.botUserId;
  }

  private async withQuickRetries<T>(target: SendTarget, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const failure = toSendFailure(error, target);
        if (failure.permanent || attempt >= QUICK_RETRIES) throw failure;
        // Exponential backoff with full jitter: 0–250 ms, then 0–500 ms.
        await sleep(Math.random() * 250 * 2 ** attempt);
      }
    }
  }
}
