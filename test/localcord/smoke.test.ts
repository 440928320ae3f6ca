import { describe, expect, it } from 'vitest';
import { startHarness } from './helpers.js';

describe('smoke', () => {
  it('logs in', async () => {
    let guildId = '';
    const h = await startHarness({ prepare: (lc) => { guildId = lc.createGuild({ name: 'g' }).id; } });
    expect(h.client.guilds.cache.get(guildId)?.name).toBe('g');
    expect(h.client.guilds.cache.get(guildId)?.members.me?.id).toBe(h.lc.botUserId);
    await h.stop();
  });
});
