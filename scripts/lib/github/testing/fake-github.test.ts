import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubClient } from '../client.ts';
import { FakeGithub } from './fake-github.ts';

// The fake is only worth something if it rejects what GitHub would reject.
let fake: FakeGithub;
beforeEach(async () => { fake = await FakeGithub.start('acme', 'incidents'); });
afterEach(async () => { await fake.close(); });

describe('fake GitHub checks exchanges against the OpenAPI description', () => {
  it('flags a request body the operation does not accept', async () => {
    fake.addPull({ number: 1, headSha: 'a'.repeat(40) });
    await fetch(`${fake.url}/repos/acme/incidents/issues/1/comments`, { method: 'POST', headers: { authorization: 'token x' }, body: JSON.stringify({ text: 'wrong key' }) });
    expect(fake.violations.join('\n')).toContain("request body of issues/create-comment: data must have required property 'body'");
  });

  it('flags undeclared query parameters and missing auth', async () => {
    await fetch(`${fake.url}/repos/acme/incidents/labels?colour=red`);
    expect(fake.violations).toEqual([
      'GET /repos/acme/incidents/labels: query parameter `colour` is not declared for issues/list-labels-for-repo',
      'GET /repos/acme/incidents/labels: no Authorization header',
    ]);
  });

  it('flags endpoints it does not implement', async () => {
    await fetch(`${fake.url}/repos/acme/incidents/git/refs`, { headers: { authorization: 'token x' } });
    expect(fake.violations[0]).toMatch(/unexpected request GET \/repos\/acme\/incidents\/git\/refs/);
  });
});

describe('the client', () => {
  it('waits and retries once on a secondary rate limit (throttling plugin)', async () => {
    const warnings: string[] = [];
    const gh = createGithubClient({ token: 't', baseUrl: fake.url, retryBaseMs: 1, pacing: true, warn: (t) => warnings.push(t) });
    fake.failures.set('issues/list-labels-for-repo', [403]);
    const { data } = await gh.rest.issues.listLabelsForRepo({ owner: 'acme', repo: 'incidents' });
    expect(data).toEqual([]);
    expect(warnings.join('\n')).toMatch(/secondary rate limit reached for GET \/repos\/\{owner\}\/\{repo\}\/labels; retrying/);
    expect(fake.exchanges.map((e) => e.status)).toEqual([403, 200]);
    expect(fake.violations).toEqual([]);
  });

  it('paginates past 100 items', async () => {
    for (let i = 0; i < 250; i++) fake.labels.set(`l${i}`, { name: `l${i}`, color: 'ededed', description: null });
    const gh = createGithubClient({ token: 't', baseUrl: fake.url, pacing: false });
    const all = await gh.paginate(gh.rest.issues.listLabelsForRepo, { owner: 'acme', repo: 'incidents', per_page: 100 });
    expect(all).toHaveLength(250);
    expect(fake.exchanges).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });
});
