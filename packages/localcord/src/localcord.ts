import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Locale, type APIApplicationCommand, type APIMessage, type RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { handleFor, type ActorDeps } from './actors/actor-context.js';
import { runAutocomplete, runSlashCommand, type AutocompleteInput, type SlashCommandInput } from './actors/command-actions.js';
import { clickButton, forgeButton, selectMenu, type ButtonClickInput, type SelectInput } from './actors/component-actions.js';
import { sendUserDm, sendUserMessage, type UserDmInput, type UserMessageInput } from './actors/message-actions.js';
import { submitModal, type ModalSubmitInput } from './actors/modal-actions.js';
import { CommandRegistry } from './commands/command-registry.js';
import { GatewayServer } from './gateway/gateway-server.js';
import { FaultInjector, type FaultSpec } from './http/faults.js';
import { HttpServer } from './http/http-server.js';
import { RateLimiter } from './http/rate-limiter.js';
import { RequestLog } from './http/request-log.js';
import { Router } from './http/router.js';
import { createIdGenerator } from './ids.js';
import type { InteractionHandle } from './interactions/interaction-handle.js';
import { InteractionService } from './interactions/interaction-service.js';
import { MessageComposer } from './messages/compose-message.js';
import { NonceCache } from './messages/nonce-cache.js';
import { applicationRoutes } from './routes/application.routes.js';
import { channelRoutes } from './routes/channel.routes.js';
import { gatewayRoutes } from './routes/gateway.routes.js';
import { guildRoutes } from './routes/guild.routes.js';
import { interactionRoutes, webhookRoutes } from './routes/interaction.routes.js';
import type { RouteDeps } from './routes/route-deps.js';
import { userRoutes } from './routes/user.routes.js';
import { AttachmentStore } from './world/attachments.js';
import { dispatchMessageEvents } from './world/message-events.js';
import type { StoredMessage, SupportedChannelType } from './world/records.js';
import { World, type MessageChange, type NewGuild } from './world/world.js';
import type { LocalChannel, LocalGuild, LocalMember, LocalRole, LocalUser, LocalcordEvents, LocalcordOptions, MessageEvent } from './public-types.js';

/** Where `stableIds` mints from: a fixed instant in Discord's past (2025-01-01T00:00:00Z). */
const STABLE_ID_TIME = Date.UTC(2025, 0, 1);

/** A Discord-compatible server on 127.0.0.1 for the real discord.js client, plus the controls a test or the sandbox needs. */
export class Localcord extends EventEmitter<LocalcordEvents> {
  readonly applicationId: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly requests = new RequestLog();
  /** Errors thrown inside the server itself (bugs), answered to the bot as 500. */
  readonly serverErrors: unknown[] = [];

  private readonly world: World;
  private readonly attachments: AttachmentStore;
  private readonly commandRegistry: CommandRegistry;
  private readonly interactions: InteractionService;
  private readonly composer: MessageComposer;
  private readonly faults = new FaultInjector();
  private readonly http: HttpServer;
  private readonly gateway: GatewayServer;
  private readonly actorDeps: ActorDeps;
  private readonly submittedModals = new Set<string>();
  private idsPinned: boolean;

  private constructor(options: LocalcordOptions) {
    super();
    const clock = options.clock ?? Date.now;
    this.idsPinned = options.stableIds ?? false;
    const nextId = createIdGenerator(() => (this.idsPinned ? STABLE_ID_TIME : clock()));
    const strict = options.strictLimits ?? true;
    this.applicationId = options.applicationId ?? nextId();
    this.botToken = options.botToken ?? `${Buffer.from(this.applicationId).toString('base64url')}.localcord.${randomBytes(18).toString('base64url')}`;
    this.botUserId = this.applicationId;
    this.world = new World(clock, nextId, {
      id: this.botUserId,
      username: options.botUsername ?? 'duban',
      globalName: null,
      bot: true,
      blocksDms: false,
      locale: Locale.ChineseCN,
    });
    dispatchMessageEvents(this.world);
    this.attachments = new AttachmentStore(() => this.http.origin, nextId);
    this.commandRegistry = new CommandRegistry(this.applicationId, nextId);
    this.composer = new MessageComposer(this.world, this.attachments);
    this.interactions = new InteractionService(this.world, this.composer, strict);
    this.actorDeps = {
      world: this.world,
      commands: this.commandRegistry,
      interactions: this.interactions,
      composer: this.composer,
      attachments: this.attachments,
      log: this.requests,
      applicationId: this.applicationId,
      strictTiming: strict,
    };
    const routeDeps: RouteDeps = {
      world: this.world,
      commands: this.commandRegistry,
      interactions: this.interactions,
      composer: this.composer,
      nonces: new NonceCache(clock),
      applicationId: this.applicationId,
      gatewayUrl: () => this.gatewayUrl,
      sharding: {
        recommendedShards: positiveInteger(options.recommendedShards ?? 1, 'recommendedShards'),
        maxConcurrency: positiveInteger(options.maxConcurrency ?? 1, 'maxConcurrency'),
      },
    };
    const router = new Router();
    router.add(
      ...gatewayRoutes(routeDeps),
      ...interactionRoutes(routeDeps),
      ...webhookRoutes(routeDeps),
      ...channelRoutes(routeDeps),
      ...userRoutes(routeDeps),
      ...guildRoutes(routeDeps),
      ...applicationRoutes(routeDeps),
    );
    this.gateway = new GatewayServer({ world: this.world, botToken: this.botToken, applicationId: this.applicationId, url: () => this.gatewayUrl });
    this.http = new HttpServer({
      router,
      log: this.requests,
      limiter: new RateLimiter(clock),
      faults: this.faults,
      attachments: this.attachments,
      clock,
      botToken: this.botToken,
      onUpgrade: (request, socket, head) => this.gateway.handleUpgrade(request, socket, head),
      onServerError: (error, request) => {
        this.serverErrors.push(error);
        console.error(`localcord: ${request.method} ${request.path} failed inside the server`, error);
        this.emit('serverError', error);
      },
    });
    this.requests.onRecord((entry) => this.emit('request', entry));
    this.world.on('message', (change, message) => this.emit('message', this.messageEvent(change, message)));
    this.interactions.on('response', (record, callback) =>
      this.emit('interactionResponse', { interactionId: record.id, userId: record.userId, type: callback.type, data: callback.data, at: callback.at }),
    );
  }

