import { describeError } from '../redact.js';
import { processIo } from './cli-command.js';
import { runCli } from './cli.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), processIo);
} catch (error) {
  // An unexpected failure still shows its stack (for a bug report), masked: it may quote a connection string.
  process.stderr.write(`duban failed: ${describeError(error, true)}\n`);
  process.exitCode = 1;
}
