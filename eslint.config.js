// Syntax rules that an import graph cannot see; the import layering itself is .dependency-cruiser.cjs.
// Both run in `pnpm lint`, which `pnpm test` runs first.
import tsParser from '@typescript-eslint/parser';

const server = 'packages/server/src';
const tests = ['**/*.test.ts', '**/*.test-d.ts', '**/fixtures/**'];

export default [
  // `pnpm lint` runs this on the server's source only
  { ignores: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'] },
  {
    files: [`${server}/**/*.ts`],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
  },
  {
    files: [`${server}/**/*.ts`],
    ignores: [`${server}/config/**`, ...tests],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only config/ reads the environment; take the value from ServerConfig.',
        },
      ],
    },
  },
  {
    files: [`${server}/**/*.ts`],
    ignores: [`${server}/store/**`, ...tests],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TaggedTemplateExpression[tag.name='sql']",
          message: 'Only store/ speaks SQL: add a repository function.',
        },
        {
          selector: "TaggedTemplateExpression[tag.object.name='sql']",
          message: 'Only store/ speaks SQL: add a repository function.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'drizzle-orm', message: 'Only store/ speaks SQL.' }],
          patterns: [
            { group: ['drizzle-orm/*', 'postgres', '@electric-sql/*'], message: 'Only store/ opens the database.' },
          ],
        },
      ],
    },
  },
];
