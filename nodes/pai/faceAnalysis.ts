import type { IDataObject } from 'n8n-workflow';

import { itemFor } from '../shared/io/output';
import { num, obj, str } from '../shared/core/values';
import { paiImageCapability } from './image';

/**
 * FaceAttrImage. The general model returns, per face, probability tables keyed by Chinese labels; the
 * `fairface` model returns the age range of the main face. Labels are kept as sent; an English name is
 * added only where its meaning is certain (hair-style names without an exact English term are left out).
 */
export const FACE_LABELS_EN: Record<string, string> = {
	// face shape
	三角脸: 'triangle',
	圆脸: 'round',
	心形脸: 'heart',
	方形脸: 'square',
	椭圆脸: 'oval',
	菱形脸: 'diamond',
	长脸: 'long',
	// hair colour
	其他颜色: 'other',
	咖啡色: 'coffee brown',
	奶奶灰: 'granny grey',
	栗色: 'chestnut',
	棕色: 'brown',
	渐变色: 'gradient',
	酒红色: 'wine red',
	金色: 'golden',
	黄色: 'yellow',
	黑色: 'black',
	// male hair style
	分发: 'parted',
	平头: 'crew cut',
	背头: 'slicked back',
	莫西干: 'mohawk',
	碎发: 'choppy',
	// bangs
	中分刘海: 'center-parted bangs',
	刘海编发: 'braided bangs',
	斜刘海: 'side-swept bangs',
	无刘海: 'no bangs',
	空气刘海: 'air bangs',
	齐刘海: 'blunt bangs',
	// curls
	大波浪: 'big waves',
	小波浪: 'small waves',
	羊毛卷: 'wool curls',
	// hair type and length
	卷发: 'curly',
	盘发: 'updo',
	直发: 'straight',
	中长发: 'medium length',
	短发: 'short',
	长发: 'long',
};

export const FACE_MODELS = { general: '', age: 'fairface' } as const;

export interface AttributeValue extends IDataObject {
	/** The most likely label, as the service names it. */
	label: string;
	labelEn?: string;
	probability: number;
	probabilities: IDataObject;
}

/** The most likely label of a `{label: probability}` table, with the whole table. */
export function mostLikely(table: unknown): AttributeValue | undefined {
	const entries = Object.entries(obj(table))
		.map(([label, p]) => [label, num(p)] as const)
		.filter((entry): entry is readonly [string, number] => entry[1] !== undefined);
	if (entries.length === 0) return undefined;
	const [label, probability] = entries.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
	return { label, labelEn: FACE_LABELS_EN[label], probability, probabilities: Object.fromEntries(entries) };
}

function yesNo(probability: unknown): IDataObject | undefined {
	const p = num(probability);
	// The documented threshold: >= 0.5 means tied / braided.
	return p === undefined ? undefined : { value: p >= 0.5, probability: p };
}

/** bbox is read as [left, top, right, bottom] in pixels (the sample [91, 0, 430, 452] fits that reading). */
export function faceBox(bbox: unknown): IDataObject | undefined {
	if (!Array.isArray(bbox) || bbox.length !== 4) return undefined;
	const [left, top, right, bottom] = bbox.map(num);
	if ([left, top, right, bottom].some((v) => v === undefined)) return undefined;
	return { left, top, right, bottom, width: right! - left!, height: bottom! - top! };
}

export function normalizeFace(face: unknown): IDataObject {
	const f = obj(face);
	const female = obj(f.FemaleHairStyle);
	return {
		faceIndex: num(f.index),
		box: faceBox(f.bbox),
		bbox: Array.isArray(f.bbox) ? f.bbox : undefined,
		faceScore: num(f.face_score),
		faceShape: mostLikely(f.FaceShape),
		hairColor: mostLikely(f.HairColor),
		maleHairStyle: mostLikely(f.MaleHairStyle),
		femaleHairStyle:
			f.FemaleHairStyle === undefined
				? undefined
				: {
						hairType: mostLikely(female.FemaleHairType),
						length: mostLikely(female.FemaleLongShortHair),
						curlType: mostLikely(female.FemaleCurlyHairType),
						bangs: mostLikely(female.BangsType),
						tied: yesNo(female['扎发']),
						braided: yesNo(female['编发']),
					},
	};
}

export function normalizeFaces(data: unknown): IDataObject[] {
	const attr = obj(data).attr;
	return Array.isArray(attr) ? attr.map(normalizeFace) : [];
}

/** The sample answer spells the probability key `age_raneg_prob`; both spellings are read. */
export function normalizeAge(data: unknown): IDataObject {
	const d = obj(data);
	return { ageRange: str(d.age_range), probability: num(d.age_range_prob ?? d.age_raneg_prob) };
}

export const faceAnalysis = paiImageCapability({
	action: 'FaceAttrImage',
	output(answer, item) {
		const { common, index, options } = item;
		const data = obj(answer.data);
		if (data.attr === undefined) {
			// The age model (or a custom model without per-face attributes).
			const age = normalizeAge(data);
			return age.ageRange === undefined ? { result: answer.data as IDataObject } : age;
		}
		const faces = normalizeFaces(data);
		if (options.split === false || faces.length === 0) return { faceCount: faces.length, faces };
		return faces.map((face) => itemFor({ faceCount: faces.length, ...face, ...common }, index));
	},
});
