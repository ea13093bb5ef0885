import { createHash } from 'crypto';

import type { BodyPlace } from './bodyBudget';
import { BUDGET_IDLE_DROP_MS, BUDGET_USER_ACTIVE_MS, BUDGETS_KEPT } from '../core/constants';
import type { RequestPriority } from './requestBudget';
import { RequestBudget } from './requestBudget';
import type { Clock } from '../core/time';
import { packageClock } from '../core/time';

/** What a node run asks of its service's budget: its Max Requests per Second and Max Concurrent Requests. */
export interface BudgetLimits {
	qps: number;
	maxConcurrent: number;
}

/** What the transport needs from a budget. */
export interface Budget {
	acquire(signal?: AbortSignal, priority?: RequestPriority): Promise<() => void>;
	holdOff(delayMs: number): void;
	recordSuccess(): void;
	/** Waits until a request body may be built (see RequestBudget.bodies); returns its place. */
	reserveBody(signal?: AbortSignal): Promise<BodyPlace>;
	/** Requests per second it currently allows. */
	readonly rate: number;
	/** The run has ended: its limits no longer hold the budget. */
	leave(): void;
}

interface Shared {
	budget: RequestBudget;
	/** Each user's limits and when it last asked for a slot. */
	users: Map<object, { limits: BudgetLimits; activeAt: number }>;
	usedAt: number;
}

/**
 * One request budget per account and service in this n8n process: concurrent executions, and several
 * nodes of one workflow, that use the same credential, endpoint and service draw from one budget, so
 * they meet the quota together instead of through 429s. Node runs may ask for different limits: the
 * budget follows the lowest limits asked by the runs that are sending (a run counts from its first
 * request until it ends, or for a minute after its last request if it never says it ended). Budgets nobody has
 * used for a while are dropped. In queue mode every worker process holds its own budgets (see the
 * Workers Sharing the Quota option).
 */
export class BudgetRegistry {
	private readonly shared = new Map<string, Shared>();

	constructor(private readonly clock: Clock = packageClock) {}

	/** A run's share of the budget under `key` (see budgetKey); created on first use. */
	join(key: string, limits: BudgetLimits): Budget {
		const now = this.clock.now();
		this.sweep(now);
		let entry = this.shared.get(key);
		if (!entry) {
			entry = { budget: new RequestBudget(limits.qps, limits.maxConcurrent, this.clock), users: new Map(), usedAt: now };
			this.shared.set(key, entry);
		}
		// Nobody else sending: this run's limits hold from the start (what it reads before its first request, too).
		if (entry.users.size === 0 && (entry.budget.qps !== limits.qps || entry.budget.maxConcurrent !== limits.maxConcurrent)) {
			entry.budget.setLimits(limits.qps, limits.maxConcurrent);
		}
		const shared = entry;
		const user = {};
		const touch = () => {
			const at = this.clock.now();
			shared.usedAt = at;
			shared.users.set(user, { limits, activeAt: at });
			this.applyLimits(shared, at);
		};
		return {
			acquire: async (signal, priority) => {
				touch();
				return await shared.budget.acquire(signal, priority);
			},
			holdOff: (delayMs) => shared.budget.holdOff(delayMs),
			recordSuccess: () => shared.budget.recordSuccess(),
			reserveBody: async (signal) => await shared.budget.bodies.acquire(signal),
			get rate() {
				return shared.budget.rate;
			},
			leave: () => {
				if (shared.users.delete(user)) this.applyLimits(shared, this.clock.now());
			},
		};
	}

	/** Budgets held (for tests and diagnostics). */
	get size(): number {
		return this.shared.size;
	}

	/** The budget under `key`, if any (for tests). */
	peek(key: string): RequestBudget | undefined {
		return this.shared.get(key)?.budget;
	}

	private applyLimits(entry: Shared, now: number): void {
		let qps = Infinity;
		let maxConcurrent = Infinity;
		for (const [user, { limits, activeAt }] of entry.users) {
			if (now - activeAt > BUDGET_USER_ACTIVE_MS) {
				entry.users.delete(user);
				continue;
			}
			qps = Math.min(qps, limits.qps);
			maxConcurrent = Math.min(maxConcurrent, limits.maxConcurrent);
		}
		// Nobody sending: the limits stay as they were until the next run asks.
		if (entry.users.size === 0) return;
		if (qps !== entry.budget.qps || maxConcurrent !== entry.budget.maxConcurrent) entry.budget.setLimits(qps, maxConcurrent);
	}

	/** Drops budgets with nothing running or waiting that nobody used for a while; keeps at most BUDGETS_KEPT. */
	private sweep(now: number): void {
		for (const [key, entry] of this.shared) {
			if (entry.budget.idle && now - entry.usedAt > BUDGET_IDLE_DROP_MS) this.shared.delete(key);
		}
		if (this.shared.size < BUDGETS_KEPT) return;
		const idle = [...this.shared].filter(([, entry]) => entry.budget.idle).sort((a, b) => a[1].usedAt - b[1].usedAt);
		for (const [key] of idle.slice(0, this.shared.size - BUDGETS_KEPT + 1)) this.shared.delete(key);
	}
}

/**
 * The key of an account's service budget: a hash of the credential (its id and its secrets), the
 * endpoint and the service. Secrets never appear in clear, and different credentials never share.
 */
export function budgetKey(identity: { credentialId?: string | null; family: string; baseUrl: string; workspacePath: string; secrets: string[] }, service: string): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify([identity.credentialId ?? '', identity.family, identity.baseUrl, identity.workspacePath, ...identity.secrets]));
	return `${hash.digest('hex')} ${service}`;
}

/** The budgets of this n8n process. */
export const processBudgets = new BudgetRegistry();
