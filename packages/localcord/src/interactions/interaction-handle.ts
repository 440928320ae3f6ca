import { MessageFlags, type APIApplicationCommandOptionChoice, type APIMessage, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { LoggedRequest, RequestLog } from '../http/request-log.js';
import type { World } from '../world/world.js';
import type { InteractionCallback, InteractionRecord, InteractionState } from './interaction-record.js';
import { ACKNOWLEDGE_WITHIN_MS, type InteractionService } from './interaction-service.js';

export const DEFAULT_WAIT_MS = 5000;
const POLL_MS = 25;

export interface HandleDeps {
  service: InteractionService;
  world: World;
  log: RequestLog;
  strictTiming: boolean;
}

/**
 * What a test holds after acting as a user: the interaction's id and token, and promises for
 * what the user ends up seeing — the reply (after any deferral and edit), follow-ups, a modal,
 * autocomplete choices. Every wait fails with the interaction's state and the bot's failed
 * requests, so a rejected payload explains itself.
 */
export class InteractionHandle {
  constructor(
    private readonly record: InteractionRecord,
    private readonly deps: HandleDeps,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  get state(): InteractionState {
    return this.record.state;
  }

  /** Milliseconds (server clock) from the interaction's creation to the bot's first callback. */
  get acknowledgedAfterMs(): number | undefined {
    return this.record.callback ? this.record.callback.at - this.record.createdAt : undefined;
  }

  /** The bot's first callback: its type and data. */
  response(timeoutMs = DEFAULT_WAIT_MS): Promise<InteractionCallback> {
    return this.waitFor('the interaction response', timeoutMs, () => this.record.callback ?? undefined);
  }

  /** The reply as the user finally sees it: after a deferral, once edited; after an update, the updated message. */
  waitForReply(timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    return this.waitFor('the reply', timeoutMs, () => {
      const { state, callback } = this.record;
      if (state === 'pending' || callback === null) return undefined;
      if (state === 'modal') throw new Error('the bot answered with a modal: use handle.modal()');
      if (state === 'autocompleted') throw new Error('the bot answered with autocomplete choices: use handle.choices()');
      const original = this.record.originalMessageId === null ? undefined : this.deps.world.findMessage(this.record.originalMessageId);
      if (!original) throw new Error('the reply was deleted');
      if (state === 'deferred' && ((original.api.flags ?? 0) & MessageFlags.Loading) !== 0) return undefined;
      if (state === 'deferredUpdate' && !editedSince(original.api, callback.at)) return undefined;
      return this.deps.world.snapshotMessage(original);
    });
  }

  /** The n-th follow-up (0 first); the first one after a deferral is the edited "thinking" message. */
  waitForFollowUp(index = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    return this.waitFor(`follow-up #${index}`, timeoutMs, () => {
      const id = this.record.followUpIds[index];
      const message = id === undefined ? undefined : this.deps.world.findMessage(id);
      return message ? this.deps.world.snapshotMessage(message) : undefined;
    });
  }

  /** The modal the bot opened in answer. */
  modal(timeoutMs = DEFAULT_WAIT_MS): Promise<APIModalInteractionResponseCallbackData> {
    return this.waitFor('a modal', timeoutMs, () => {
      if (this.record.state !== 'pending' && this.record.state !== 'modal') throw new Error(`the bot answered with ${this.record.state}, not a modal`);
      return this.record.modal ? structuredClone(this.record.modal) : undefined;
    });
  }

  /** The autocomplete choices the bot offered. */
  choices(timeoutMs = DEFAULT_WAIT_MS): Promise<APIApplicationCommandOptionChoice[]> {
    return this.waitFor('autocomplete choices', timeoutMs, () => (this.record.choices ? structuredClone(this.record.choices) : undefined));
  }

  /** Every request the bot made on this interaction's id or token that failed. */
  failedRequests(): LoggedRequest[] {
    return this.deps.log.filter((entry) => entry.status >= 400 && this.concerns(entry));
  }

  /** Every request the bot made on this interaction's id or token. */
  requests(): LoggedRequest[] {
    return this.deps.log.filter((entry) => this.concerns(entry));
  }

  private concerns(entry: LoggedRequest): boolean {
    return entry.path.includes(`/interactions/${this.record.id}/`) || entry.path.includes(`/${this.record.token}`);
  }

  private waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
    const { service } = this.deps;
    return new Promise<T>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearInterval(poll);
        clearTimeout(timer);
        service.off('change', onChange);
        outcome();
      };
      const evaluate = () => {
        try {
          this.assertAcknowledgedInTime();
          const value = check();
          if (value !== undefined) finish(() => resolve(value));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          finish(() => reject(new Error(`waiting for ${what}: ${message}\n${this.describe()}`)));
        }
      };
      const onChange = (record: InteractionRecord) => {
        if (record === this.record) evaluate();
      };
      const poll = setInterval(evaluate, POLL_MS);
      const timer = setTimeout(() => finish(() => reject(new Error(`waiting for ${what}: nothing after ${timeoutMs} ms\n${this.describe()}`))), timeoutMs);
      service.on('change', onChange);
      evaluate();
    });
  }

  private assertAcknowledgedInTime(): void {
    if (!this.deps.strictTiming || this.record.state !== 'pending') return;
    const age = this.deps.world.clock() - this.record.createdAt;
    if (age > ACKNOWLEDGE_WITHIN_MS)
      throw new Error(`the bot did not acknowledge within ${ACKNOWLEDGE_WITHIN_MS} ms; Discord would show "This interaction failed"`);
  }

  private describe(): string {
    const failures = this.failedRequests().map((entry) => `  ${entry.method} ${entry.path} → ${entry.status} ${JSON.stringify(entry.response)}`);
    return [
      `interaction ${this.record.id}: state ${this.record.state}, callback type ${this.record.callback?.type ?? 'none'}, follow-ups ${this.record.followUpIds.length}`,
      ...(failures.length ? ['failed requests:', ...failures] : []),
    ].join('\n');
  }
}

function editedSince(message: APIMessage, at: number): boolean {
  return message.edited_timestamp !== null && Date.parse(message.edited_timestamp) >= at;
}
