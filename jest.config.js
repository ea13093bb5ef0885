/**
 * Test projects by layer: unit (the engine's pieces and each capability's contract), emulator (the
 * emulator's own tests), engine (workflows through n8n-core against the emulator) and e2e (real n8n).
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }];
/** Every test must assert something (test/hasAssertions.ts). */
const setupFilesAfterEnv = ['<rootDir>/test/hasAssertions.ts'];

module.exports = {
	testTimeout: 120000,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/unit'],
			transform: { '^.+\\.ts$': tsJest },
			setupFilesAfterEnv,
		},
		{
			// The emulator's own tests, beside it: it follows the documented contract, quirks included.
			displayName: 'emulator',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/emulator'],
			testMatch: ['**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			setupFilesAfterEnv,
		},
		{
			displayName: 'engine',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/engine'],
			// Every engine test runs on a virtual clock unless its name says realTime (see the file).
			setupFilesAfterEnv: [...setupFilesAfterEnv, '<rootDir>/test/engine/support/virtualTime.ts'],
			transform: { '^.+\\.ts$': tsJest },
		},
		{
			// Real n8n (Node 24 runtime from the cache) with the packed package; run with --runInBand.
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
			transform: { '^.+\\.ts$': tsJest },
			setupFilesAfterEnv,
		},
	],
};
