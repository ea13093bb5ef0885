import type { IDataObject } from 'n8n-workflow';

import type { WaitSettings, Waited } from './poll';
import { pollUntilDone, timeoutFailure } from './poll';
import type { SubmittedWork } from './submittedWork';
import type { TaskTimeEstimator } from './taskTimes';
import { taskTimesFor } from './taskTimes';
import type { ServiceFamily } from '../transport/credentials';
import type { ApiFailure, FailureContext } from '../core/errors';
import { contextOf, sentences, withContext } from '../core/errors';
import { jsonBytes } from '../transport/jsonBytes';
import type { CallScope, ErrorBodyReader, RequestBody, ServiceClient } from '../transport/request';
import { capitalize } from '../core/values';
import { CancelledError, packageClock } from '../core/time';

/**
 * The one async-work layer: AI Search tasks, PAI jobs and PAI batches are all submitted, checked
 * and waited for here, with one set of wait settings, one outcome type, one timeout mapping and one
 * cancel behaviour. What differs between the families is their protocol, which they inject.
 */

export type Operation = 'submitAndWait' | 'submitOnly' | 'getResult' | 'sync';

/** The service's answer, in the one form every capability reads. */
export interface Answer {
	data: unknown;
	usage: IDataObject;
	requestId?: string;
	raw: IDataObject;
}

/** One look at a piece of work: a status check, or a synchronous answer. */
export interface WorkStatus {
	id?: string;
	state: 'pending' | 'succeeded' | 'failed';
	/** The service's own word: PENDING, SUCCESS, running … */
	status: string;
	answer: Answer;
	/** Why it failed, in the service's words. */
	reason?: string;
	/** Family bookkeeping that travels into the output item (PAI: state number, batch id, create time). */
	fields?: IDataObject;
	/** What the service says the work was for (PAI batch jobs: the video URL); matches batch jobs to items. */
	key?: string;
}

export type WorkOutcome =
	| { kind: 'finished'; work: WorkStatus; requestId?: string }
	| { kind: 'pending'; id: string; status: string; fields?: IDataObject; requestId?: string; timedOut: boolean; nextStep?: string };

/**
 * What a model should do with work that is still running. A model reads words, not option names: it is
 * told to call the Get Result tool with the id later (the Get Result tool waits up to a minute too).
 */
export function agentNextStep(terms: Pick<WorkTerms, 'noun' | 'idParameter'>, id: string, status: string, waitedMs: number): string {
	const waited = waitedMs > 0 ? ` after ${Math.round(waitedMs / 1000)} s` : '';
	return (
		`The ${terms.noun} is still running on the service (status ${status}${waited}); it is not finished and has no result yet. ` +
		`Call the Get Result tool with ${terms.idParameter} "${id}" in about a minute to collect the result; ` +
		'if it is still running then, call it again later.'
	);
}

/**
 * A status check whose answer says nothing usable (no status, no job): read as "not known yet" a few
 * times, then a failure that names the work, the same rule for every family.
 */
export class UnreadableAnswer extends Error {
	constructor(readonly what: string) {
		super(`The service's answer had no ${what}`);
		this.name = 'UnreadableAnswer';
	}
}

/** Consecutive unreadable status answers before the wait gives up on them. */
export const MAX_UNREADABLE_CHECKS = 3;

/** Adds how to resume the work to an error's description (n8n errors only; others pass through). */
function withResumeNote<T>(error: T, note: string): T {
	const target = error as { description?: string | null; context?: object } | undefined;
	if (!target || typeof target !== 'object' || !target.context) return error;
	if (target.description?.includes(note)) return error;
	target.description = sentences(target.description, note);
	return error;
}

/** A family's words for its async work: option texts, messages, parameter names and defaults. */
export interface WorkTerms {
	/** "task", "job" */
	noun: string;
	/** The Get Result parameter that holds the id: taskId, jobId. */
	idParameter: string;
	/** "Task ID", "Job ID" */
	idLabel: string;
	/** How a submitted piece of work is named in messages: "abc-123", "job 42". */
	label(id: string): string;
	/** What a just-submitted piece of work reports before its first check. */
	submitted: { status: string; fields?: IDataObject };
	intervalSeconds: number;
	timeoutSeconds: number;
}

