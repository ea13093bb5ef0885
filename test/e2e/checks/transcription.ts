/** examples/transcription.json: an OSS recording and a video URL → transcript, timed sentences and SRT. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const items = output('Transcribe');
	expect(items).toHaveLength(2);
	expect(items[0]).toMatchObject({
		text: 'Transcript of weekly-sync.mp3. This is the second sentence. Thank you for listening.',
		sentenceCount: 3,
		duration: 7.4,
		status: 'SUCCESS',
		serviceId: 'ops-audio-asr-001',
		source: { type: 'url', url: 'oss://meetings-bucket/2026/11/weekly-sync.mp3', fileName: 'weekly-sync.mp3' },
	});
	expect(items[0].sentences[1]).toEqual({ start: 2.5, end: 4.9, text: 'This is the second sentence.' });
	expect(items[0].srt).toBe(
		'1\n00:00:00,000 --> 00:00:02,400\nTranscript of weekly-sync.mp3.\n\n' +
			'2\n00:00:02,500 --> 00:00:04,900\nThis is the second sentence.\n\n' +
			'3\n00:00:05,000 --> 00:00:07,400\nThank you for listening.\n',
	);
	expect(items[0].vtt).toBeUndefined();
	expect(items[1].text).toMatch(/^Transcript of launch\.mp4\./);
	expect(new Set(items.map((item) => item.taskId)).size).toBe(2);
}
