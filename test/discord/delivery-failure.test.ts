import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { describeDeliveryError, readableFailureReason, toSendFailure } from '../../src/discord/delivery-failure.js';
import { SendFailure } from '../../src/ports.js';

const apiError = (code: number, status: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'POST', 'http://127.0.0.1/api/v10/channels/1/messages', { body: {} });

/** English words other than the names Discord and HTTP, and raw mention markup. */
const english = (text: string) => /[A-Za-z]{3,}/.test(text.replace(/Discord|HTTP|<@\d+>/g, ''));

describe('toSendFailure', () => {
  it.each([
    [50007, 403, 'Cannot send messages to this user', 'dm_refused', '无法向该用户发送私信(对方关闭了私信)'],
    [10003, 404, 'Unknown Channel', 'missing', '频道不存在或已被删除'],
    [50013, 403, 'Missing Permissions', 'forbidden', '机器人缺少该频道的权限'],
    [50001, 403, 'Missing Access', 'forbidden', '机器人缺少该频道的权限'],
    [10013, 404, 'Unknown User', 'missing', '用户不存在'],
    [50035, 400, 'Invalid Form Body', 'rejected', '错误代码 50035'],
  ])('says why Discord refused with code %i in Chinese, without its English', (code, status, message, kind, reason) => {
    const failure = toSendFailure(apiError(code, status, message), { kind: 'dm', userId: '123456789012345678' });
    expect(failure.kind).toBe(kind);
    expect(failure.message).toContain(reason);
    expect(failure.message).not.toContain(message);
    expect(english(failure.message)).toBe(false);
  });

  it('calls 429 a rate limit and 5xx a passing outage, both retried', () => {
    const limited = toSendFailure(new HTTPError(429, 'Too Many Requests', 'POST', 'http://x/api', { body: {} }), null);
    const down = toSendFailure(new HTTPError(503, 'Service Unavailable', 'POST', 'http://x/api', { body: {} }), null);
    expect([limited.kind, down.kind]).toEqual(['transient', 'transient']);
    expect(limited.message).toContain('限流');
    expect(down.message).toContain('Discord 服务暂时不可用');
    expect(english(limited.message) || english(down.message)).toBe(false);
  });

  it('keeps a network error message Chinese', () => {
    const failure = toSendFailure(new TypeError('fetch failed: ECONNREFUSED'), null);
    expect(failure.kind).toBe('transient');
    expect(english(failure.message)).toBe(false);
  });
});

describe('describeDeliveryError', () => {
  it('keeps a SendFailure as it is and hides an internal error behind a Chinese reason', () => {
    expect(describeDeliveryError(new SendFailure('transient', 'Discord 服务暂时不可用(HTTP 503),稍后自动重试。'))).toContain('HTTP 503');
    const internal = describeDeliveryError(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(english(internal)).toBe(false);
  });
});

describe('readableFailureReason', () => {
  it('shows a Chinese reason as stored', () => {
    expect(readableFailureReason('该单位尚未绑定联络员或接收频道,提醒无处发送。')).toBe('该单位尚未绑定联络员或接收频道,提醒无处发送。');
  });

  it("maps a row stored with Discord's English through its code", () => {
    expect(readableFailureReason('Discord 拒绝了这条消息(50007:Cannot send messages to this user)。')).toContain('无法向该用户发送私信');
    const legacy = readableFailureReason('多次重试后仍未发出:Unknown Channel (10003)');
    expect(legacy).toMatch(/^多次重试后仍未发出:接收频道不存在或已被删除/);
    expect(english(legacy)).toBe(false);
    expect(english(readableFailureReason('多次重试后仍未发出:You are being rate limited.'))).toBe(false);
  });

  it('gives a generic Chinese reason for English without a code', () => {
    const shown = readableFailureReason('发送时出错:Something went wrong');
    expect(shown).toContain('发送时出错');
    expect(english(shown)).toBe(false);
  });
});
