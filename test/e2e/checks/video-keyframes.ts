/** examples/video-keyframes.json: a video URL → a PNG frame every 10 s, one item (with binary "data") per frame. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const frames = output('Extract Keyframes');
	// The emulator's product-tour.mp4 is 35 s long: frames at 0, 10, 20 and 30 s.
	expect(frames).toHaveLength(4);
	frames.forEach((frame, index) => {
		expect(frame).toMatchObject({
			index,
			time: index * 10,
			frameIndex: index * 250,
			frameCount: 4,
			fileName: `product-tour_frame_${index}_${index * 10}s.png`,
			mimeType: 'image/png',
			status: 'SUCCESS',
			serviceId: 'ops-video-snapshot-001',
			usage: { imageCount: 4 },
		});
	});
	expect(new Set(frames.map((frame) => frame.taskId)).size).toBe(1);
}
