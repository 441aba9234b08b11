import type { Root, RootContent } from 'mdast';
import { executiveContent } from './audiences/executive.ts';
import { insurerContent } from './audiences/insurer.ts';
import { internalContent } from './audiences/internal.ts';
import { PUBLIC_NOTE, publicContent } from './audiences/public.ts';
import { regulatorContent } from './audiences/regulator.ts';
import type { ReportContext } from './context.ts';
import { fmtTime } from './format.ts';
import { code, em, facts, h, link, p } from './md.ts';
import { htmlPageRest, PAGE_HEAD } from './page.ts';
import { titleOf } from './pieces.ts';
import { toHtmlFragment } from './to-html.ts';
import { toMarkdownReport } from './to-markdown.ts';
import { AUDIENCE_CEILING, maxTlp, TLP_GUIDANCE, type Audience, type Tlp } from './tlp.ts';
import { buildView, type AudienceView, type ReportSource } from './view.ts';

export interface RenderedReport {
  audience: Audience;
  id: string;
  title: string;
  /** The label the report carries: the highest label of anything it includes. */
  label: Tlp;
  markdown: string;
  /** The HTML page: PAGE_HEAD + htmlRest. */
  readonly html: string;
  htmlRest: string;
}

export const AUDIENCE_TITLES: Readonly<Record<Audience, string>> = {
  executive: 'Executive brief',
  regulator: 'Regulator report',
  insurer: 'Insurer report',
  internal: 'Internal incident report',
  public: 'Public statement',
};

const CONTENT: Readonly<Record<Audience, (v: AudienceView, c: ReportContext) => RootContent[] | undefined>> = {
  executive: executiveContent,
  regulator: regulatorContent,
  insurer: insurerContent,
  internal: internalContent,
  public: publicContent,
};

/**
 * One incident, one audience → markdown and HTML. Pure: the same source and context give the same
 * bytes. Expects a source from reportSource(), whose text is already cleaned (finalize.ts). Returns undefined when the audience gets no report (a public statement with nothing
 * cleared for release).
 */
export function renderReport(src: ReportSource, audience: Audience, ctx: ReportContext): RenderedReport | undefined {
  const view = buildView(src, audience);
  const content = CONTENT[audience](view, ctx);
  if (!content) return undefined;
  const title = audience === 'public' && !view.record ? `Statement on security incident ${view.id}` : titleOf(view);
  const label: Tlp = maxTlp(view.used);
  const main: Root = { type: 'root', children: [h(1, title), ...(audience === 'public' ? [p(em(PUBLIC_NOTE))] : []), ...content] };
  const about = aboutTree(view, ctx, label);
  const preface = p(code(label), ` · ${AUDIENCE_TITLES[audience]} · ${TLP_GUIDANCE[label]}`);
  const markdown = toMarkdownReport({ type: 'root', children: [preface, ...main.children, h(2, 'About this report'), ...about.children] });
  const htmlRest = htmlPageRest({
    title: `${title} — ${AUDIENCE_TITLES[audience]}`,
    kicker: `${AUDIENCE_TITLES[audience]} · ${view.id}`,
    tlp: label, tlpGuidance: TLP_GUIDANCE[label],
    main: toHtmlFragment(main),
    footer: `<h2>About this report</h2>\n${toHtmlFragment(about)}`,
    bodyClass: audience === 'executive' ? 'compact' : undefined,
  });
  return { audience, id: view.id, title, label, markdown, htmlRest, get html() { return PAGE_HEAD + htmlRest; } };
}

function aboutTree(view: AudienceView, ctx: ReportContext, label: Tlp): Root {
  const nav = ctx.dashboardHref ? [p(link(ctx.dashboardHref, view.audience === 'public' ? 'All published statements' : 'All incidents (dashboard)'))] : [];
  return { type: 'root', children: [
    facts([
      ['Source commit', [code(ctx.commit), ctx.dirty ? ' (incident files changed since this commit)' : '']],
      // The file name carries a slug of the title: shown only where the record itself may be.
      ['Input', view.record ? [code(view.file), ' sha256 ', code(view.sha256)] : ['sha256 ', code(view.sha256)]],
      ['As of', fmtTime(ctx.generatedAt)],
      ['Label', `${label} (ceiling for this audience: ${AUDIENCE_CEILING[view.audience]})`],
      ['Generator', `incident-ledger ${ctx.toolVersion}`],
    ]),
    p(em(`Material labelled above ${AUDIENCE_CEILING[view.audience]} is replaced by a visible withheld marker that names its label. `
      + 'The same commit and inputs always produce this report byte for byte; no wall-clock time is used.')),
    ...nav,
  ] };
}

