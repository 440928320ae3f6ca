import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { redact } from '../src/redact.js';

function collectingStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('redact', () => {
  it('masks the password of any URL, parseable or not', () => {
    expect(redact('at postgres://duban:pa55word@db:5432/duban and redis://:other-secret@cache:6379/0')).toBe(
      'at postgres://duban:***@db:5432/duban and redis://:***@cache:6379/0',
    );
    expect(redact('got "postgres//u:p4ss@host/db"')).toBe('got "postgres//u:***@host/db"');
    expect(redact('http://127.0.0.1:8080/api is fine')).toBe('http://127.0.0.1:8080/api is fine');
  });

  it('masks every credential the configuration read, wherever it appears later', () => {
    loadConfig({
      DISCORD_TOKEN: 'tok.en-visible-nowhere',
      OPS_PASSWORD: 'ops password visible nowhere',
      DATABASE_URL: 'postgres://u:db%2Fsecret%40x@127.0.0.1/d',
    });
    const text = redact('token tok.en-visible-nowhere, ops ops password visible nowhere, decoded db/secret@x, raw db%2Fsecret%40x');
    expect(text).toBe('token ***, ops ***, decoded ***, raw ***');
  });

  it('keeps credentials out of every log line, even inside an error a driver threw', () => {
    loadConfig({ REDIS_URL: 'redis://default:redis-pass-"quoted"@127.0.0.1:6379' });
    const { stream, text } = collectingStream();
    const logger = createLogger('info', stream);
    logger.error({ err: new Error('AUTH failed for redis-pass-"quoted"'), url: 'redis://default:redis-pass-"quoted"@127.0.0.1:6379' }, 'redis down');
    expect(text()).toContain('redis down');
    expect(text()).not.toContain('redis-pass');
    expect(text()).toContain('***');
  });
});
