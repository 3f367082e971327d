// Derives each API route's response schema from the TypeScript type of what its handler answers (the body of its
// `json(c, status, body)` or idempotent `{ status, body }` for the route's declared status), so the OpenAPI
// document and the run-time response checks cannot drift from the code: the types are the one source of truth.
// `node scripts/response-schemas.mjs` writes packages/server/src/api/response-schemas.generated.json;
// `--check` exits 1 when the committed file differs from what the code gives (run by the test suite).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import ts from 'typescript';
import prettier from 'prettier';
import TJS from 'typescript-json-schema';

const root = resolve(import.meta.dirname, '..');
const routesDir = join(root, 'packages/server/src/api/v1');
const target = join(root, 'packages/server/src/api/response-schemas.generated.json');

const files = readdirSync(routesDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => join(routesDir, f));
const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram(files, config.options);
const checker = program.getTypeChecker();
const generator = TJS.buildGenerator(program, {
  required: true,
  noExtraProps: false,
  strictNullChecks: true,
  ignoreErrors: true,
  ref: false,
  aliasRef: false,
  topRef: false,
});
if (!generator) throw new Error('typescript-json-schema could not build a generator');

const prop = (obj, name) => {
  const p = obj.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === name);
  return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
};
const text = (node) =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
    ? node.text
    : node.getText().replace(/^`|`$/g, '');

const apiDir = join(root, 'packages/server/src/api');

/** A function of the API layer the handler calls (a shared handler such as a reversal's): its answers count too. */
function apiFunction(call) {
  let symbol = checker.getSymbolAtLocation(call.expression);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol?.declarations?.[0];
  return decl && ts.isFunctionDeclaration(decl) && decl.body && decl.getSourceFile().fileName.startsWith(apiDir)
    ? decl
    : undefined;
}

/** The bodies a handler answers with, each with the status expression beside it. */
function answers(handler, seen = new Set()) {
  const found = [];
  const visit = (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const fn = apiFunction(n);
      if (fn && !seen.has(fn)) {
        seen.add(fn);
        found.push(...answers(fn.body, seen));
      }
    }
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'json' &&
      n.arguments.length === 3
    )
      found.push({ status: n.arguments[1].getText(), body: n.arguments[2] });
    if (ts.isObjectLiteralExpression(n)) {
      const status = prop(n, 'status');
      const body = prop(n, 'body');
      if (status && body) found.push({ status: status.getText(), body });
    }
    ts.forEachChild(n, visit);
  };
  visit(handler);
  return found;
}

/**
 * JSON Schema 2020-12 as the checker and OpenAPI read it, self-contained: no draft marker; a tuple as
 * `prefixItems`; a recursive type (a rule's trace tree) inlined once, its inner recursion left open (`{}`),
 * because a `$ref` into the generator's definitions names a file path and would not resolve inside OpenAPI.
 */
function tidy(schema, inlining = []) {
  if (Array.isArray(schema)) return schema.map((s) => tidy(s, inlining));
  if (!schema || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.replace(/^#\/definitions\//, ''));
    const def = generator.reffedDefinitions[name];
    if (!def || inlining.includes(name)) return {};
    return tidy(def, [...inlining, name]);
  }
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$schema' || k === 'definitions') continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, tidy(p, inlining)]));
      continue;
    }
    if (k === 'items' && Array.isArray(v)) {
      out.prefixItems = tidy(v, inlining);
      if (schema.additionalItems === undefined) out.items = false;
      continue;
    }
    if (k === 'additionalItems') {
      out.items = tidy(v, inlining);
      continue;
    }
    out[k] = tidy(v, inlining);
  }
  // a property typed `unknown` may be undefined, which JSON leaves out: it cannot be required
  if (Array.isArray(out.required) && out.properties) {
    const open = (p) => p && typeof p === 'object' && !Object.keys(p).some((k) => k !== 'description');
    out.required = out.required.filter((name) => !open(out.properties[name]));
    if (!out.required.length) delete out.required;
  }
  return out;
}

// the generator warns about every property initializer it cannot read as a default value: not ours to hear
const warn = console.warn;
const log = console.log;
console.warn = console.log = () => {};
const schemas = {};
const skipped = [];
for (const file of files) {
  const source = program.getSourceFile(file);
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'add' &&
      node.arguments.length === 2 &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      const spec = node.arguments[0];
      const method = prop(spec, 'method');
      const path = prop(spec, 'path');
      const response = prop(spec, 'response');
      const key = `${text(method).toUpperCase()} ${text(path)}`;
      const status =
        response && ts.isObjectLiteralExpression(response) ? prop(response, 'status')?.getText() : undefined;
      const declared = response && ts.isObjectLiteralExpression(response) && prop(response, 'schema');
      // the declared status, or a choice that includes it (`dryRun ? 200 : 201`)
      const bodies = answers(node.arguments[1]).filter(
        (a) => a.status === status || (a.status.includes('?') && new RegExp(`\\b${status}\\b`).test(a.status)),
      );
      if (!declared && status && status !== '204') {
        const types = bodies.map((b) => checker.getTypeAtLocation(b.body));
        const known = types.filter((t) => !(t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)));
        if (!known.length || known.length !== types.length) skipped.push(key);
        else {
          const defs = known.map((t) => tidy(generator.getTypeDefinition(t, false)));
          const unique = [...new Map(defs.map((d) => [JSON.stringify(d), d])).values()];
          schemas[key] = unique.length === 1 ? unique[0] : { anyOf: unique };
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

console.warn = warn;
console.log = log;

const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
const output = await prettier.format(JSON.stringify(sorted), {
  ...(await prettier.resolveConfig(target)),
  parser: 'json',
});
if (output.includes(root))
  throw new Error(`a schema names a path of this machine (${root}): a reference was not inlined`);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    /* missing: differs */
  }
  if (committed !== output) {
    console.error(`${target} is out of date: run node scripts/response-schemas.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, output);
  console.log(`${Object.keys(sorted).length} response schemas written; not derivable: ${skipped.join(', ') || 'none'}`);
}
