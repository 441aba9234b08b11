import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApi, type Operation } from './openapi.ts';

// Test support: a real HTTP server on 127.0.0.1 (random port) that implements the GitHub REST
// endpoints incident-ledger uses, with in-memory state. Every request (path/query parameters, body)
// and every response body is checked against GitHub's OpenAPI description; problems are collected
// in `violations`, which tests assert to be empty. Response objects start from a minimal valid
// instance of the documented schema, overlaid with the fields the state defines.

type Json = Record<string, unknown>;

export interface FakeComment { id: number; issue: number; body: string; user: string; userType: 'Bot' | 'User' }
export interface FakeLabel { name: string; color: string; description: string | null }
export interface FakeIssue {
  number: number; title: string; body: string; state: 'open' | 'closed'; state_reason?: string | null;
  labels: string[]; user: string; isPull?: boolean; assignees?: string[];
}
export interface FakeReview { id: number; user: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'; commit_id: string; submitted_at: string }
export interface FakeFile { filename: string; status: 'added' | 'removed' | 'modified' | 'renamed'; previous_filename?: string }
export interface FakePull {
  number: number; title: string; state: 'open' | 'closed';
  headSha: string; headRef: string; headOwner: string; headRepo: string; baseRef: string; baseSha: string;
  files: FakeFile[]; reviews: FakeReview[]; user: string;
}
export interface FakeStatus { sha: string; state: string; context: string; description: string | null }
export interface Exchange { method: string; path: string; operationId: string; status: number; body?: unknown }

interface Route { op: Operation; regex: RegExp; names: string[] }

const ROUTES: Array<[string, string]> = [
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['GET', '/repos/{owner}/{repo}/labels'],
  ['POST', '/repos/{owner}/{repo}/labels'],
  ['GET', '/repos/{owner}/{repo}/labels/{name}'],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}'],
  ['GET', '/repos/{owner}/{repo}/issues'],
  ['POST', '/repos/{owner}/{repo}/issues'],
  ['PATCH', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['GET', '/repos/{owner}/{repo}/pulls'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}'],
  ['GET', '/repos/{owner}/{repo}/contents/{path}'],
  ['POST', '/repos/{owner}/{repo}/statuses/{sha}'],
  ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts'],
  ['GET', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'],
];

/** GitHub lists at most this many files of a pull request (case 22). */
export const PR_FILES_CAP = 3000;

export class FakeGithub {
  readonly owner: string;
  readonly repo: string;
  url = '';
  readonly violations: string[] = [];
  readonly exchanges: Exchange[] = [];
  readonly comments: FakeComment[] = [];
  readonly labels = new Map<string, FakeLabel>();
  readonly issues: FakeIssue[] = [];
  readonly pulls: FakePull[] = [];
  readonly statuses: FakeStatus[] = [];
  /** `org/team-slug` → active members. */
  readonly teams = new Map<string, Set<string>>();
  /** `<ref>:<path>` → file text. */
  readonly contents = new Map<string, string>();
  /** operationIds answered with 403 "Resource not accessible by integration" (read-only fork token). */
  readonly forbidden = new Set<string>();
  /** operationId → statuses to answer once each before behaving normally (retry tests). */
  readonly failures = new Map<string, number[]>();
  /** run id → artifacts uploaded by that run. */
  readonly artifacts = new Map<number, Array<{ id: number; name: string; zip: Uint8Array; expired?: boolean }>>();
  /** Who the token belongs to (author of what we create). */
  actor = 'github-actions[bot]';
  private server?: Server;
  private nextId = 1000;
  private readonly routes: Route[];

  constructor(owner = 'acme', repo = 'incidents') {
    this.owner = owner;
    this.repo = repo;
    const api = openApi();
    this.routes = ROUTES.map(([m, t]) => {
      const names: string[] = [];
      const regex = new RegExp('^' + t.replace(/\{(\w+)\}/g, (_s, n: string) => { names.push(n); return n === 'path' ? '(.+)' : '([^/]+)'; }) + '$');
      return { op: api.operation(m, t), regex, names };
    });
  }

  static async start(owner?: string, repo?: string): Promise<FakeGithub> {
    const f = new FakeGithub(owner, repo);
    await f.listen();
    return f;
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    return new Promise((resolve) => {
      this.server!.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---- state helpers for tests ----
  id(): number { return this.nextId++; }

  addPull(p: Partial<FakePull> & { number: number; headSha: string }): FakePull {
    const pull: FakePull = {
      title: `PR ${p.number}`, state: 'open', headRef: `branch-${p.number}`, headOwner: this.owner, headRepo: this.repo,
      baseRef: 'main', baseSha: 'b'.repeat(40), files: [], reviews: [], user: 'analyst', ...p,
    };
    this.pulls.push(pull);
    this.issues.push({ number: pull.number, title: pull.title, body: '', state: pull.state, labels: [], user: pull.user, isPull: true });
    return pull;
  }

  issue(n: number): FakeIssue | undefined { return this.issues.find((i) => i.number === n); }
  commentsOn(n: number): FakeComment[] { return this.comments.filter((c) => c.issue === n); }
  writes(): Exchange[] { return this.exchanges.filter((e) => e.method !== 'GET'); }

  // ---- HTTP ----
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.handleChecked(req, res);
    } catch (e) {
      this.violations.push(`${req.method} ${req.url}: fake crashed: ${(e as Error).message}`);
      if (!res.headersSent) this.send(res, 500, { message: 'fake crashed', documentation_url: 'https://docs.github.com/rest' });
    }
  }

  private async handleChecked(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (raw) {
      try { body = JSON.parse(raw); } catch { this.violations.push(`${method} ${url.pathname}: body is not JSON`); }
    }
    if (url.pathname.startsWith('/_blobs/')) {
      // Artifact storage behind the download redirect (not part of the REST API).
      const id = Number(url.pathname.slice('/_blobs/'.length));
      const art = [...this.artifacts.values()].flat().find((a) => a.id === id);
      res.writeHead(art ? 200 : 404, { 'content-type': 'application/zip' });
      res.end(art ? Buffer.from(art.zip) : undefined);
      return;
    }
    const route = this.routes.find((r) => r.op.method === method && r.regex.test(url.pathname));
    if (!route) {
      this.violations.push(`unexpected request ${method} ${url.pathname} (not an endpoint the fake implements)`);
      return this.send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
    const m = route.regex.exec(url.pathname)!;
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]!); });
    const query = Object.fromEntries(url.searchParams.entries());
    const api = openApi();
    const op = route.op;
    this.violations.push(...api.checkParams(op, params, query).map((v) => `${method} ${url.pathname}: ${v}`));
    this.violations.push(...api.checkRequestBody(op, body).map((v) => `${method} ${url.pathname}: ${v}`));
    if (!req.headers['authorization']) this.violations.push(`${method} ${url.pathname}: no Authorization header`);

    let status: number;
    let out: unknown;
    let headers: Record<string, string> = {};
    const failing = this.failures.get(op.operationId);
    if (failing?.length) {
      status = failing.shift()!;
      out = { message: status === 403 || status === 429 ? 'You have exceeded a secondary rate limit' : 'Server Error', documentation_url: 'https://docs.github.com/rest' };
      if (status === 403 || status === 429) headers = { 'retry-after': '1' };
    } else if (this.forbidden.has(op.operationId)) {
      status = 403;
      out = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };
    } else if (params['owner'] !== undefined && (params['owner'] !== this.owner || params['repo'] !== this.repo)) {
      status = 404;
      out = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
    } else {
      try {
        [status, out, headers] = this.dispatch(op.operationId, params, query, body as Json, url);
      } catch (e) {
        this.violations.push(`${method} ${url.pathname}: fake failed: ${(e as Error).message}`);
        status = 500;
        out = { message: 'fake failure', documentation_url: 'https://docs.github.com/rest' };
      }
    }
    this.violations.push(...api.checkResponse(op, status, out).map((v) => `${method} ${url.pathname}: ${v}`));
    this.exchanges.push({ method, path: url.pathname, operationId: op.operationId, status, body });
    this.send(res, status, out, headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', ...headers });
    res.end(text);
  }