/** How a service family submits, checks and calls, and how its answers read. `nodes/shared` imports none. */
export interface Protocol {
	family: ServiceFamily;
	readErrorBody: ErrorBodyReader;
	terms: WorkTerms;
	call(client: ServiceClient, route: string, body: RequestBody, scope: CallScope): Promise<WorkStatus>;
	submit(client: ServiceClient, route: string, body: RequestBody, scope: CallScope): Promise<{ id: string; requestId?: string }>;
	check(client: ServiceClient, route: string, id: string, scope: CallScope): Promise<WorkStatus>;
	/** Why a typed-in id cannot be one of this family's, before any request is sent. */
	idProblem(id: string): string | undefined;
	/** The error of work that ended failed. */
	failure(work: WorkStatus, route: string): ApiFailure;
	/** Facts that name a piece of work in errors and Continue On Fail items. */
	context(id: string | undefined, route: string, work?: WorkStatus): FailureContext;
	/** The bookkeeping fields of an output item. */
	fields(outcome: WorkOutcome, route: string): IDataObject;
	batch?: BatchProtocol;
}

/** Families that take many inputs as one piece of work (PAI batch jobs). */
export interface BatchProtocol {
	terms: { noun: string; idParameter: string; idLabel: string };
	idProblem(id: string): string | undefined;
	submit(client: ServiceClient, route: string, body: IDataObject, scope: CallScope): Promise<{ id: string; requestId?: string }>;
	check(client: ServiceClient, id: string, scope: CallScope): Promise<{ works: WorkStatus[]; requestId?: string }>;
	/** Gives each input key its piece of work from the batch (same order as `keys`). */
	match(keys: string[], works: WorkStatus[]): Array<WorkStatus | undefined>;
}

/**
 * Checks until `check` says done or the deadline passes (a last check is made at the deadline); the
 * deadline also bounds the retries of each check, and cancellation stops at once. An answer that says
 * nothing (UnreadableAnswer) counts as "not known yet" up to MAX_UNREADABLE_CHECKS times in a row;
 * then `unreadable` makes the error that names the work. One rule for tasks, jobs and batches.
 */
export async function waitFor<T>(
	check: (deadline: number) => Promise<{ done: true; value: T } | { done: false; status: string }>,
	wait: WaitSettings,
	signal: AbortSignal,
	options: { deadline: number; unreadable: (what: string) => Error; times?: TaskTimeEstimator },
): Promise<Waited<T>> {
	const { deadline } = options;
	let status = 'unknown';
	let unreadable = 0;
	const notKnownYet = (error: unknown) => {
		if (!(error instanceof UnreadableAnswer)) throw error;
		if (++unreadable > MAX_UNREADABLE_CHECKS) throw options.unreadable(error.what);
		return { done: false as const, status };
	};
	return await pollUntilDone<T>({
		intervalMs: wait.pollIntervalMs,
		deadline,
		signal,
		times: options.times,
		check: async () => {
			try {
				const result = await check(deadline);
				unreadable = 0;
				if (!result.done) status = result.status;
				return result;
			} catch (error) {
				return notKnownYet(error);
			}
		},
	});
}

/** Which learned task time a piece of work follows: its service family, endpoint and route (no secrets). */
export function workTimesKey(client: ServiceClient, route: string, kind: 'work' | 'batch' = 'work'): string {
	return `${client.target.family} ${client.target.baseUrl} ${kind} ${route}`;
}

/** The error of a wait that hit its deadline, naming what to resume and how. */
export function timeoutError(
	client: ServiceClient,
	work: { noun: string; id: string; status: string; resumeWith: string },
	wait: WaitSettings,
	scope: CallScope,
	context: FailureContext,
) {
	const failure = timeoutFailure({ noun: capitalize(work.noun), id: work.id, state: work.status, resumeWith: work.resumeWith }, wait.timeoutMs);
	return withContext(client.fail(failure, scope), { ...context, status: work.status });
}

/** The error when a wait's status answers kept saying nothing usable. */
export function unreadableError(client: ServiceClient, work: string, what: string, scope: CallScope) {
	return client.fail({ code: 'UnreadableStatus', message: `The service's status answers for ${work} had no ${what}` }, scope);
}

function succeeded(protocol: Protocol, client: ServiceClient, work: WorkStatus, route: string, scope: CallScope): WorkStatus {
	if (work.state !== 'failed') return work;
	throw withContext(client.fail(protocol.failure(work, route), scope), protocol.context(work.id, route, work));
}

function nextStepOf(terms: WorkTerms, id: string, status: string, wait: WaitSettings): { nextStep?: string } {
	return wait.forAgent ? { nextStep: agentNextStep(terms, id, status, wait.timeoutMs) } : {};
}

