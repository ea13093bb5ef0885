/**
 * A scripted chat model: an OpenAI-compatible `/v1/chat/completions` endpoint on 127.0.0.1 for n8n's
 * own OpenAI Chat Model node (an `openAiApi` credential whose Base URL points here). No model, no network.
 *
 * The script is in the user's prompt: `[call toolA, toolB]` names the tools to call, one per turn, in that
 * order; `[args {"taskId": "…"}]` overrides arguments. Each call's arguments are built from the tool's JSON
 * schema (the request's `tools`): every property gets the value `values` gives for the tool and property,
 * else a value of its type. Once every named tool has answered (a `tool` message for each call), the model
 * answers a final message that quotes each result. Every request is logged with what it carried.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatMessage {
	role: string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

interface ToolSpec {
	type: 'function';
	function: { name: string; description?: string; parameters?: { properties?: Record<string, { type?: string | string[] }>; required?: string[] } };
}

interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: ToolSpec[];
	stream?: boolean;
}

/** One tool call the script made and the result the model was then given (undefined until it came back). */
export interface ToolRound {
	tool: string;
	callId: string;
	arguments: Record<string, unknown>;
	/** When the model answered the tool call (ms since epoch). */
	calledAt: number;
	/** The tool message content the next request carried. */
	result?: string;
	/** When the request carrying the result arrived. */
	resultAt?: number;
}

export interface ChatLogEntry {
	time: number;
	method: string;
	path: string;
	stream: boolean;
	/** Tool names the request offered. */
	tools: string[];
	messages: ChatMessage[];
	/** What the script answered: a tool call, a final message or an error. */
	answer: { kind: 'tool_call'; tool: string; arguments: Record<string, unknown> } | { kind: 'final'; content: string } | { kind: 'error'; message: string } | { kind: 'models' };
}

export interface ScriptedChatModel {
	/** Base URL for the openAiApi credential (ends in /v1). */
	url: string;
	log: ChatLogEntry[];
	/** Every tool call and the result the model received for it, in order. */
	rounds(): ToolRound[];
	close(): Promise<void>;
}

const text = (content: ChatMessage['content']): string =>
	typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : '';

/** A value of a property's type, for properties this server has no value for. */
function valueOfType(type: string | string[] | undefined): unknown {
	const first = Array.isArray(type) ? type[0] : type;
	if (first === 'number' || first === 'integer') return 1;
	if (first === 'boolean') return true;
	return 'x';
}

/** `[call a, b]` and `[args {...}]` from the latest user message. */
function readScript(messages: ChatMessage[]): { tools: string[]; args: Record<string, unknown> } {
	const prompt = text([...messages].reverse().find((message) => message.role === 'user')?.content);
	const calls = /\[call ([^\]]+)\]/.exec(prompt)?.[1] ?? '';
	const argsText = /\[args (\{.*?\})\]/s.exec(prompt)?.[1];
	return { tools: calls.split(',').map((name) => name.trim()).filter(Boolean), args: argsText ? (JSON.parse(argsText) as Record<string, unknown>) : {} };
}

/** The offered tool a script name means: exact, else the same letters and digits ignoring case. */
function findTool(tools: ToolSpec[], name: string): ToolSpec | undefined {
	const plain = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');
	return tools.find((tool) => tool.function.name === name) ?? tools.find((tool) => plain(tool.function.name) === plain(name));
}

function completion(model: string | undefined, message: ChatMessage, finishReason: string) {
	return {
		id: `chatcmpl-script-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: model ?? 'scripted',
		choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent chunks, for clients that ask for `stream: true`. */
function streamChunks(model: string | undefined, message: ChatMessage, finishReason: string): string {
	const base = { id: `chatcmpl-script-${Date.now()}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: model ?? 'scripted' };
	const delta: Record<string, unknown> = { role: 'assistant', content: message.content ?? null };
	if (message.tool_calls) delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
	const chunks = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } },
	];
	return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const body = Buffer.concat(chunks).toString('utf8');
	return body ? JSON.parse(body) : {};
}

/** What the model passes for a schema property of a tool (url, videoUrl, …); undefined: a value of its type. */
export type ArgumentValues = (tool: string, property: string) => unknown;

export async function startScriptedChatModel(values: ArgumentValues = () => undefined): Promise<ScriptedChatModel> {
	const log: ChatLogEntry[] = [];
	const rounds: ToolRound[] = [];
	let callCounter = 0;

	const answer = (request: ChatRequest): { message: ChatMessage; finish: string; entry: ChatLogEntry['answer'] } => {
		const script = readScript(request.messages);
		// Results of this conversation's calls (the agent sends the whole history each turn).
		const results = new Map(request.messages.filter((message) => message.role === 'tool').map((message) => [message.tool_call_id ?? '', text(message.content)]));
		for (const round of rounds) {
			if (round.result === undefined && results.has(round.callId)) {
				round.result = results.get(round.callId);
				round.resultAt = Date.now();
			}
		}
		const calledSoFar = request.messages.flatMap((message) => message.tool_calls ?? []);
		const next = script.tools[calledSoFar.length];
		if (next !== undefined) {
			const tool = findTool(request.tools ?? [], next);
			if (!tool) {
				const offered = (request.tools ?? []).map((spec) => spec.function.name).join(', ');
				return { message: { role: 'assistant', content: `No tool ${next} is offered (offered: ${offered}).` }, finish: 'stop', entry: { kind: 'error', message: `no tool ${next}` } };
			}
			const properties = tool.function.parameters?.properties ?? {};
			const args = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, script.args[name] ?? values(tool.function.name, name) ?? valueOfType(schema.type)]));
			const callId = `call_script_${++callCounter}`;
			rounds.push({ tool: tool.function.name, callId, arguments: args, calledAt: Date.now() });
			return {
				message: { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(args) } }] },
				finish: 'tool_calls',
				entry: { kind: 'tool_call', tool: tool.function.name, arguments: args },
			};
		}
		const quoted = calledSoFar.map((call) => `${call.function.name} answered: ${results.get(call.id) ?? '(no result)'}`).join('\n');
		const content = quoted ? `Here is what the tools said.\n${quoted}` : 'No tool was asked for.';
		return { message: { role: 'assistant', content }, finish: 'stop', entry: { kind: 'final', content } };
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const method = req.method ?? 'GET';
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (method === 'GET' && path.endsWith('/models')) {
			log.push({ time: Date.now(), method, path, stream: false, tools: [], messages: [], answer: { kind: 'models' } });
			return send(200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'test' }] });
		}
		if (method !== 'POST' || !path.endsWith('/chat/completions')) return send(404, { error: { message: `no route ${method} ${path}` } });
		const request = (await readJson(req)) as ChatRequest;
		const { message, finish, entry } = answer(request);
		log.push({
			time: Date.now(),
			method,
			path,
			stream: request.stream === true,
			tools: (request.tools ?? []).map((tool) => tool.function.name),
			messages: request.messages,
			answer: entry,
		});
		if (request.stream === true) {
			res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			res.end(streamChunks(request.model, message, finish));
			return;
		}
		send(200, completion(request.model, message, finish));
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { message: error.message } }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		log,
		rounds: () => rounds,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
