/**
 * HTML rendering of a review document: one self-contained file (inline CSS, the data flow as inline
 * SVG, no script, nothing fetched), readable on screen and printable (`@media print`).
 */
import type { Block, Doc } from './document';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escapes text, then turns `code` spans and `<br>` (used in table cells) into markup. */
function inline(s: string): string {
  return esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\(([\w.-]+)\)/g, '<a href="$2">$1</a>')
    .replace(/&lt;br&gt;/g, '<br>');
}

const LEVEL_LABEL = { flag: '⚠', note: 'ℹ', ok: '✓' } as const;

function block(b: Block): string {
  switch (b.type) {
    case 'h1':
      return `<h1>${inline(b.text)}</h1>`;
    case 'h2':
      return `<h2${b.id ? ` id="${esc(b.id)}"` : ''}>${inline(b.text)}</h2>`;
    case 'h3':
      return `<h3>${inline(b.text)}</h3>`;
    case 'p':
      return b.level
        ? `<p class="${b.level}"><span class="mark" aria-hidden="true">${LEVEL_LABEL[b.level]}</span> ${inline(b.text)}</p>`
        : `<p>${inline(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items
        .map((i) =>
          i.level
            ? `<li class="${i.level}"><span class="mark" aria-hidden="true">${LEVEL_LABEL[i.level]}</span> ${inline(i.text)}</li>`
            : `<li>${inline(i.text)}</li>`,
        )
        .join('')}</ul>`;
    case 'table':
      return `<div class="table"><table><thead><tr>${b.head.map((h) => `<th>${inline(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table></div>`;
    case 'diagram':
      return `<figure class="diagram">${b.svg}</figure><details><summary>Mermaid</summary><pre>${esc(b.mermaid)}</pre></details>`;
  }
}

const CSS = `
:root{--fg:#16191f;--muted:#5f6b7a;--line:#d5dbdb;--bg:#fff;--flag:#b3261e;--flag-bg:#fdecea;--ok:#1d6b35;--ok-bg:#e9f6ec;--note:#0b5394;--note-bg:#eaf2fb;--code:#f4f5f7}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Apple SD Gothic Neo",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px 28px 64px}
nav{position:sticky;top:0;background:#232f3e;color:#fff;padding:8px 28px;font-size:14px;z-index:1}
nav a{color:#fff;margin-right:16px;text-decoration:none;white-space:nowrap;display:inline-block}nav a:hover{text-decoration:underline}
h1{font-size:26px;margin:8px 0 12px}h2{font-size:20px;margin:32px 0 10px;padding-top:8px;border-top:2px solid var(--line);scroll-margin-top:72px}h3{font-size:16px;margin:20px 0 8px}
p,li{max-width:90ch}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:14px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{background:#f2f3f3}
p.flag,li.flag{color:var(--flag);background:var(--flag-bg);border-left:4px solid var(--flag);padding:4px 8px;list-style:none}
p.ok,li.ok{color:var(--ok);background:var(--ok-bg);border-left:4px solid var(--ok);padding:4px 8px;list-style:none}
p.note,li.note{color:var(--note);background:var(--note-bg);border-left:4px solid var(--note);padding:4px 8px;list-style:none}
ul{padding-left:22px}li{margin:3px 0}li.flag,li.ok,li.note{margin-left:-22px}
.mark{font-weight:700}
figure.diagram svg{max-width:100%;height:auto;display:block;margin:0 auto}
figure.diagram{margin:8px 0;overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fafafa}
svg.flow text{font:12px system-ui,sans-serif;fill:var(--fg)}
svg.flow .node rect{fill:#fff;stroke:#545b64;stroke-width:1.2}
svg.flow .node.api rect{fill:#f3e8fd;stroke:#7d3c98}svg.flow .node.function rect{fill:#fff4e5;stroke:#c45500}
svg.flow .node.service rect{fill:#e8f4fd;stroke:#0b5394}svg.flow .node.bucket rect{fill:#eaf6ea;stroke:#1d6b35}
svg.flow .node.logs rect{fill:#f2f3f3;stroke:#5f6b7a}svg.flow .node.caller rect{fill:#232f3e}svg.flow .node.caller text{fill:#fff}
svg.flow .edge{fill:none;stroke:#5f6b7a;stroke-width:1.3}svg.flow .edge.warn{stroke:var(--flag);stroke-dasharray:5 4;stroke-width:2}
svg.flow .arrowhead{fill:#5f6b7a}svg.flow .edge-label{font-size:11px;fill:var(--muted)}svg.flow .edge-label.warn{fill:var(--flag);font-weight:700}
details{margin:4px 0 12px;color:var(--muted)}pre{white-space:pre-wrap;font-size:12px;background:var(--code);padding:8px;border-radius:4px}
footer{color:var(--muted);font-size:13px;margin-top:40px}
@media print{nav,details{display:none}body{font-size:11pt}main{max-width:none;padding:0}h2{break-before:auto;break-after:avoid}table,figure,p.flag,li.flag{break-inside:avoid}a{color:inherit;text-decoration:none}.table{overflow:visible}figure.diagram svg{max-width:100%;height:auto}}
`;

export function renderHtml(doc: Doc, nav: ReadonlyArray<{ href: string; label: string }> = []): string {
  const links = [
    ...nav,
    ...doc.blocks.flatMap((b) =>
      b.type === 'h2' && b.id !== undefined ? [{ href: `#${b.id}`, label: b.text }] : [],
    ),
  ];
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<nav aria-label="sections">${links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}</a>`).join('')}</nav>
<main>
${doc.blocks.map(block).join('\n')}
<footer>npm run review</footer>
</main>
</body>
</html>
`;
}
