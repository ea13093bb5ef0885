import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	NodeApiError,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, PACKAGE_USER_AGENT, REQUEST_BODY_LIMIT_BYTES, RETRY_POLICY } from '../core/constants';
import { megabytes, sizeWithBytes } from '../core/units';
import type { BodyPlace } from '../scheduler/bodyBudget';
import type { Budget } from '../scheduler/budgetRegistry';
import { budgetKey, processBudgets } from '../scheduler/budgetRegistry';
import { CancelledError, packageClock, pause, throwIfCancelled } from '../core/time';
import type { ServiceFamily, ServiceTarget } from './credentials';
import { loadServiceTarget } from './credentials';
import type { ApiFailure } from '../core/errors';
import { apiError, hintForAnswer, operationError, redact, withContext } from '../core/errors';
import type { AttemptOutcome } from './retry';
import { jsonBytes } from './jsonBytes';
import { classifyNetworkCode, networkCode, unreachableHint } from './network';
import { decideRetry, parseRetryAfter } from './retry';

/** A JSON request body: an object, or its bytes already written by jsonBytes (sent as they are). */
export type RequestBody = IDataObject | Buffer;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, query included. */
	path: string;
	body?: RequestBody;
	/** Safe to repeat without a second charge (status checks). Submissions are not. */
	idempotent: boolean;
	/** Words for messages: "submitting the task", "checking the task status". */
	purpose: string;
}

export interface CallScope {
	itemIndex: number;
	signal: AbortSignal;
	/** Time on the package's clock (ms) after which no retry is started. */
	deadline?: number;
}

export interface ApiResponse {
	status: number;
	body: IDataObject;
	headers: IDataObject;
}

export interface ClientOptions {
	retryUnconfirmed: boolean;
	requestTimeoutMs: number;
}

export type ErrorBodyReader = (body: IDataObject) => { code?: string; message?: string; requestId?: string };

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

function parseBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim() === '') return {};
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The single egress of the package. Every request goes through the node's credential (applied by
 * the target, see ServiceTarget.authorize), the service's request budget, and the retry policy:
 * 429 waits for Retry-After or backs off; 5xx and network failures retry only when repeating
 * cannot submit a second paid task, unless the user opted in.
 */
