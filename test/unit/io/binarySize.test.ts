// A stored binary's size comes from IBinaryData.bytes when n8n recorded it, so preparing an item reads
// nothing; a stored binary without it (older n8n, or built by hand) has its metadata read, never the file.
import type { IBinaryData, IExecuteFunctions, INode } from 'n8n-workflow';

import { REQUEST_BODY_LIMIT_BYTES } from '../../../nodes/shared/core/constants';
import { prepareInput } from '../../../nodes/shared/io/input';

function fakeContext(binary: IBinaryData, metadataSize?: number) {
	const calls = { metadata: 0, buffer: 0, stream: 0 };
	const node = { name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
	const ctx = {
		getNode: () => node,
		getInputData: () => [{ json: {}, binary: { data: binary } }],
		helpers: {
			assertBinaryData: () => binary,
			getBinaryMetadata: async () => {
				calls.metadata++;
				return { fileName: binary.fileName, mimeType: binary.mimeType, fileSize: metadataSize };
			},
			getBinaryDataBuffer: async () => {
				calls.buffer++;
				return Buffer.alloc(10);
			},
			getBinaryStream: async () => {
				calls.stream++;
				return (async function* () {})();
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

const stored = (extra: Partial<IBinaryData>): IBinaryData => ({
	id: 'filesystem-v2:workflows/1/executions/1/binary_data/abc',
	data: 'filesystem-v2',
	mimeType: 'image/png',
	fileName: 'photo.png',
	...extra,
});

describe('binary size before the item runs', () => {
	it('takes IBinaryData.bytes of a stored file without reading its metadata', async () => {
		const { ctx, calls } = fakeContext(stored({ bytes: 1234 }), 999);
		const prepared = await prepareInput(ctx, 0, { type: 'binary', binaryPropertyName: 'data' });
		expect(prepared.source.sizeBytes).toBe(1234);
		expect(calls).toEqual({ metadata: 0, buffer: 0, stream: 0 });
	});

	it('reads the metadata of a stored file that has no bytes field', async () => {
		const { ctx, calls } = fakeContext(stored({}), 4321);
		const prepared = await prepareInput(ctx, 0, { type: 'binary', binaryPropertyName: 'data' });
		expect(prepared.source.sizeBytes).toBe(4321);
		expect(calls).toEqual({ metadata: 1, buffer: 0, stream: 0 });
	});

	it('refuses a stored file over the request limit from its bytes field, before anything is read', async () => {
		const { ctx, calls } = fakeContext(stored({ bytes: REQUEST_BODY_LIMIT_BYTES }));
		await expect(prepareInput(ctx, 0, { type: 'binary', binaryPropertyName: 'data' })).rejects.toThrow(/photo\.png/);
		expect(calls).toEqual({ metadata: 0, buffer: 0, stream: 0 });
	});

	it('measures an in-memory file from its base64, whatever bytes says', async () => {
		const data = Buffer.alloc(300).toString('base64');
		const { ctx, calls } = fakeContext({ data, mimeType: 'image/png', fileName: 'photo.png', bytes: 7 });
		const prepared = await prepareInput(ctx, 0, { type: 'binary', binaryPropertyName: 'data' });
		expect(prepared.source.sizeBytes).toBe(300);
		expect(calls).toEqual({ metadata: 0, buffer: 0, stream: 0 });
	});
});
