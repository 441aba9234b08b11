import { Document, Scalar, visit } from 'yaml';
import { needsQuotesForYaml11 } from '../parse/yaml-scalars.ts';

/**
 * An incident file's text from front-matter data and a markdown body. Every string that a YAML 1.1
 * reader or our own narrow scalar rules could read as something else (yes/no, numbers, dates) is
 * double-quoted, so what is written is exactly what every reader gets back. No line folding: long
 * values stay on one line and diffs stay readable.
 */
export function incidentText(frontMatter: Record<string, unknown>, body: string): string {
  const doc = new Document(frontMatter, { keepUndefined: false });
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && needsQuotesForYaml11(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const yaml = doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: true });
  const text = body.startsWith('\n') ? body : `\n${body}`;
  return `---\n${yaml}---\n${text.endsWith('\n') ? text : `${text}\n`}`;
}
