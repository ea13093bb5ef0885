/**
 * Lazy access to n8n-core and its DI container. Nothing here runs at import time; the first
 * call happens after ./env has pointed N8N_USER_FOLDER at a temp folder.
 */
import './env';

import type * as DiModule from '@n8n/di';
import type * as CoreModule from 'n8n-core';
import { join } from 'node:path';

import { harnessTempRoot } from './env';

export type BinaryMode = 'default' | 'filesystem';

export type Core = typeof CoreModule;

let core: Core | undefined;
let di: typeof DiModule | undefined;

/** n8n-core, required on first use. */
export function loadCore(): Core {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	core ??= require('n8n-core') as Core;
	return core;
}

/** The @n8n/di Container n8n-core itself resolves services from (same hoisted module). */
export function container(): typeof DiModule.Container {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	di ??= require('@n8n/di') as typeof DiModule;
	return di.Container;
}

/** Where filesystem-mode binaries are written (inside the harness temp folder). */
export const binaryStoragePath = join(harnessTempRoot, 'binary-data');

let initialisedMode: BinaryMode | undefined;
let runsInFlight = 0;
let modeInFlight: BinaryMode | undefined;

/**
 * n8n-core's SSHClientsManager (created for every ExecuteContext, via getSSHTunnelFunctions)
 * starts a 60 s setInterval in its constructor that is never cleared outside n8n's shutdown,
 * which keeps jest from exiting. Create it up front and unref that timer.
 */
function unrefSshCleanupTimer(): void {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
			SSHClientsManager: new (...args: unknown[]) => { cleanupTimer?: NodeJS.Timeout };
		};
		container().get(SSHClientsManager).cleanupTimer?.unref();
	} catch {
		// internals moved: worst case jest reports an open handle
	}
}

/**
 * Initialises what WorkflowExecute needs from the container: InstanceSettings (writes the
 * encryption key into the temp user folder) and BinaryDataService in the requested mode.
 * Re-initialises BinaryDataService only when the mode changes. Both modes keep the
 * filesystem manager registered, so binaries stored by an earlier filesystem-mode run stay
 * readable (their ids carry the `filesystem-v2:` prefix).
 */
export async function ensureCore(mode: BinaryMode): Promise<Core> {
	const c = loadCore();
	const Container = container();
	if (initialisedMode === undefined) {
		Container.get(c.InstanceSettings);
		unrefSshCleanupTimer();
	}
	if (initialisedMode !== mode) {
		const config = Container.get(c.BinaryDataConfig);
		config.mode = mode;
		config.localStoragePath = binaryStoragePath;
		await Container.get(c.BinaryDataService).init();
		initialisedMode = mode;
	}
	return c;
}

/** Initialises n8n-core if no run has yet, without changing the current binary mode. */
export async function ensureInitialised(): Promise<Core> {
	return await ensureCore(initialisedMode ?? 'default');
}

/**
 * BinaryDataService has one process-wide mode, so concurrent runs must agree on it.
 * Returns a release function to call when the run has ended.
 */
export async function acquireBinaryMode(mode: BinaryMode): Promise<{ core: Core; release: () => void }> {
	if (runsInFlight > 0 && modeInFlight !== mode) {
		throw new Error(
			`engine harness: a run in binaryMode "${modeInFlight}" is still in flight; ` +
				`concurrent runs must use the same binaryMode (requested "${mode}")`,
		);
	}
	runsInFlight++;
	modeInFlight = mode;
	try {
		const c = await ensureCore(mode);
		let released = false;
		return {
			core: c,
			release: () => {
				if (released) return;
				released = true;
				runsInFlight--;
			},
		};
	} catch (error) {
		runsInFlight--;
		throw error;
	}
}
