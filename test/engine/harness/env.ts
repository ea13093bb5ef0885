/**
 * Process environment for the engine harness. This module has side effects and must be
 * loaded before anything calls into n8n-core's DI container: n8n-core's InstanceSettings
 * writes an encryption key to `$N8N_USER_FOLDER/.n8n/config`, and its config classes read
 * the environment when they are first constructed. `index.ts` imports it first and only
 * requires n8n-core lazily, so the order holds even if a test imports n8n-core itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fresh per test-file folder (jest gives every test file its own module registry). */
export const harnessTempRoot = mkdtempSync(join(tmpdir(), 'n8n-engine-harness-'));

process.env.N8N_USER_FOLDER = harnessTempRoot;
// n8n-core's Logger (winston) and ErrorReporter log every node error; keep test output clean.
// Set HARNESS_N8N_LOG_LEVEL=debug (or info, warn, error) to see n8n-core's own logging.
process.env.N8N_LOG_LEVEL = process.env.HARNESS_N8N_LOG_LEVEL ?? 'silent';
// Never let a developer's ~/.n8n settings or a stray encryption key leak into the harness.
delete process.env.N8N_ENCRYPTION_KEY;
delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
delete process.env.N8N_BINARY_DATA_STORAGE_PATH;
delete process.env.N8N_STORAGE_PATH;

let cleaned = false;

/** Removes the temp folder (encryption key + filesystem-mode binaries). Idempotent. */
export function cleanupHarnessTempRoot(): void {
	if (cleaned) return;
	cleaned = true;
	try {
		rmSync(harnessTempRoot, { recursive: true, force: true });
	} catch {
		// best effort
	}
}

// Inside a jest test file, clean up once the file's tests are done. (Outside jest, call
// cleanupHarness() yourself; the folder lives under the OS temp dir either way.)
const jestGlobals = globalThis as {
	afterAll?: (fn: () => void) => void;
	expect?: { getState?: () => { currentTestName?: string } };
};
// Hooks cannot be registered from inside a running test (e.g. a lazy require in a test body).
const insideTest = Boolean(jestGlobals.expect?.getState?.().currentTestName);
if (typeof jestGlobals.afterAll === 'function' && !insideTest) {
	jestGlobals.afterAll(cleanupHarnessTempRoot);
}