async function waitForWork(
	protocol: Protocol,
	client: ServiceClient,
	route: string,
	id: string,
	wait: WaitSettings,
	scope: CallScope,
	submission?: { requestId?: string },
): Promise<WorkOutcome> {
	const { terms } = protocol;
	const requestId = submission?.requestId;
	const resumeNote = `${capitalize(terms.noun)} ${id} was created on the service; resume it with the Get Result operation and ${terms.idLabel} ${id}`;
	const deadline = packageClock.now() + wait.timeoutMs;
	let last: WorkStatus | undefined;
	let waited: Waited<WorkStatus>;
	try {
		waited = await waitFor<WorkStatus>(
			async () => {
				last = await protocol.check(client, route, id, { ...scope, deadline });
				return last.state === 'pending' ? { done: false, status: last.status } : { done: true, value: last };
			},
			wait,
			scope.signal,
			{
				deadline,
				unreadable: (what) => unreadableError(client, `${terms.noun} ${id}`, what, scope),
				// Resumed work started at an unknown time: it is checked soon and teaches nothing about task times.
				times: submission ? taskTimesFor(workTimesKey(client, route)) : undefined,
			},
		);
	} catch (error) {
		// The deadline ran out while a status check was still being retried: that is a timeout too.
		if (wait.onTimeout === 'output' && !(error instanceof CancelledError) && (contextOf(error).deadlineReached || packageClock.now() >= deadline)) {
			const status = last?.status ?? 'unknown';
			return { kind: 'pending', id, status, fields: last?.fields, requestId, timedOut: true, ...nextStepOf(terms, id, status, wait) };
		}
		throw withResumeNote(withContext(error, protocol.context(id, route, last)), resumeNote);
	}
	if (!waited.timedOut) return { kind: 'finished', work: succeeded(protocol, client, waited.value, route, scope), requestId };
	if (wait.onTimeout === 'output') {
		return { kind: 'pending', id, status: waited.status, fields: last?.fields, requestId, timedOut: true, ...nextStepOf(terms, id, waited.status, wait) };
	}
	const resumeWith = `the Get Result operation and ${terms.idLabel} ${id}`;
	throw timeoutError(client, { noun: terms.noun, id, status: waited.status, resumeWith }, wait, scope, protocol.context(id, route));
}

/**
 * Builds the item's body once a place for it is free, writes it to its bytes at once (so while it waits
 * for a request slot only those bytes are held, not the file read for it), sends it, and frees the place
 * when the service has answered.
 */
async function withBody<T>(client: ServiceClient, request: WorkRequest, scope: CallScope, send: (body: Buffer) => Promise<T>): Promise<T> {
	const place = await client.reserveBody(scope.signal);
	try {
		const body = jsonBytes(request.body ? await request.body() : {});
		place.built(body.length);
		return await send(body);
	} finally {
		place.release();
	}
}

/** What one item asks of the work layer. */
export interface WorkRequest {
	route: string;
	/** Builds the request body when the item's turn comes (submit and sync operations). */
	body?: () => Promise<IDataObject>;
	/** The id to resume (Get Result). */
	id?: string;
}

/**
 * Runs one item's operation. A submitted id is recorded the moment it is known, so a later failure,
 * timeout or cancel can always name the work to resume.
 */
export async function runWork(
	protocol: Protocol,
	client: ServiceClient,
	operation: Operation,
	request: WorkRequest,
	wait: WaitSettings,
	scope: CallScope,
	submitted: SubmittedWork,
): Promise<WorkOutcome> {
	const { route } = request;
	if (operation === 'getResult') {
		const id = request.id ?? '';
		submitted.add(scope.itemIndex, protocol.terms.label(id));
		return await waitForWork(protocol, client, route, id, wait, scope);
	}
	// The body is built only when a place for it is free, and inline, so nothing holds it once the
	// service has answered: bodies in memory follow Max Concurrent Requests and a bound in bytes.
	if (operation === 'sync') {
		const work = await withBody(client, request, scope, async (body) => await protocol.call(client, route, body, scope));
		return { kind: 'finished', work: succeeded(protocol, client, work, route, scope) };
	}
	const answer = await withBody(client, request, scope, async (body) => await protocol.submit(client, route, body, scope));
	submitted.add(scope.itemIndex, protocol.terms.label(answer.id), { what: `${protocol.terms.noun} ${answer.id}`, route });
	if (operation === 'submitOnly') {
		const { status, fields } = protocol.terms.submitted;
		return { kind: 'pending', id: answer.id, status, fields, requestId: answer.requestId, timedOut: false, ...nextStepOf(protocol.terms, answer.id, status, { ...wait, timeoutMs: 0 }) };
	}
	return await waitForWork(protocol, client, route, answer.id, wait, scope, { requestId: answer.requestId });
}
