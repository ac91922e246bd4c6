import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

describe('redact', () => {
  it.each([
    ['a planted token', 'auth failed for xoxb-123-secret', ['xoxb-123-secret'], 'auth failed for ***'],
    ['its URL-encoded form', 'GET /x?k=a%2Fb%2Bc', ['a/b+c'], 'GET /x?k=***'],
    ['a query string', 'POST https://api.example/v1/send?api_key=K123&x=1 failed', [], 'POST https://api.example/v1/send?*** failed'],
    ['userinfo', 'cannot reach smtp://mailer:hunter22@mail.example:587', [], 'cannot reach smtp://***@mail.example:587'],
    ['a whole webhook URL', 'POST https://hooks.slack.com/services/T0/B0/XyZ answered 404', ['https://hooks.slack.com/services/T0/B0/XyZ'], 'POST *** answered 404'],
    ['the longer of overlapping secrets first', 'key abcd-efgh', ['abcd', 'abcd-efgh'], 'key ***'],
    ['nothing in plain text', 'PowerDNS answered HTTP 500', ['s3cr3t'], 'PowerDNS answered HTTP 500'],
    ['no secret shorter than 4 characters', 'a 500 error', ['a', '500'], 'a 500 error'],
  ])('removes %s', (_what, text, secrets, expected) => {
    const sut = redact;

    const out = sut(text, secrets);

    expect(out).toBe(expected);
  });
});
