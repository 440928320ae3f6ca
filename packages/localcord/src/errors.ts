import type { FormErrorTree } from './form-errors.js';

/** An error answered the way Discord answers it: an HTTP status and `{ message, code, errors? }`. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrorTree,
  ) {
    super(message);
    this.name = 'DiscordError';
  }

  toJSON(): { message: string; code: number; errors?: FormErrorTree } {
    return this.errors ? { message: this.message, code: this.code, errors: this.errors } : { message: this.message, code: this.code };
  }
}

/** The JSON error codes Discord documents, for the errors this server can produce. */
export const discordErrors = {
  unauthorized: () => new DiscordError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordError(405, 0, '405: Method Not Allowed'),
  unknownApplication: () => new DiscordError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new DiscordError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordError(404, 10008, 'Unknown Message'),
  unknownRole: () => new DiscordError(404, 10011, 'Unknown Role'),
  unknownUser: () => new DiscordError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordError(404, 10062, 'Unknown interaction'),
  unknownApplicationCommand: () => new DiscordError(404, 10063, 'Unknown application command'),
  alreadyAcknowledged: () => new DiscordError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new DiscordError(403, 50001, 'Missing Access'),
  cannotSendEmptyMessage: () => new DiscordError(400, 50006, 'Cannot send an empty message'),
  cannotSendToUser: () => new DiscordError(403, 50007, 'Cannot send messages to this user'),
  cannotEditOthersMessage: () => new DiscordError(403, 50005, 'Cannot edit a message authored by another user'),
  missingPermissions: () => new DiscordError(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: () => new DiscordError(401, 50027, 'Invalid Webhook Token'),
  invalidFormBody: (errors: FormErrorTree) => new DiscordError(400, 50035, 'Invalid Form Body', errors),
  internalServerError: (status: number) => new DiscordError(status, 0, `${status}: Internal Server Error`),
} as const;
