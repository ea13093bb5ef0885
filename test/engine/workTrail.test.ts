/**
 * The trail that outlives the process: every task, job or batch a run creates is written to n8n's log at
 * info level the moment the service returns its id, with the execution, node, item and service route, so
 * a worker that dies mid-run still leaves every paid id behind (docs/queue-mode.md).
 */
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, node, PAI_APP_ID, PAI_TOKEN, paiWorkflow, singleNode, urls } from './fixtures';
import type { CapturedLog } from './harness';
import { captureLog, runWorkflow } from './harness';

const created = (log: CapturedLog) => log.lines.filter((line) => line.message.startsWith('Alibaba Multimodal created '));

describe('created ids are logged the moment the service returns them', () => {
	let emulator: Emulator;
	let log: CapturedLog;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN }, taskLatencyMs: 60_000, paiJobLatencyMs: 100 });
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => {
		emulator.reset();
		log = captureLog();
	});
	afterEach(() => log.restore());

	it('AI Search tasks: one info line per created task, already written when the run is cancelled mid-wait', async () => {
		const transcribe = node('Transcribe', 'alibabaTranscription', { operation: 'submitAndWait', inputType: 'url', url: '={{ $json.url }}', options: { pollIntervalSeconds: 0.1 } });
		const items = urls(['https://media.example.com/a.mp3', 'https://media.example.com/b.mp3', 'https://media.example.com/c.mp3']);
		// Tasks last a minute: the run is stopped while they are still running, as a dying worker would leave them.
		const result = await runWorkflow({ ...singleNode(emulator.url, transcribe, items), cancelAfterMs: 1500 });
		expect(result.status).toBe('canceled');
		const taskIds = emulator.log.filter((entry) => entry.kind === 'submit').map((entry) => entry.taskId);
		expect(taskIds).toHaveLength(3);
		const lines = created(log);
		expect(lines.map((line) => line.level)).toEqual(['info', 'info', 'info']);
		for (const [index, id] of taskIds.entries()) {
			const line = lines.find((entry) => entry.message.includes(`task ${id} `));
			expect(line?.message).toMatch(new RegExp(`^Alibaba Multimodal created task ${id} \\(execution harness-\\d+-\\d+, node "Transcribe", item ${index}, service aiSearch audio-asr/ops-audio-asr-001\\)$`));
			expect(line?.metadata).toMatchObject({ nodeName: 'Transcribe', itemIndex: index, id: `task ${id}`, service: 'aiSearch audio-asr/ops-audio-asr-001' });
		}
		expect(JSON.stringify(log.lines)).not.toContain(API_KEY);
	});

	it('PAI jobs and batches: each item logs its job, or the batch it joined', async () => {
		const videos = urls(['https://media.example.com/v1.mp4', 'https://media.example.com/v2.mp4']);
		const params = { operation: 'submitOnly', videoUrl: '={{ $json.url }}', model: '', options: {} };
		const single = await runWorkflow(paiWorkflow(emulator.url, node('Quality', 'alibabaPaiVideoQuality', { ...params, mode: 'single' }), videos));
		expect(single.status).toBe('success');
		const jobIds = single.output('Quality').map((item) => item.json.jobId);
		expect(created(log).map((line) => line.message)).toEqual(
			jobIds.map((id, index) => expect.stringMatching(new RegExp(`^Alibaba Multimodal created job ${id} \\(execution \\S+, node "Quality", item ${index}, service pai videos\\)$`))),
		);

		log.lines.length = 0;
		const batch = await runWorkflow(paiWorkflow(emulator.url, node('Quality', 'alibabaPaiVideoQuality', { ...params, mode: 'batch' }), videos));
		const batchId = batch.output('Quality')[0].json.batchId;
		expect(created(log).map((line) => line.message)).toEqual(
			[0, 1].map((index) => expect.stringMatching(new RegExp(`^Alibaba Multimodal created batch ${batchId} \\(execution \\S+, node "Quality", item ${index}, service pai videos \\(batch\\)\\)$`))),
		);
		expect(JSON.stringify(log.lines)).not.toContain(PAI_TOKEN);
	});

	it('Get Result resumes work and creates none: nothing is logged as created', async () => {
		const resume = node('Quality', 'alibabaPaiVideoQuality', { operation: 'getResult', resumeBy: 'job', jobId: '={{ $json.jobId }}', options: { pollIntervalSeconds: 0.1 } });
		const submitted = await runWorkflow(paiWorkflow(emulator.url, node('Quality', 'alibabaPaiVideoQuality', { operation: 'submitOnly', mode: 'single', videoUrl: 'https://media.example.com/v1.mp4', model: '', options: {} }), [{ json: {} }]));
		log.lines.length = 0;
		const result = await runWorkflow(paiWorkflow(emulator.url, resume, [{ json: { jobId: submitted.output('Quality')[0].json.jobId } }]));
		expect(result.status).toBe('success');
		expect(created(log)).toHaveLength(0);
	});
});