  private page<T>(items: T[], query: Record<string, string>, url: URL): [T[], Record<string, string>] {
    const perPage = Math.min(Number(query['per_page'] ?? 30), 100);
    const pageNo = Number(query['page'] ?? 1);
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    if (pageNo >= last) return [slice, {}];
    const next = new URL(url.toString());
    next.searchParams.set('page', String(pageNo + 1));
    next.searchParams.set('per_page', String(perPage));
    return [slice, { link: `<${next.toString()}>; rel="next"` }];
  }

  private dispatch(opId: string, p: Record<string, string>, q: Record<string, string>, body: Json, url: URL): [number, unknown, Record<string, string>] {
    const notFound: [number, unknown, Record<string, string>] = [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, {}];
    const num = Number(p['issue_number'] ?? p['pull_number']);
    switch (opId) {
      case 'issues/list-comments': {
        if (!this.issue(num)) return notFound;
        const [items, h] = this.page(this.commentsOn(num), q, url);
        return [200, items.map((c) => this.commentJson(c)), h];
      }
      case 'issues/create-comment': {
        if (!this.issue(num)) return notFound;
        const c: FakeComment = { id: this.id(), issue: num, body: String(body['body']), user: this.actor, userType: 'Bot' };
        this.comments.push(c);
        return [201, this.commentJson(c), {}];
      }
      case 'issues/update-comment': {
        const c = this.comments.find((x) => x.id === Number(p['comment_id']));
        if (!c) return notFound;
        if (c.user !== this.actor) return [403, { message: 'Must have admin rights to Repository.', documentation_url: 'https://docs.github.com/rest' }, {}];
        c.body = String(body['body']);
        return [200, this.commentJson(c), {}];
      }
      case 'issues/list-labels-for-repo': {
        const [items, h] = this.page([...this.labels.values()], q, url);
        return [200, items.map((l) => this.labelJson(l)), h];
      }
      case 'issues/create-label': {
        const name = String(body['name']);
        if ([...this.labels.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) {
          return [422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] }, {}];
        }
        const l: FakeLabel = { name, color: String(body['color'] ?? 'ededed'), description: (body['description'] as string | undefined) ?? null };
        this.labels.set(name, l);
        return [201, this.labelJson(l), {}];
      }
      case 'issues/get-label': {
        const l = [...this.labels.values()].find((x) => x.name.toLowerCase() === p['name']!.toLowerCase());
        return l ? [200, this.labelJson(l), {}] : notFound;
      }
      case 'issues/list-labels-on-issue': {
        const i = this.issue(num);
        if (!i) return notFound;
        const [items, h] = this.page(i.labels, q, url);
        return [200, items.map((n) => this.labelJson(this.labels.get(n) ?? { name: n, color: 'ededed', description: null })), h];
      }
      case 'issues/add-labels': {
        const i = this.issue(num);
        if (!i) return notFound;
        const names = (Array.isArray(body) ? body : (body['labels'] as unknown[])).map((x) => (typeof x === 'string' ? x : String((x as Json)['name'])));
        for (const n of names) {
          if (!this.labels.has(n)) this.labels.set(n, { name: n, color: 'ededed', description: null });
          if (!i.labels.includes(n)) i.labels.push(n);
        }
        return [200, i.labels.map((n) => this.labelJson(this.labels.get(n)!)), {}];
      }
      case 'issues/remove-label': {
        const i = this.issue(num);
        if (!i || !i.labels.includes(p['name']!)) return notFound;
        i.labels = i.labels.filter((n) => n !== p['name']);
        return [200, i.labels.map((n) => this.labelJson(this.labels.get(n)!)), {}];
      }
      case 'issues/list-for-repo': {
        const state = q['state'] ?? 'open';
        const wanted = q['labels'] ? q['labels'].split(',') : [];
        const list = this.issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => wanted.every((w) => i.labels.includes(w)))
          .sort((a, b) => b.number - a.number);
        const [items, h] = this.page(list, q, url);
        return [200, items.map((i) => this.issueJson(i)), h];
      }
      case 'issues/create': {
        const i: FakeIssue = {
          number: this.nextNumber(), title: String(body['title']), body: String(body['body'] ?? ''), state: 'open',
          labels: ((body['labels'] as unknown[] | undefined) ?? []).map((x) => (typeof x === 'string' ? x : String((x as Json)['name']))),
          user: this.actor, assignees: (body['assignees'] as string[] | undefined) ?? [],
        };
        for (const n of i.labels) if (!this.labels.has(n)) this.labels.set(n, { name: n, color: 'ededed', description: null });
        this.issues.push(i);
        return [201, this.issueJson(i), {}];
      }
      case 'issues/update': {
        const i = this.issue(num);
        if (!i) return notFound;
        if (typeof body['title'] === 'string') i.title = body['title'];
        if (typeof body['body'] === 'string') i.body = body['body'];
        if (body['state'] === 'open' || body['state'] === 'closed') i.state = body['state'];
        if (body['state_reason'] !== undefined) i.state_reason = body['state_reason'] as string | null;
        if (Array.isArray(body['labels'])) i.labels = body['labels'].map((x) => (typeof x === 'string' ? x : String((x as Json)['name'])));
        return [200, this.issueJson(i), {}];
      }
      case 'pulls/list': {
        const state = q['state'] ?? 'open';
        let list = this.pulls.filter((x) => state === 'all' || x.state === state);
        if (q['head']) list = list.filter((x) => `${x.headOwner}:${x.headRef}` === q['head']);
        if (q['base']) list = list.filter((x) => x.baseRef === q['base']);
        const [items, h] = this.page(list, q, url);
        return [200, items.map((x) => this.pullJson(x, 'pull-request-simple')), h];
      }
      case 'pulls/get': {
        const pr = this.pulls.find((x) => x.number === num);
        return pr ? [200, this.pullJson(pr, 'pull-request'), {}] : notFound;
      }
      case 'pulls/list-reviews': {
        const pr = this.pulls.find((x) => x.number === num);
        if (!pr) return notFound;
        const [items, h] = this.page(pr.reviews, q, url);
        return [200, items.map((r) => this.reviewJson(pr, r)), h];
      }
      case 'pulls/list-files': {
        const pr = this.pulls.find((x) => x.number === num);
        if (!pr) return notFound;
        const [items, h] = this.page(pr.files.slice(0, PR_FILES_CAP), q, url);
        return [200, items.map((f) => this.fileJson(f)), h];
      }
      case 'teams/get-membership-for-user-in-org': {
        const members = this.teams.get(`${p['org']}/${p['team_slug']}`);
        if (!members?.has(p['username']!)) return [404, undefined, {}]; // documented without a body
        return [200, { url: `${this.url}/orgs/${p['org']}/teams/${p['team_slug']}/memberships/${p['username']}`, role: 'member', state: 'active' }, {}];
      }
      case 'repos/get-content': {
        const ref = q['ref'] ?? 'main';
        const text = this.contents.get(`${ref}:${p['path']}`);
        if (text === undefined) return notFound;
        const name = p['path']!.slice(p['path']!.lastIndexOf('/') + 1);
        return [200, { ...openApi().sample('content-file'), type: 'file', name, path: p['path'], size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') }, {}];
      }
      case 'repos/create-commit-status': {
        const s: FakeStatus = { sha: p['sha']!, state: String(body['state']), context: String(body['context'] ?? 'default'), description: (body['description'] as string | undefined) ?? null };
        this.statuses.push(s);
        return [201, { ...openApi().sample('status'), ...s, creator: this.userJson(this.actor, 'Bot') }, {}];
      }
      case 'actions/list-workflow-run-artifacts': {
        const list = (this.artifacts.get(Number(p['run_id'])) ?? []).filter((a) => !q['name'] || a.name === q['name']);
        const [items, h] = this.page(list, q, url);
        return [200, { total_count: list.length, artifacts: items.map((a) => ({ ...openApi().sample('artifact'), id: a.id, name: a.name, size_in_bytes: a.zip.byteLength, expired: Boolean(a.expired) })) }, h];
      }
      case 'actions/download-artifact': {
        const art = [...this.artifacts.values()].flat().find((a) => a.id === Number(p['artifact_id']));
        if (!art) return notFound;
        return [302, undefined, { location: `${this.url}/_blobs/${art.id}` }];
      }
      default:
        throw new Error(`no handler for ${opId}`);
    }
  }

