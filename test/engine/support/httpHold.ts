import http from 'node:http';

import type { VirtualClock } from '../../unit/support/virtualClock';

/**
 * Holds the virtual clock while an HTTP exchange of this process is in flight, from the request to
 * the end of its answer: n8n's HTTP client and the emulator run on real sockets, so without it time
 * could jump ahead while an answer is on its way and the schedule would depend on the machine's load.
 */
const PATCHED = Symbol.for('n8n-nodes-alibaba-multimodal.httpHold');

type HttpModule = typeof http & { [PATCHED]?: { clock?: VirtualClock } };

function holdFor(request: http.ClientRequest, clock: VirtualClock): void {
	const release = clock.hold();
	request.once('response', (response) => {
		response.once('end', release);
		response.once('close', release);
	});
	request.once('error', release);
	request.once('close', release);
}

/** Points the hold at `clock` (undefined: stop holding). Patches http.request once per process. */
export function holdHttpFor(clock: VirtualClock | undefined): void {
	const module = http as HttpModule;
	if (!module[PATCHED]) {
		const state: { clock?: VirtualClock } = {};
		const request = module.request;
		const get = module.get;
		module.request = ((...args: Parameters<typeof http.request>) => {
			const req = request(...args);
			if (state.clock) holdFor(req, state.clock);
			return req;
		}) as typeof http.request;
		module.get = ((...args: Parameters<typeof http.get>) => {
			const req = get(...args);
			if (state.clock) holdFor(req, state.clock);
			return req;
		}) as typeof http.get;
		module[PATCHED] = state;
	}
	module[PATCHED]!.clock = clock;
}
