import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import { slashCommands } from '../../../commands/index.js';
import { loadConfig, loadDotEnv } from '../../config.js';
import type { CliCommand } from '../cli-command.js';

/** Registers the slash command definitions: to one guild (instant) or globally. Never run on boot. */
export const deployCommandsCommand: CliCommand = {
  name: 'deploy-commands',
  summary: 'Register the slash commands with Discord (one guild or global)',
  usage: 'duban deploy-commands [--guild ID | --global]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { guild: { type: 'string' }, global: { type: 'boolean', default: false } } });
    loadDotEnv();
    const config = loadConfig();
    if (!config.discordToken || !config.discordApplicationId) {
      io.stderr('deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example).');
      return 1;
    }
    const guildId = values.global ? undefined : (values.guild ?? config.discordGuildId);
    if (!values.global && !guildId) {
      io.stderr('Say where to register: --guild ID (or DISCORD_GUILD_ID) for one guild, or --global for every guild.');
      return 2;
    }
    const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(config.discordToken);
    const body = slashCommands.map((c) => c.definition);
    const route = guildId ? Routes.applicationGuildCommands(config.discordApplicationId, guildId) : Routes.applicationCommands(config.discordApplicationId);
    const result = (await rest.put(route, { body })) as unknown[];
    io.stdout(
      `Registered ${result.length} commands ${guildId ? `to guild ${guildId}` : 'globally (may take up to an hour to appear)'}: ${body.map((c) => `/${c.name}`).join(' ')}`,
    );
    return 0;
  },
};