  private nextNumber(): number {
    return Math.max(0, ...this.issues.map((i) => i.number)) + 1;
  }

  userJson(login: string, type: 'Bot' | 'User' = 'User'): Json {
    return { ...openApi().sample('simple-user'), login, type, id: login.length, html_url: `https://github.example/${encodeURIComponent(login)}` };
  }

  private commentJson(c: FakeComment): Json {
    return { ...openApi().sample('issue-comment'), id: c.id, body: c.body, user: this.userJson(c.user, c.userType), html_url: `https://github.example/${this.owner}/${this.repo}/issues/${c.issue}#issuecomment-${c.id}` };
  }

  private labelJson(l: FakeLabel): Json {
    return { ...openApi().sample('label'), name: l.name, color: l.color, description: l.description };
  }

  private issueJson(i: FakeIssue): Json {
    const out: Json = {
      ...openApi().sample('issue'), number: i.number, title: i.title, body: i.body, state: i.state, state_reason: i.state_reason ?? null,
      labels: i.labels.map((n) => this.labelJson(this.labels.get(n) ?? { name: n, color: 'ededed', description: null })),
      user: this.userJson(i.user), html_url: `https://github.example/${this.owner}/${this.repo}/issues/${i.number}`,
    };
    if (i.isPull) out['pull_request'] = { url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${i.number}`, html_url: null, diff_url: null, patch_url: null };
    return out;
  }

  private pullJson(pr: FakePull, schema: 'pull-request' | 'pull-request-simple'): Json {
    const base = openApi().sample(schema);
    const repoJson = (owner: string, name: string): Json => ({ ...openApi().sample('repository'), name, full_name: `${owner}/${name}`, owner: this.userJson(owner) });
    const out: Json = {
      ...base, number: pr.number, title: pr.title, state: pr.state, user: this.userJson(pr.user),
      head: { ...(base['head'] as Json), ref: pr.headRef, sha: pr.headSha, label: `${pr.headOwner}:${pr.headRef}`, repo: repoJson(pr.headOwner, pr.headRepo), user: this.userJson(pr.headOwner) },
      base: { ...(base['base'] as Json), ref: pr.baseRef, sha: pr.baseSha, label: `${this.owner}:${pr.baseRef}`, repo: repoJson(this.owner, this.repo), user: this.userJson(this.owner) },
      html_url: `https://github.example/${this.owner}/${this.repo}/pull/${pr.number}`,
    };
    if (schema === 'pull-request') out['changed_files'] = pr.files.length;
    return out;
  }

  private reviewJson(pr: FakePull, r: FakeReview): Json {
    return { ...openApi().sample('pull-request-review'), id: r.id, user: this.userJson(r.user), state: r.state, commit_id: r.commit_id, submitted_at: r.submitted_at, body: '', html_url: `https://github.example/${this.owner}/${this.repo}/pull/${pr.number}#pullrequestreview-${r.id}` };
  }

  private fileJson(f: FakeFile): Json {
    const out: Json = { ...openApi().sample('diff-entry'), filename: f.filename, status: f.status };
    if (f.previous_filename) out['previous_filename'] = f.previous_filename;
    return out;
  }
}
