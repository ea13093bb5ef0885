/**
 * A minimal MCP client for n8n's MCP Server Trigger (streamable HTTP): enough to list tools and call them
 * the way an AI agent's host would, without a language model.
 */
export interface McpToolResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

export class McpClient {
	private sessionId?: string;

	private nextId = 1;

	/** `headers`: sent with every request (the instance MCP server wants `Authorization: Bearer <MCP API key>`). */
	constructor(
		private readonly endpoint: string,
		private readonly headers: Record<string, string> = {},
	) {}

	/** `initialize` then `notifications/initialized`; retries while n8n is still registering the webhook. */
	async connect(timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				await this.request('initialize', {
					protocolVersion: '2025-03-26',
					capabilities: {},
					clientInfo: { name: 'e2e', version: '1.0.0' },
				});
				break;
			} catch (error) {
				if (Date.now() > deadline || !/answered 404/.test((error as Error).message)) throw error;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		}
		await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
	}

	async listTools(): Promise<Array<{ name: string; description?: string; inputSchema: { properties?: Record<string, unknown>; required?: string[] } }>> {
		return ((await this.request('tools/list', {})) as { tools: never[] }).tools;
	}

	async callTool(name: string, args: Record<string, unknown>): Promise<McpToolResult> {
		return (await this.request('tools/call', { name, arguments: args })) as McpToolResult;
	}

	private async request(method: string, params: object): Promise<unknown> {
		const id = this.nextId++;
		const message = (await this.post({ jsonrpc: '2.0', id, method, params })) as { result?: unknown; error?: { message: string } };
		if (message?.error) throw new Error(`MCP ${method} failed: ${message.error.message}`);
		return message?.result;
	}

	private async post(body: object): Promise<unknown> {
		const response = await fetch(this.endpoint, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json, text/event-stream',
				...this.headers,
				...(this.sessionId ? { 'mcp-session-id': this.sessionId } : {}),
			},
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`MCP endpoint answered ${response.status}: ${text.slice(0, 500)}`);
		this.sessionId = response.headers.get('mcp-session-id') ?? this.sessionId;
		if (!text.trim()) return undefined;
		// Streamable HTTP answers either plain JSON or one server-sent event carrying the JSON.
		const data = text.startsWith('{') ? text : text.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5)).join('');
		return JSON.parse(data);
	}
}
