// Lints with the rule sets n8n's community package scanner applies (@n8n/scan-community-package):
// the community-nodes "recommended" config plus eslint-plugin-n8n-nodes-base's community, credentials
// and nodes sets, with the scanner's own overrides. Test and tooling code gets typescript-eslint's
// recommended rules only. The layer zones (scripts/lint/layers.mjs) keep nodes/ importing one way.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import { defineConfig } from 'eslint/config';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

import { layerRules } from './scripts/lint/layers.mjs';

export const scannerConfig = [
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];

export default defineConfig(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', '**/package-lock.json'] },
	{
		files: ['package.json', 'nodes/**/*.{ts,json}', 'credentials/**/*.{ts,json}'],
		extends: [scannerConfig],
	},
	...layerRules(fileURLToPath(new URL('.', import.meta.url))),
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
);
