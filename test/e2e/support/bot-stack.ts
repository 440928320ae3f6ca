import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Storage } from '../../../src/db/database.js';
import type { InteractionHandle, OptionInputs } from '../../../src/localcord/index.js';
import { createLogger } from '../../../src/logger.js';
import { startLocalStack, type LocalStack } from '../../../src/sandbox/local-stack.js';
import { listControls, renderMessageText } from '../../../src/sandbox/render-message.js';
import type { PersonaName } from '../../../src/sandbox/sandbox-world.js';
import { ManualClock } from '../../support/app-context.js';
import { openMigratedStorage } from '../../support/storage.js';

export interface BotStack extends LocalStack {
  storage: Storage;
  clock: ManualClock;
  userId(persona: PersonaName): string;
  /** A person runs a slash command in the guild's work channel. */
  run(persona: PersonaName, name: string, options?: OptionInputs): InteractionHandle;
  /** What the person sees as the answer, as text. */
  seen(handle: InteractionHandle): Promise<string>;
  /** Presses the button with this label on a message the person sees. */
  click(persona: PersonaName, message: APIMessage, label: string): InteractionHandle;
}

/** The real bot on a fresh Postgres database, connected to the local Discord-compatible server, for one test file. */
export function useBotStack(): () => BotStack {
  let stack: BotStack | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    const storage = await openMigratedStorage('postgres');
    const clock = new ManualClock(new Date());
    const local = await startLocalStack({ db: storage.db, logger: createLogger(process.env.E2E_LOG_LEVEL ?? 'silent'), clock });
    const userId = (persona: PersonaName) => local.world.people[persona].user.id;
    stack = {
      ...local,
      storage,
      clock,
      userId,
      run: (persona, name, options = {}) => local.lc.runSlashCommand({ userId: userId(persona), channelId: local.world.channels.general.id, name, options }),
      seen: async (handle) => renderMessageText(await handle.waitForReply(), { controls: true }),
      click(persona, message, label) {
        const control = listControls(message).find((c) => c.kind === 'button' && c.label === label);
        if (!control) throw new Error(`no button "${label}" on the message:\n${renderMessageText(message)}`);
        return local.lc.clickButton({ messageId: message.id, customId: control.customId, userId: userId(persona) });
      },
    };
  });
  afterEach(() => {
    expect(rejections.splice(0), 'unhandled rejections').toEqual([]);
    expect(stack?.lc.serverErrors ?? [], 'errors inside the local Discord server').toEqual([]);
  });
  afterAll(async () => {
    await stack?.close();
    await stack?.storage.close();
    process.off('unhandledRejection', onRejection);
  });
  return () => {
    if (!stack) throw new Error('the bot stack starts in beforeAll');
    return stack;
  };
}
