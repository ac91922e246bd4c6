import { describe, expect, it } from 'vitest';
import { scrubText } from './scrub-text.js';

describe('scrubText', () => {
  it.each([
    ['a listed secret', 'PATCH failed for key s3cr3t-value', ['s3cr3t-value'], 'PATCH failed for key ***'],
    ['a bearer token', 'GET /apis 401 (Authorization: Bearer abc.def-ghi)', [], 'GET /apis 401 (Authorization: Bearer ***)'],
    ['a JWT on its own', 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln was rejected', [], 'token *** was rejected'],
    ['a Slack webhook path', 'POST https://hooks.slack.com/services/T0/B0/XyZ 500', [], 'POST https://hooks.slack.com/*** 500'],
    ['an X-API-Key header', 'X-API-Key: pdns-key-123 answered 401', [], 'X-API-Key: *** answered 401'],
    ['a kubeconfig token field', 'user: { token: kubeadm.abcdef0123456789 }', [], 'user: { token: *** }'],
    ['a URL query string', 'GET http://dns:8081/zones?api_key=abc failed', [], 'GET http://dns:8081/zones?*** failed'],
    ['URL credentials', 'https://admin:hunter22@minio:9000/bucket', [], 'https://***@minio:9000/bucket'],
  ])('removes %s', (_what, text, secrets, expected) => {
    const sut = scrubText(text, secrets);

    expect(sut).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'step restore-production succeeded: 3 deployments Available in region-b (backup hourly-20261125020000)';

    expect(scrubText(text, [])).toBe(text);
  });
});
