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
			settings: {
				endpoint: 'oss-cn-shanghai.aliyuncs.com',
				bucket: 'my-bucket',
				prefix: 'uploads/',
				accessKeyId: 'LTAI-id',
				accessKeySecret: 'secret-value',
				signing: { version: 'v4', region: 'cn-shanghai' },
			},
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

	describe('how staging signs', () => {
		const gateway = { ...complete, ossEndpoint: 'https://files.example.com' };

		it('V4 by default, with the region the endpoint shows or, for a custom domain, the OSS Region field', () => {
			expect(readStagingSettings({ ...complete, ossSignatureVersion: 'v4' })).toMatchObject({ settings: { signing: { version: 'v4', region: 'cn-shanghai' } } });
			expect(readStagingSettings({ ...gateway, ossRegion: ' oss-ap-southeast-1 ' })).toMatchObject({ settings: { signing: { version: 'v4', region: 'ap-southeast-1' } } });
			expect(readStagingSettings({ ...complete, ossRegion: 'cn-shanghai' })).toMatchObject({ settings: { signing: { version: 'v4', region: 'cn-shanghai' } } });
		});

		it('names OSS Region when neither the field nor the endpoint gives the region', () => {
			expect(readStagingSettings(gateway)).toEqual({
				problem: 'OSS Endpoint "https://files.example.com" does not show the bucket\'s region, which V4 signatures need; fill OSS Region (for example cn-hangzhou)',
			});
			expect(readStagingSettings({ ...gateway, ossRegion: 'China (Hangzhou)' })).toEqual({
				problem: 'OSS Region "China (Hangzhou)" is not a region id; write it as the OSS console lists it, for example cn-hangzhou',
			});
		});

		it('refuses an OSS Region that contradicts the endpoint', () => {
			expect(readStagingSettings({ ...complete, ossRegion: 'cn-hangzhou' })).toEqual({
				problem: 'OSS Region is "cn-hangzhou" but OSS Endpoint "oss-cn-shanghai.aliyuncs.com" is in "cn-shanghai"; clear OSS Region or make the two agree',
			});
		});

		it('V1 only when asked, and then without a region', () => {
			expect(readStagingSettings({ ...gateway, ossSignatureVersion: 'v1' })).toMatchObject({ settings: { signing: { version: 'v1' } } });
		});
	});
});
