// Lint: typescript-eslint's recommended rules plus the import directions of
// ../shared/STYLE.md: web, api, cli, jobs → domains → text, db, shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DOMAINS = [
  'accounts',
  'creators',
  'articles',
  'channels',
  'engagement',
  'ranking',
  'recommend',
  'search',
  'originality',
  'moderation',
  'feeds',
  'settings',
  'audit',
  'events',
  'media',
  'limits',
];
const EDGES = ['web', 'api', 'cli', 'jobs'];

/**
 * `../x/*` deep imports into another domain are refused; only its index.ts is
 * public. A domain's schema.ts may name another domain's tables, for foreign
 * keys only (`allowSchemas`).
 */
const deepDomainImports = (self, allowSchemas = false) =>
  DOMAINS.filter((d) => d !== self).map((d) => ({
    group: [`../${d}/*`, `!../${d}/index.js`, ...(allowSchemas ? [`!../${d}/schema.js`] : [])],
    message: `Import ${d} only through ../${d}/index.js`,
  }));

const edgeImports = EDGES.map((e) => ({
  group: [`../${e}/*`, `../../${e}/*`],
  message: 'Domains never import the edges (web, api, cli, jobs)',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'dist/',
      'coverage/',
      'bench/results/',
      'bench/scratch/',
      'scratch/',
      'src/db/migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in src/config.ts only' },
      ],
    },
  },
  ...DOMAINS.map((domain) => ({
    files: [`src/${domain}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'fastify', message: 'Domains know nothing of HTTP' }],
          patterns: [...deepDomainImports(domain), ...edgeImports],
        },
      ],
    },
  })),
  ...DOMAINS.map((domain) => ({
    files: [`src/${domain}/schema.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...deepDomainImports(domain, true), ...edgeImports] },
      ],
    },
  })),
  {
    // The edges reach data through the domains' functions, never their tables.
    files: EDGES.map((e) => `src/${e}/**/*.{ts,tsx}`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/schema.js', '../../*/schema.js', '../../../*/schema.js'],
              message: 'Edges call domain functions (index.ts), never query tables',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/text/**/*.ts', 'src/shared/**/*.ts', 'src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'fastify', message: 'Lower layers know nothing of HTTP' }],
          patterns: [
            ...edgeImports,
            ...DOMAINS.map((d) => ({
              group: [`../${d}/*`],
              message: 'Lower layers never import domains',
            })),
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/config.ts',
      'test/**',
      'bench/**',
      'scripts/**',
      '**/*.test.ts',
      'vitest.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
        FormData: 'readonly',
        location: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        Element: 'readonly',
        localStorage: 'readonly',
        NodeFilter: 'readonly',
        CSS: 'readonly',
        Highlight: 'readonly',
        SpeechSynthesisUtterance: 'readonly',
      },
    },
    // Old-browser-safe `catch (e)` in plain scripts.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
);
