/** examples/image-content-extraction.json: three URLs → VLM extraction → search documents. */
export default function check(output: (nodeName: string) => Array<Record<string, any>>): void {
	const extracted = output('Extract Image Content');
	expect(extracted).toHaveLength(3);
	expect(extracted.map((item) => item.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
	expect(extracted[1]).toMatchObject({
		content: 'Description and text: Text recognized in https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241108/ctdzex/biaozhun.jpg',
		contentType: 'plain',
		serviceId: 'ops-image-analyze-vlm-001',
		source: { type: 'url', url: 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241108/ctdzex/biaozhun.jpg', fileName: 'biaozhun.jpg' },
	});
	expect(new Set(extracted.map((item) => item.taskId)).size).toBe(3);

	const documents = output('Search Document');
	expect(documents.map((doc) => doc.sku)).toEqual(['BL-100', 'KT-200', 'RC-300']);
	expect(documents[2].text).toBe('Description and text: Text recognized in https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250408/syuvxh/%E7%89%A9%E4%BD%93%E5%AE%9A%E4%BD%8D.png');
	expect(documents[0].taskId).toBe(extracted[0].taskId);
}
