import { describe, expect, it } from 'vitest';
import { mayContainSecret, secretKind } from './redaction.ts';

/** What counts as a pasted credential (withheld everywhere), and prose that must not. */
const SECRETS: [string, string][] = [
  ['AWS access key id', 'key AKIAIOSFODNN7EXAMPLE used'],
  ['GitHub token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
  ['password in URL', 'https://deploy:hunter2secret@git.example.org/repo.git'],
  ['bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456'],
  ['Azure storage key', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=Zm9vYmFyYmF6cXV4cXV1eHF1dXg0NTY3ODkwMTIz=='],
  ['credential assignment', 'config had password=hunter2 in it'],
  ['credential assignment', 'API_KEY = sk-test-1234abcd'],
  ['credential assignment', 'https://api.example.org/v1?token=9f8e7d6c5b4a'],
  ['password', 'pwd: Winter2026!'],
  ['password', 'Password:Tr0ub4dor&3'],
];

const PROSE: string[] = [
  'Password: rotated on 2026-12-03 for all finance staff.',
  'The password reset portal was imitated.',
  'Tokens were revoked; the secret manager holds the new keys.',
  'A bearer of bad news reported it.',
  'key = value pairs in the config were reviewed',
  'password: see vault entry ci/deploy',
  'Passwords for 14 accounts were reset.',
  'Phishing URL: hxxps://evil[.]example/owa/auth.owa?password=reset&lang=de',
  'The password reset link was https://portal.example/reset?token=expired',
  'Connection string template: Server=db;User Id=app;Password=<from vault>;',
  'export DB_PASSWORD=${DB_PASSWORD}',
];

describe('secretKind', () => {
  it.each(SECRETS)('%s: %s', (kind, text) => {
    expect(mayContainSecret(text), 'the pre-filter lets it through').toBe(true);
    expect(secretKind(text)).toBe(kind);
  });

  it.each(PROSE)('prose is not a secret: %s', (text) => {
    expect(secretKind(text)).toBeUndefined();
  });
});