  static async start(options: LocalcordOptions = {}): Promise<Localcord> {
    const localcord = new Localcord(options);
    await localcord.http.listen(options.port ?? 0);
    return localcord;
  }

  /** `http://127.0.0.1:PORT/api`: pass as `new Client({ rest: { api } })`. */
  get apiBase(): string {
    return `${this.http.origin}/api`;
  }

  get origin(): string {
    return this.http.origin;
  }

  get gatewayUrl(): string {
    return this.http.origin.replace(/^http/, 'ws');
  }

  /** Open gateway connections right now. */
  get gatewayConnections(): number {
    return this.gateway.connectionCount;
  }

  /** How many times a client continued its session with RESUME (replaying what it missed). */
  get gatewayResumes(): number {
    return this.gateway.resumeCount;
  }

  // The world

  /**
   * A guild with @everyone, the bot's managed role, the bot and the owner as members, and a "general" channel.
   * `shard: [id, count]` gives it an id that a bot connecting with `count` shards receives on shard `id`.
   */
  createGuild(input: NewGuild): LocalGuild {
    const guild = this.world.createGuild(input);
    const botRoleId = [...guild.roles.values()].find((role) => role.botId === this.botUserId)?.id ?? guild.id;
    return { id: guild.id, name: guild.name, ownerId: guild.ownerId, everyoneRoleId: guild.id, botRoleId, defaultChannelId: guild.channelIds[0] ?? '' };
  }

  createChannel(guildId: string, input: { name: string; type?: SupportedChannelType; topic?: string; parentId?: string }): LocalChannel {
    const channel = this.world.createChannel(guildId, input);
    return { id: channel.id, guildId: channel.guildId, name: channel.name, type: channel.type };
  }

  createUser(input: { username: string; globalName?: string; bot?: boolean; blocksDms?: boolean; locale?: Locale }): LocalUser {
    const user = this.world.createUser(input);
    return { id: user.id, username: user.username, bot: user.bot };
  }

  createRole(guildId: string, input: { name: string; permissions?: bigint; color?: number; mentionable?: boolean }): LocalRole {
    const role = this.world.createRole(guildId, input);
    return { id: role.id, guildId: role.guildId, name: role.name, permissions: role.permissions };
  }

  /**
   * Makes a user a member (or replaces an existing member's roles). `permissions` is granted
   * through a role of its own, so discord.js computes the same permissions the server does.
   */
  addMember(guildId: string, userId: string, options: { roles?: string[]; permissions?: bigint } = {}): LocalMember {
    const roles = [...(options.roles ?? [])];
    if (options.permissions !== undefined) {
      const user = this.world.requireUser(userId);
      roles.push(this.world.createRole(guildId, { name: `${user.username} permissions`, permissions: options.permissions }).id);
    }
    const member = this.world.setMember(guildId, userId, roles);
    return { guildId: member.guildId, userId: member.userId, roleIds: [...member.roleIds] };
  }

  /** The DM channel between the bot and a user (created on first use). */
  dmChannelId(userId: string): string {
    return this.world.dmChannelFor(userId).id;
  }

  // Application commands

  /** Registers commands directly, as a deploy would (global without guildId); replaces the previous set. */
  registerCommands(commands: readonly RESTPostAPIApplicationCommandsJSONBody[], guildId?: string): APIApplicationCommand[] {
    if (guildId !== undefined) this.world.requireGuild(guildId);
    return this.commandRegistry.overwrite(guildId ?? null, commands);
  }

