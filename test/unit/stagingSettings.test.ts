import { readStagingSettings } from '../../nodes/shared/staging/settings';

describe('the OSS staging settings of the credential', () => {
	const complete = {
		ossStaging: true,
		ossEndpoint: ' oss-cn-shanghai.aliyuncs.com ',
		ossBucket: 'my-bucket',
		ossKeyPrefix: '/uploads',
		ossAccessKeyId: 'LTAI-id',
		ossAccessKeySecret: 'secret-value',
	};

	it('reads complete settings, trimmed, with the prefix as a folder', () => {
		expect(readStagingSettings(complete)).toEqual({
			settings: { endpoint: 'oss-cn-shanghai.aliyuncs.com', bucket: 'my-bucket', prefix: 'uploads/', accessKeyId: 'LTAI-id', accessKeySecret: 'secret-value' },
		});
		expect(readStagingSettings({ ...complete, ossKeyPrefix: '' })).toMatchObject({ settings: { prefix: '' } });
	});

	it('says the switch is off, whatever the fields hold', () => {
		expect(readStagingSettings({ ...complete, ossStaging: false })).toEqual({ problem: '"Stage Large Files in OSS" is off in the Alibaba Cloud Multimodal API credential' });
		expect(readStagingSettings({ authType: 'aiSearch', apiKey: 'OS-x' })).toHaveProperty('problem');
	});

	it('names every missing field, in the order of the dialog', () => {
		expect(readStagingSettings({ ...complete, ossEndpoint: '', ossAccessKeyId: '  ' })).toEqual({
			problem: "The credential's OSS staging settings lack OSS Endpoint, OSS AccessKey ID",
		});
	});
});