export class ServiceClient {
	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly target: ServiceTarget,
		private readonly budget: Budget,
		private readonly options: ClientOptions,
		private readonly readErrorBody: ErrorBodyReader,
	) {}

	async send(request: ApiRequest, scope: CallScope): Promise<ApiResponse> {
		const node = this.ctx.getNode();
		const body = this.encodeBody(request.body);
		const bodyBytes = body === undefined ? 0 : body.length;
		if (bodyBytes > REQUEST_BODY_LIMIT_BYTES) {
			throw operationError(
				node,
				`The request would be ${sizeWithBytes(bodyBytes)}, over the service's ${megabytes(REQUEST_BODY_LIMIT_BYTES)} limit`,
				scope.itemIndex,
				'Pass the file by URL (or OSS path) instead of uploading its content.',
			);
		}
		let throttleRetries = 0;
		let transientRetries = 0;
		for (;;) {
			throwIfCancelled(scope.signal);
			// Status checks take the slots submissions leave free: new work is never held up by checks.
			const release = await this.budget.acquire(scope.signal, request.idempotent ? 'check' : 'submit');
			let outcome: AttemptOutcome;
			let response: IN8nHttpFullResponse | undefined;
			let parsed: IDataObject | undefined;
			let failure: unknown;
			try {
				response = (await this.ctx.helpers.httpRequest(
					this.target.authorize({
						method: request.method,
						baseURL: this.target.baseUrl,
						url: request.path,
						body,
						headers: {
							'Content-Type': 'application/json',
							Accept: 'application/json',
							'User-Agent': PACKAGE_USER_AGENT,
						},
						json: false,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						timeout: this.options.requestTimeoutMs,
					}),
				)) as IN8nHttpFullResponse;
			} catch (error) {
				failure = error;
			} finally {
				release();
			}
			// A submission the service answered is never thrown away, even while the run is stopping:
			// its id must reach the caller so the paid work can be named.
			if (!(response && !request.idempotent)) throwIfCancelled(scope.signal);

			if (response) {
				if (response.statusCode !== 429) this.budget.recordSuccess();
				parsed = parseBody(response.body);
				const ok = response.statusCode >= 200 && response.statusCode < 300;
				outcome =
					ok && parsed === undefined
						? { type: 'unreadable' }
						: {
								type: 'response',
								status: response.statusCode,
								retryAfter: headerValue(response.headers as IDataObject, 'retry-after'),
							};
			} else {
				outcome = { type: 'network', failure: classifyNetworkCode(networkCode(failure)) };
			}

			const decision = decideRetry(outcome, {
				idempotent: request.idempotent,
				retryUnconfirmed: this.options.retryUnconfirmed,
				throttleRetries,
				transientRetries,
			});
			this.ctx.logger.debug(
				`Alibaba ${request.method} ${request.path}: ${response ? response.statusCode : networkCode(failure) ?? 'network error'}` +
					(decision.retry ? `, retrying in ${decision.delayMs} ms` : ''),
			);

			if (!decision.retry) {
				if (decision.reason === 'success' && response && parsed) {
					return { status: response.statusCode, body: parsed, headers: response.headers as IDataObject };
				}
				throw this.failureError(request, scope, outcome, decision.reason, response, parsed, failure);
			}
			if (scope.deadline !== undefined && packageClock.now() + decision.delayMs > scope.deadline) {
				// The wait's deadline ends the retries: for the waiting work this is a timeout, not a failure.
				throw withContext(this.failureError(request, scope, outcome, 'exhausted', response, parsed, failure), { deadlineReached: true });
			}
			if (decision.cause === 'throttle') {
				throttleRetries++;
				// Everyone pauses for the service's hint (or one base step); this request alone backs off further.
				const hint = outcome.type === 'response' ? parseRetryAfter(outcome.retryAfter) : undefined;
				this.budget.holdOff(Math.min(decision.delayMs, hint ?? RETRY_POLICY.initialBackoffMs));
			} else {
				transientRetries++;
			}
			await pause(decision.delayMs, scope.signal);
		}
	}

	/**
	 * The body as it goes on the wire: bytes. n8n's HTTP client sends a Buffer as it is, while it parses a
	 * JSON string once more before sending it; PAI's credential signs these exact bytes.
	 */
	private encodeBody(body: RequestBody | undefined): Buffer | undefined {
		if (body === undefined || Buffer.isBuffer(body)) return body;
		return jsonBytes(body);
	}

	/** Waits until a request body may be built: say its size once built, release the place once the service has answered. */
	async reserveBody(signal: AbortSignal): Promise<BodyPlace> {
		return await this.budget.reserveBody(signal);
	}

	/** The node run has ended: its limits no longer hold the account's shared budget. */
	leave(): void {
		this.budget.leave();
	}

	/** Requests per second the service's budget currently allows. */
	get rate(): number {
		return this.budget.rate;
	}

	/** An API-level failure found after a successful HTTP exchange (no task id, task failed …). */
	fail(failure: ApiFailure, scope: CallScope): NodeApiError {
		return apiError(this.ctx.getNode(), failure, scope.itemIndex, this.target.secrets);
	}

	private failureError(
		request: ApiRequest,
		scope: CallScope,
		outcome: AttemptOutcome,
		reason: string,
		response: IN8nHttpFullResponse | undefined,
		parsed: IDataObject | undefined,
		failure: unknown,
	) {
		const node = this.ctx.getNode();
		const { secrets, baseUrl } = this.target;
		if (failure instanceof CancelledError || (scope.signal.aborted && !response)) return new CancelledError();
		const unknownOutcome = reason === 'unknown-outcome';
		const resendHint =
			'It was not sent again, so the work cannot be created (and charged) twice. Check the service before running the item again, or turn on the Retry Unconfirmed Submissions option to resend automatically';
		const fail = (fields: ApiFailure) => apiError(node, fields, scope.itemIndex, secrets);

		if (outcome.type === 'network') {
			const code = networkCode(failure);
			const detail = redact(String((failure as Error | undefined)?.message ?? code ?? 'network error'), secrets);
			const timeoutSeconds = Math.round(this.options.requestTimeoutMs / 1000);
			if (outcome.failure === 'timed-out') {
				return fail({
					code,
					message: unknownOutcome
						? `The service did not answer within the Request Timeout (${timeoutSeconds} s) while ${request.purpose}; the service may or may not have received it`
						: `The service did not answer within the Request Timeout (${timeoutSeconds} s) while ${request.purpose}`,
					description: unknownOutcome ? `${resendHint}. A longer Request Timeout (an option of the node) gives slow answers more time` : 'Raise the Request Timeout option, or try again later',
				});
			}
			if (unknownOutcome) {
				// n8n's own text for the code (it advises retrying at once) is deliberately left out.
				return fail({
					code,
					message: `The connection broke while ${request.purpose}; the service may or may not have received it`,
					description: resendHint,
				});
			}
			return fail({ code, message: `Could not reach the service while ${request.purpose}`, description: `${unreachableHint(code, baseUrl)}. (${detail})` });
		}
		if (outcome.type === 'unreadable') {
			return fail({
				httpCode: response?.statusCode,
				code: 'MalformedResponse',
				message: unknownOutcome
					? `The service's answer was not valid JSON while ${request.purpose}; the work may or may not have been created`
					: `The service answered with a response that is not valid JSON while ${request.purpose}`,
				description: unknownOutcome ? resendHint : undefined,
			});
		}
		const fields = parsed ? this.readErrorBody(parsed) : {};
		const status = response?.statusCode;
		const message = fields.message || `The service answered HTTP ${status} while ${request.purpose}`;
		return fail({
			httpCode: status,
			code: fields.code,
			requestId: fields.requestId,
			message: unknownOutcome ? `${message} (the work may or may not have been created)` : message,
			description: unknownOutcome ? resendHint : hintForAnswer(status, fields, this.target.family, request.purpose),
		});
	}
}

/** Throughput and safety settings of one node run (see readClientOptions). */
export interface ClientSettings extends ClientOptions {
	qps: number;
	maxConcurrentRequests: number;
}

/**
 * The node run's client of one service family: its credential target, and its share of the request
 * budget of this account and service in the n8n process (see BudgetRegistry).
 */
export async function createServiceClient(
	ctx: IExecuteFunctions,
	family: ServiceFamily,
	settings: ClientSettings,
	readErrorBody: ErrorBodyReader,
	service: string = family,
): Promise<ServiceClient> {
	const target = await loadServiceTarget(ctx, family);
	const credentialId = ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined;
	const budget = processBudgets.join(budgetKey({ ...target, credentialId }, service), {
		qps: settings.qps,
		maxConcurrent: settings.maxConcurrentRequests,
	});
	const options = { retryUnconfirmed: settings.retryUnconfirmed, requestTimeoutMs: settings.requestTimeoutMs };
	return new ServiceClient(ctx, target, budget, options, readErrorBody);
}
