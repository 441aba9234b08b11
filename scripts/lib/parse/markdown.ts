import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Full GFM syntax tree of an incident body, for renderers that need tables, lists and links. */
export function parseMarkdown(body: string): Root {
  return processor.parse(body) as Root;
}
