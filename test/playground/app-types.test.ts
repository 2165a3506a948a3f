/**
 * The page's TypeScript (playground/app) runs in a browser, so it is type-checked on its own with
 * the DOM library (playground/app/tsconfig.json); the root tsconfig has no DOM types. esbuild
 * only strips types, so this is where a type error in the page is caught.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

test('playground/app type-checks (strict, with the DOM library)', () => {
  const configPath = path.join(__dirname, '..', '..', 'playground', 'app', 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  expect(config?.options.lib).toEqual(expect.arrayContaining(['lib.dom.d.ts']));
  expect(config?.options.strict).toBe(true);
  const program = ts.createProgram({ rootNames: config!.fileNames, options: config!.options });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${path.relative(process.cwd(), d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(diagnostics).toEqual([]);
  expect(config!.fileNames.map((f) => path.basename(f))).toContain('main.ts');
});