  commands(guildId?: string): APIApplicationCommand[] {
    return this.commandRegistry.list(guildId ?? null);
  }

  // Acting as users

  runSlashCommand(input: SlashCommandInput): InteractionHandle {
    return runSlashCommand(this.actorDeps, input);
  }

  runAutocomplete(input: AutocompleteInput): InteractionHandle {
    return runAutocomplete(this.actorDeps, input);
  }

  clickButton(input: ButtonClickInput): InteractionHandle {
    return clickButton(this.actorDeps, input);
  }

  selectMenu(input: SelectInput): InteractionHandle {
    return selectMenu(this.actorDeps, input);
  }

  /** A button press with a custom id that is not on the message (see forgeButton): for testing the bot's checks. */
  forgeButton(input: ButtonClickInput): InteractionHandle {
    return forgeButton(this.actorDeps, input);
  }

  submitModal(input: ModalSubmitInput): InteractionHandle {
    return submitModal(this.actorDeps, input, this.submittedModals);
  }

  sendMessage(input: UserMessageInput): APIMessage {
    return sendUserMessage(this.actorDeps, input);
  }

  sendDm(input: UserDmInput): APIMessage {
    return sendUserDm(this.actorDeps, input);
  }

  /** The handle of an interaction by id, e.g. one seen in an 'interactionResponse' event. */
  interaction(id: string): InteractionHandle | undefined {
    const record = this.interactions.get(id);
    return record ? handleFor(this.actorDeps, record) : undefined;
  }

  // Observing

  /** Messages in a channel, oldest first; ephemeral ones only for `visibleTo` (all of them when left out). */
  messages(channelId: string, options: { visibleTo?: string } = {}): APIMessage[] {
    return this.world
      .channelMessages(channelId)
      .filter((message) => options.visibleTo === undefined || message.visibleToUserId === null || message.visibleToUserId === options.visibleTo)
      .map((message) => this.world.snapshotMessage(message));
  }

  message(messageId: string): APIMessage | undefined {
    const message = this.world.findMessage(messageId);
    return message ? this.world.snapshotMessage(message) : undefined;
  }

  /**
   * The first message from the bot (in any channel or DM) matching `predicate`: an existing one,
   * or the next one it creates.
   */
  waitForMessage(predicate: (message: APIMessage) => boolean, timeoutMs = 5000, options: { includeExisting?: boolean } = {}): Promise<APIMessage> {
    const fromBot = (message: StoredMessage) => message.api.author.id === this.botUserId;
    if (options.includeExisting ?? true) {
      const existing = this.world.allMessages().find((message) => fromBot(message) && predicate(this.world.snapshotMessage(message)));
      if (existing) return Promise.resolve(this.world.snapshotMessage(existing));
    }
    return new Promise((resolve, reject) => {
      const onMessage = (change: MessageChange, message: StoredMessage) => {
        if (change !== 'create' || !fromBot(message)) return;
        const snapshot = this.world.snapshotMessage(message);
        if (!predicate(snapshot)) return;
        clearTimeout(timer);
        this.world.off('message', onMessage);
        resolve(snapshot);
      };
      const timer = setTimeout(() => {
        this.world.off('message', onMessage);
        reject(new Error(`no matching message from the bot within ${timeoutMs} ms`));
      }, timeoutMs);
      this.world.on('message', onMessage);
    });
  }

  /** The bytes of an uploaded attachment, by its CDN url or id. */
  attachmentBytes(urlOrId: string): Buffer | undefined {
    const id = urlOrId.includes('/') ? (new URL(urlOrId).pathname.split('/')[3] ?? '') : urlOrId;
    return this.attachments.get(id)?.bytes;
  }

  // Faults

  /** Ends the fixed-time ids of `stableIds`: from now on ids come from the clock. */
  releaseIds(): void {
    this.idsPinned = false;
  }

  /** Fails the next matching REST requests (or all of them for `forMs`) with 500, 502, 503 or 429. */
  failNext(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  /** Cuts every gateway connection like a network failure; discord.js reconnects and RESUMEs. */
  dropGatewayConnections(): void {
    this.gateway.dropConnections();
  }

  async close(): Promise<void> {
    await this.gateway.close();
    await this.http.close();
    this.removeAllListeners();
  }

  private messageEvent(change: MessageChange, message: StoredMessage): MessageEvent {
    return {
      change,
      message: this.world.snapshotMessage(message),
      guildId: this.world.channels.get(message.api.channel_id)?.guildId ?? null,
      ephemeralFor: message.visibleToUserId,
      fromBot: message.api.author.id === this.botUserId,
      interactionId: message.interactionId,
    };
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`localcord: ${name} must be a positive whole number, got ${value}`);
  return value;
}

export function startLocalcord(options: LocalcordOptions = {}): Promise<Localcord> {
  return Localcord.start(options);
}
