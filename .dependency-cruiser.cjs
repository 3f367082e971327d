// The layering, checked by `pnpm lint` (and so by `pnpm test`): see "Layers" in packages/server/README.md.
// api → domain → store, one way; store and domain share plain types in model/; each domain context has one
// door (index.ts); the composition roots (cli, startup, demo, bench) wire it together.
const S = '^packages/server/src/';
const test = '(\\.test\\.ts|\\.test-d\\.ts)$|/fixtures/';
const npm = (names) => `(^|/)node_modules/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Server modules never import each other in a circle (type-only links included).',
      from: { path: '^packages/server/', pathNot: test },
      to: { circular: true },
    },
    {
      name: 'no-runtime-cycles',
      severity: 'error',
      comment: 'Package modules never import each other in a circle at run time.',
      from: { path: '^packages/(?!server/)', pathNot: test },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'model-is-plain',
      severity: 'error',
      comment:
        "model/ holds plain types shared by store and domain; it imports nothing but itself and the vocabularies @hexiao/dsl's door declares for every package (types only).",
      from: { path: `${S}model/` },
      to: { pathNot: [`${S}model/`, '^packages/dsl/src/index\\.ts$'] },
    },
    {
      name: 'model-takes-only-types-from-dsl',
      severity: 'error',
      from: { path: `${S}model/` },
      to: { path: '^packages/dsl/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-holds-no-domain',
      severity: 'error',
      comment: 'The store imports no domain, API or composition code: the types it needs live in model/.',
      from: { path: `${S}store/` },
      to: { path: `${S}(?!store/|model/)` },
    },
    {
      name: 'domain-below-api',
      severity: 'error',
      comment:
        'The domain imports the store, model/, schema/, @hexiao/dsl and @hexiao/plugins/sdk, never the API or the composition roots.',
      from: { path: `${S}domain/`, pathNot: test },
      to: { path: `${S}(api|cli|config|startup|demo|bench|plugins|logger)` },
    },
    {
      name: 'domain-speaks-no-http-or-sql',
      severity: 'error',
      comment: 'Domain code is plain TypeScript: no HTTP framework, no SQL builder or database driver.',
      from: { path: `${S}domain/` },
      to: { path: npm(['hono', '@hono', 'drizzle-orm', 'postgres', '@electric-sql']) },
    },
    {
      name: 'domain-plugins-through-sdk',
      severity: 'error',
      comment: 'The domain sees connectors only through @hexiao/plugins/sdk.',
      from: { path: `${S}domain/` },
      to: { path: '^packages/plugins/src/(?!sdk/)' },
    },
    {
      name: 'one-door-per-context',
      severity: 'error',
      comment: "A domain context reaches another only through that context's door, domain/<context>/index.ts.",
      from: { path: `${S}domain/([^/]+)/` },
      to: { path: `${S}domain/[^/]+/`, pathNot: [`${S}domain/$1/`, `${S}domain/[^/]+/index\\.ts$`] },
    },
    {
      name: 'root-files-are-the-kernel',
      severity: 'error',
      comment: 'The shared domain files (context, deps, errors, ids) import no context.',
      from: { path: `${S}domain/[^/]+\\.ts$` },
      to: { path: `${S}domain/[^/]+/` },
    },
    {
      name: 'api-through-domain-doors',
      severity: 'error',
      comment:
        'The API reaches the store only through domain doors (type-only imports included): Db and every other type come from the domain.',
      from: { path: `${S}api/` },
      to: { path: [`${S}(store|model)/`, `${S}domain/[^/]+/(?!index\\.ts$)`] },
    },
    {
      name: 'api-speaks-no-sql',
      severity: 'error',
      from: { path: `${S}api/` },
      to: { path: npm(['drizzle-orm', 'postgres', '@electric-sql']) },
    },
    {
      name: 'composition-through-doors',
      severity: 'error',
      comment:
        'CLI commands, start-up and the demo seed use domain doors; only the CLI runtime opens, migrates and grants the database.',
      from: { path: `${S}(cli|startup|demo)/`, pathNot: test },
      to: {
        path: [`${S}model/`, `${S}domain/[^/]+/(?!index\\.ts$)`, `${S}store/`],
        pathNot: [`${S}store/(db|migrate|grants)\\.ts$`],
      },
    },
    {
      name: 'demo-and-startup-open-no-database',
      severity: 'error',
      from: { path: `${S}(startup|demo)/`, pathNot: test },
      to: { path: `${S}store/` },
    },
    {
      name: 'one-decimal',
      severity: 'error',
      comment:
        'Every package uses the one money Decimal @hexiao/dsl exports (packages/dsl/src/money/decimal.ts), never decimal.js directly.',
      from: {
        path: '^(packages|examples)/',
        pathNot: ['^packages/dsl/src/money/decimal\\.ts$', '^packages/dsl/bench/', test],
      },
      to: { path: npm(['decimal.js']) },
    },
    {
      name: 'dsl-depends-on-no-workspace-package',
      severity: 'error',
      from: { path: '^packages/dsl/' },
      to: { path: '^packages/(?!dsl/)' },
    },
    {
      name: 'plugins-below-server',
      severity: 'error',
      comment: '@hexiao/plugins may use @hexiao/dsl, never the server or the designer.',
      from: { path: '^packages/plugins/' },
      to: { path: '^packages/(server|designer)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // node_modules stay in the graph (not followed) so the rules about npm packages can fire
    exclude: { path: '^(packages|examples)/[^/]+/dist/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
