import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type ApplicationFlags,
  type GatewayGuildMembersChunkDispatchData,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import WebSocket, { WebSocketServer } from 'ws';
import type { Dispatch } from '../world/dispatch.js';
import { serializeGuildCreate, serializeMember, serializeUser } from '../world/serialize.js';
import type { World } from '../world/world.js';
import { GatewaySession } from './gateway-session.js';
import { eventForSession } from './intents.js';
import { MAX_GUILDS_PER_SHARD, parseShardSpec } from './shards.js';

export const HEARTBEAT_INTERVAL_MS = 41_250;

export interface GatewayDeps {
  world: World;
  botToken: string;
  applicationId: string;
  /** `ws://127.0.0.1:PORT`, known once the HTTP server listens. */
  url: () => string;
}

interface ClientFrame {
  op: number;
  d: unknown;
}

/**
 * The gateway on the HTTP server's upgrade: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats,
 * RESUME with replay of what a dropped connection missed, and dispatches filtered by intents and
 * routed by shard: a guild's events go only to the session whose shard owns the guild.
 */
export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  private resumed = 0;
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly deps: GatewayDeps) {
    deps.world.on('dispatch', (dispatch) => this.broadcast(dispatch));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  /** Cuts every connection as a network failure would; sessions stay resumable. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Sessions continued with RESUME (each after a dropped connection). */
  get resumeCount(): number {
    return this.resumed;
  }

  get connectionCount(): number {
    return [...this.sockets].filter((socket) => socket.readyState === WebSocket.OPEN).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    let session: GatewaySession | null = null;
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      if (session?.socket === socket) {
        session.socket = null;
        // A clean close ends the session; anything else (a drop, 4200 "resuming") keeps it resumable.
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
    });
    socket.on('message', (data) => {
      const frame = parseFrame(data);
      if (!frame) {
        socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      switch (frame.op) {
        case GatewayOpcodes.Heartbeat:
          socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
          return;
        case GatewayOpcodes.Identify:
          if (session) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'You sent more than one identify payload.');
          session = this.identify(socket, frame.d);
          return;
        case GatewayOpcodes.Resume:
          if (session) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'You sent more than one identify payload.');
          session = this.resume(socket, frame.d);
          return;
        case GatewayOpcodes.RequestGuildMembers:
          if (session) this.sendMemberChunk(session, frame.d);
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          return;
        default:
          socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } }));
  }

  private identify(socket: WebSocket, data: unknown): GatewaySession | null {
    const identify = data as { token?: unknown; intents?: unknown; shard?: unknown };
    if (!this.tokenMatches(identify.token)) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    if (typeof identify.intents !== 'number' || !Number.isInteger(identify.intents) || identify.intents < 0) {
      socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return null;
    }
    const shard = parseShardSpec(identify.shard);
    if (!shard) {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    const session = new GatewaySession(randomBytes(16).toString('hex'), identify.intents, shard);
    const { world } = this.deps;
    const guilds = [...world.guilds.values()].filter((guild) => guild.members.has(world.botUser.id) && session.owns(guild.id));
    if (guilds.length > MAX_GUILDS_PER_SHARD) {
      socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return null;
    }
    session.socket = socket;
    this.sessions.set(session.id, session);
    const ready = {
      v: 10,
      user: serializeUser(world.botUser),
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.deps.url(),
      shard: [...shard],
      // No application flags are set; the enum has no member for 0.
      application: { id: this.deps.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    } satisfies GatewayReadyDispatchData;
    session.dispatch({ t: GatewayDispatchEvents.Ready, d: ready });
    if ((session.intents & GatewayIntentBits.Guilds) !== 0) {
      for (const guild of guilds) session.dispatch({ t: GatewayDispatchEvents.GuildCreate, d: serializeGuildCreate(world.guildSnapshot(guild)) });
    }
    return session;
  }

  private resume(socket: WebSocket, data: unknown): GatewaySession | null {
    const resume = data as { token?: unknown; session_id?: unknown; seq?: unknown };
    if (!this.tokenMatches(resume.token)) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const session = typeof resume.session_id === 'string' ? this.sessions.get(resume.session_id) : undefined;
    const seq = typeof resume.seq === 'number' ? resume.seq : 0;
    if (!session || !session.replayAfter(seq, socket)) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return null;
    }
    session.dispatch({ t: GatewayDispatchEvents.Resumed, d: undefined });
    this.resumed += 1;
    return session;
  }

  private sendMemberChunk(session: GatewaySession, data: unknown): void {
    const request = data as { guild_id?: unknown; user_ids?: unknown; query?: unknown; limit?: unknown; nonce?: unknown };
    const guild = typeof request.guild_id === 'string' ? this.deps.world.guilds.get(request.guild_id) : undefined;
    if (!guild) return;
    const wanted = request.user_ids === undefined ? null : new Set([request.user_ids].flat().map(String));
    const query = typeof request.query === 'string' ? request.query.toLowerCase() : '';
    const limit = typeof request.limit === 'number' && request.limit > 0 ? request.limit : Number.POSITIVE_INFINITY;
    const members = [...guild.members.values()]
      .map((member) => ({ member, user: this.deps.world.requireUser(member.userId) }))
      .filter(({ user }) => (wanted ? wanted.has(user.id) : user.username.toLowerCase().startsWith(query)))
      .slice(0, limit)
      .map(({ member, user }) => serializeMember(member, user));
    const chunk = {
      guild_id: guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(typeof request.nonce === 'string' ? { nonce: request.nonce } : {}),
      ...(wanted ? { not_found: [...wanted].filter((id) => !guild.members.has(id)) } : {}),
    } satisfies GatewayGuildMembersChunkDispatchData;
    session.dispatch({ t: GatewayDispatchEvents.GuildMembersChunk, d: chunk });
  }

  private broadcast(dispatch: Dispatch): void {
    for (const session of this.sessions.values()) {
      if (!session.owns(dispatch.guildId)) continue;
      const event = eventForSession(dispatch, session.intents, this.deps.world.botUser.id);
      if (event) session.dispatch(event);
    }
  }

  private tokenMatches(token: unknown): boolean {
    return token === this.deps.botToken || token === `Bot ${this.deps.botToken}`;
  }
}

function parseFrame(data: WebSocket.RawData): ClientFrame | null {
  try {
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const frame = JSON.parse(text) as unknown;
    if (typeof frame !== 'object' || frame === null || typeof (frame as { op?: unknown }).op !== 'number') return null;
    return frame as ClientFrame;
  } catch {
    return null;
  }
}
