/** Markdown rendering of a review document (GitHub-flavoured: tables, and the diagram as Mermaid). */
import type { Block, Doc } from './document';

const MARK = { flag: '⚠️ ', note: 'ℹ️ ', ok: '✅ ' } as const;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function block(b: Block): string {
  switch (b.type) {
    case 'h1':
      return `# ${b.text}`;
    case 'h2':
      return `## ${b.text}`;
    case 'h3':
      return `### ${b.text}`;
    case 'p':
      return `${b.level ? MARK[b.level] : ''}${b.text}`;
    case 'list':
      return b.items.map((i) => `- ${i.level ? MARK[i.level] : ''}${i.text}`).join('\n');
    case 'table':
      return [
        `| ${b.head.map(cell).join(' | ')} |`,
        `|${b.head.map(() => '---').join('|')}|`,
        ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ].join('\n');
    case 'diagram':
      return `\`\`\`mermaid\n${b.mermaid}\n\`\`\``;
  }
}

export function renderMarkdown(doc: Doc): string {
  return `${doc.blocks.map(block).join('\n\n')}\n`;
}
