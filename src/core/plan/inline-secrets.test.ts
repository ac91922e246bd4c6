import { describe, expect, it } from 'vitest';
import { findInlineSecrets } from './inline-secrets.js';

describe('findInlineSecrets', () => {
  it.each([
    ['a Slack webhook anywhere', { spec: { drills: { smokeChecks: [{ url: 'https://hooks.slack.com/services/T0/B0/abcdef123456' }] } } }, 'spec.drills.smokeChecks.0.url', 'a Slack webhook URL'],
    ['a token in a URL query', { spec: { regions: [{ healthEndpoints: ['https://a.example.com/healthz?token=abc123'] }] } }, 'spec.regions.0.healthEndpoints.0', 'a URL with a credential in its query'],
    ['a password in a URL', { spec: { traffic: { endpoint: 'http://admin:hunter2@pdns:8081' } } }, 'spec.traffic.endpoint', 'a URL with a password in it'],
    ['a literal credentials field', { spec: { traffic: { credentials: 'hunter2' } } }, 'spec.traffic.credentials', 'a literal value in a field named "credentials"'],
    ['a secret key in storage config', { spec: { backup: { storageLocations: [{ config: { secretAccessKey: 'wJalrXUtnFEMI' } }] } } }, 'spec.backup.storageLocations.0.config.secretAccessKey', 'a literal value in a field named "secretAccessKey"'],
    ['a numeric password', { metadata: { annotations: { password: 123456 } } }, 'metadata.annotations.password', 'a literal value in a field named "password"'],
    ['an AWS access key', { metadata: { labels: { key: 'AKIAIOSFODNN7EXAMPLE' } } }, 'metadata.labels.key', 'an AWS access key'],
    ['a GitHub token', { spec: { note: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } }, 'spec.note', 'a GitHub token'],
    ['a private key', { spec: { key: '-----BEGIN RSA PRIVATE KEY-----\nMIIE' } }, 'spec.key', 'a private key'],
  ])('finds %s', (_name, input, path, kind) => {
    const sut = findInlineSecrets(input);

    expect(sut.map((i) => [i.path.join('.'), i.message.includes(`(${kind})`)])).toEqual([[path, true]]);
  });

  it.each([
    ['env references', { spec: { traffic: { credentials: 'env:PDNS_API_KEY' }, notifications: [{ secret: 'env:SLACK_WEBHOOK_URL' }] } }],
    ['file references', { spec: { traffic: { credentials: 'file:/etc/lifeboat/pdns.key' } } }],
    ['plain URLs and names', { spec: { traffic: { endpoint: 'http://127.0.0.1:8081' }, regions: [{ healthEndpoints: ['https://a.example.com/healthz?probe=1'] }] } }],
    ['fields that merely mention secrets', { spec: { tokenSecretName: 'pdns-key', protection: { resources: { included: ['secrets'] } } } }],
    ['an empty secret field', { spec: { notifications: [{ secret: '' }] } }],
  ])('leaves %s alone', (_name, input) => {
    expect(findInlineSecrets(input)).toEqual([]);
  });

  it('never echoes the value', () => {
    const sut = findInlineSecrets({ spec: { traffic: { credentials: 'sup3r-s3cret-value' } } });

    expect(sut[0]?.message).not.toContain('sup3r');
  });

  it('stops at a fixed depth instead of overflowing the stack', () => {
    let deep: unknown = { password: 'x' };
    for (let i = 0; i < 10_000; i++) deep = [deep];

    expect(findInlineSecrets(deep)).toEqual([]);
  });
});
