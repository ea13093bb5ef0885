import { randomUUID } from 'node:crypto';
import { emulatorNow } from './timers';

export type TaskOutcome =
	| { status: 'SUCCESS'; data: unknown; usage: Record<string, number> }
	| { status: 'FAIL'; error: string };

export type TaskStatus = 'PENDING' | 'SUCCESS' | 'FAIL';

export interface TaskRecord {
	id: string;
	/** Owner scope (e.g. `aiSearch:<workspace>:<service>:<serviceId>`); a lookup under another scope misses. */
	scope: string;
	createdAt: number;
	readyAt: number;
	outcome: TaskOutcome;
}

/** In-memory tasks: PENDING until readyAt (wall clock), then the outcome fixed at creation. */
export class TaskStore {
	private tasks = new Map<string, TaskRecord>();

	create(scope: string, latencyMs: number, build: (taskId: string) => TaskOutcome, now = emulatorNow()): TaskRecord {
		const id = randomUUID();
		const task: TaskRecord = { id, scope, createdAt: now, readyAt: now + latencyMs, outcome: build(id) };
		this.tasks.set(id, task);
		return task;
	}

	get(id: string, scope: string): TaskRecord | undefined {
		const task = this.tasks.get(id);
		return task && task.scope === scope ? task : undefined;
	}

	statusOf(task: TaskRecord, now = emulatorNow()): TaskStatus {
		return now < task.readyAt ? 'PENDING' : task.outcome.status;
	}

	/** Moves every task's clock forward: a task due in 5 minutes is due `ms` sooner (tests skip waiting). */
	advance(ms: number): void {
		for (const task of this.tasks.values()) {
			task.createdAt -= ms;
			task.readyAt -= ms;
		}
	}

	get size(): number {
		return this.tasks.size;
	}

	clear(): void {
		this.tasks.clear();
	}
}
