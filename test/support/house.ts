/**
 * The house's shape, read from the files themselves: how long each tracked file is, which project
 * file imports which, whether the layers point the right way (lambda/ at the ground, lib/ above it,
 * the tools above that) and whether any imports form a cycle. Pure over a list of files and their
 * texts, so the negative controls can hand it a made-up tree.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

/** The most lines a file of the project may have. */
export const MAX_LINES = 600;

/** Data, not code or prose: recorded AWS responses, the lock file, snapshots. */
export function isDataFile(file: string): boolean {
  return (
    file === 'package-lock.json' ||
    file.endsWith('.snap') ||
    (file.startsWith('test/fixtures/') && file.endsWith('.json'))
  );
}

/** `file (N lines)` for every file over the limit. */
export function overLong(files: ReadonlyMap<string, string>, max = MAX_LINES): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    if (isDataFile(file)) continue;
    const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    if (lines > max) out.push(`${file} (${lines} lines)`);
  }
  return out.sort();
}

/** The layer of a source file: 0 the ground (lambda/), 1 lib/, 2 the tools; undefined for tests. */
export function layerOf(file: string): number | undefined {
  const top = file.split('/')[0];
  if (top === 'lambda') return 0;
  if (top === 'lib') return 1;
  if (['bin', 'cli', 'review', 'eval', 'playground', 'scripts', 'bench'].includes(top!)) return 2;
  return undefined;
}

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Project files each source file imports (relative specifiers resolved against the list of files). */
export function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    if (!SOURCE.test(file) || layerOf(file) === undefined) continue;
    const targets = runtimeSpecifiers(file, text)
      .filter((s) => s.startsWith('.'))
      .flatMap((s) => resolve(files, path.posix.join(path.posix.dirname(file), s)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The modules a file loads when it runs: imports and re-exports that are not type-only, `require()`
 * and `import()`. A type-only import is erased by the compiler and makes no cycle at run time.
 */
export function runtimeSpecifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const literal = (n: ts.Node | undefined) => (n && ts.isStringLiteral(n) ? [n.text] : []);
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(...literal(st.moduleSpecifier));
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) out.push(...literal(st.moduleSpecifier));
  }
  const visit = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === 'require'))
    )
      out.push(...literal(n.arguments[0]));
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

function resolve(files: ReadonlyMap<string, string>, base: string): string[] {
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  for (const candidate of [
    base,
    `${stem}.ts`,
    `${stem}.mts`,
    `${stem}.cts`,
    `${stem}.js`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ])
    if (files.has(candidate)) return [candidate];
  return []; // a JSON file, a CSS file or a file outside the list: not a module edge here
}

/** `from → to` for every import that points to a higher layer. */
export function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph)
    for (const to of targets) {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (a !== undefined && b !== undefined && b > a) out.push(`${from} → ${to}`);
    }
  return out.sort();
}

/** Every import cycle, each as its files in order (Tarjan's strongly connected components). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return cycles;
}
