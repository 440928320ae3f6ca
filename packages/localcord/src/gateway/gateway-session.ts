import { GatewayOpcodes } from 'discord-api-types/v10';
import WebSocket from 'ws';
import type { DispatchEvent } from '../world/dispatch.js';
import { shardOfGuild, type ShardSpec } from './shards.js';

const REPLAY_BUFFER = 5000;

interface SentDispatch {
  s: number;
  text: string;
}

/** One identified gateway session: its intents, its shard, sequence numbers and the events a RESUME replays. */
export class GatewaySession {
  private seq = 0;
  private readonly sent: SentDispatch[] = [];
  socket: WebSocket | null = null;

  constructor(
    readonly id: string,
    readonly intents: number,
    /** Fixed at IDENTIFY; a RESUME continues the same session, so it keeps the shard. */
    readonly shard: ShardSpec,
  ) {}

  /** Whether this session receives the events of a guild (null: DMs, which go to shard 0). */
  owns(guildId: string | null): boolean {
    return shardOfGuild(guildId, this.shard[1]) === this.shard[0];
  }

  get sequence(): number {
    return this.seq;
  }

  dispatch(event: DispatchEvent): void {
    this.seq += 1;
    const text = JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event.t, d: event.d ?? null, s: this.seq });
    this.sent.push({ s: this.seq, text });
    if (this.sent.length > REPLAY_BUFFER) this.sent.shift();
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  /** Sends, on a fresh socket, everything after `seq`; false when those events are no longer kept. */
  replayAfter(seq: number, socket: WebSocket): boolean {
    const oldest = this.sent[0];
    if (seq < this.seq && oldest !== undefined && oldest.s > seq + 1) return false;
    this.socket = socket;
    for (const entry of this.sent) if (entry.s > seq) socket.send(entry.text);
    return true;
  }
}
