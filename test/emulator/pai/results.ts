/**
 * Deterministic answers in the seed document's shapes. Values derive from a hash of the input, so the
 * same URL always gets the same score, tags and embedding.
 */
import { createHash } from 'node:crypto';
import { tinyPng } from '../png';
import { ParameterError } from './errors';

type Json = Record<string, unknown>;

function seeded(text: string): () => number {
	let state = createHash('sha256').update(text).digest().readUInt32BE(0) || 1;
	return () => {
		// xorshift32: cheap and repeatable
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return ((state >>> 0) % 1_000_000) / 1_000_000;
	};
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function topK(config: Json, key: string, fallback: number): number {
	const value = config[key];
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10) {
		throw new ParameterError(`${key} must be an integer from 1 to 10`);
	}
	return value;
}

function flag(config: Json, key: string, fallback: boolean): boolean {
	const value = config[key];
	if (value === undefined) return fallback;
	if (typeof value !== 'boolean') throw new ParameterError(`${key} must be a boolean`);
	return value;
}

function embedding(random: () => number, size: number): string {
	return Array.from({ length: size }, () => round(random() * 4 - 2, 3)).join(',');
}

function scored(labels: readonly string[], random: () => number, k: number, key: 'tag' | 'class') {
	const start = Math.floor(random() * labels.length);
	let score = 0.6 + random() * 0.39;
	return Array.from({ length: Math.min(k, labels.length) }, (_, i) => {
		score = i === 0 ? score : score * (0.7 + random() * 0.25);
		return { score: round(score, 3), [key]: labels[(start + i) % labels.length] };
	});
}

const IMAGE_TAGS = ['笑容', '女士', '美女', '微笑', '蜜茶棕', '风景', '建筑', '猫', '狗', '食物', '天空', '城市'];
const VIDEO_TAGS = ['盆栽', '植物', '种植技术', '农业技术', '种植', '全运会', '乒乓球', '运动', '有字幕', '航拍'];
const VIDEO_CLASSES = ['三农', '生活', '体育', '旅游', '美食', '科技', '教育', '游戏', '音乐', '影视'];

export function imageQa(image: string): Json {
	const random = seeded(`iqa:${image}`);
	return {
		image_height: 200 + Math.floor(random() * 1800),
		image_width: 200 + Math.floor(random() * 1800),
		iqa_result: round(random() * 100, 2),
	};
}

function distribution(labels: readonly string[], random: () => number): Json {
	const weights = labels.map(() => random() ** 3);
	const total = weights.reduce((a, b) => a + b, 0) || 1;
	return Object.fromEntries(labels.map((label, i) => [label, round(weights[i] / total, 4)]));
}

function face(random: () => number, index: number): Json {
	const x = Math.floor(random() * 300);
	const y = Math.floor(random() * 200);
	return {
		FaceShape: distribution(['三角脸', '圆脸', '心形脸', '方形脸', '椭圆脸', '菱形脸', '长脸'], random),
		FemaleHairStyle: {
			BangsType: distribution(['中分刘海', '刘海编发', '斜刘海', '无刘海', '空气刘海', '齐刘海'], random),
			FemaleCurlyHairType: distribution(['云朵卷', '大波浪', '小波浪', '氧气卷', '空气卷', '羊毛卷', '蛋卷'], random),
			FemaleHairType: distribution(['卷发', '盘发', '直发'], random),
			FemaleLongShortHair: distribution(['中长发', '短发', '长发'], random),
			扎发: round(random(), 4),
			编发: round(random(), 4),
		},
		HairColor: distribution(['其他颜色', '咖啡色', '奶奶灰', '栗色', '棕色', '渐变色', '酒红色', '金色', '黄色', '黑色'], random),
		MaleHairStyle: distribution(['分发', '圆寸', '子弹头', '平头', '板寸', '毛寸', '碎发', '背头', '莫西干'], random),
		bbox: [x, y, x + 150 + Math.floor(random() * 200), y + 150 + Math.floor(random() * 200)],
		face_score: round(random() * 5, 4),
		index,
	};
}

/** `noface` in the URL: no face; `faces`/`group`: two faces; otherwise one. */
export function faceAttributes(image: string): Json {
	const random = seeded(`face:${image}`);
	const count = /noface/i.test(image) ? 0 : /faces|group/i.test(image) ? 2 : 1;
	return { attr: Array.from({ length: count }, (_, i) => face(random, i)) };
}

const AGE_RANGES = ['0-2', '3-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70+'];

/** The seed's sample spells the probability key `age_raneg_prob`; kept as sent. */
export function age(image: string): Json {
	const random = seeded(`age:${image}`);
	return { age_range: AGE_RANGES[Math.floor(random() * AGE_RANGES.length)], age_raneg_prob: round(0.5 + random() / 2, 4) };
}

export function multiLabel(image: string, config: Json): Json {
	const random = seeded(`tags:${image}`);
	const k = topK(config, 'tag_top_k', 10);
	const data: Json = {
		image_height: 200 + Math.floor(random() * 1800),
		image_width: 200 + Math.floor(random() * 1800),
		tag_result: scored(IMAGE_TAGS, random, k, 'tag'),
	};
	if (flag(config, 'output_embedding', false)) data.embedding_result = embedding(random, 512);
	return data;
}

const TAGGER_LABELS = ['1girl', 'solo', 'long hair', 'looking at viewer', 'smile', 'black hair', 'brown eyes', 'scarf', 'lips', 'realistic'];

export function tagger(image: string, config: Json): Json {
	const threshold = config.threshold === undefined ? 0.35 : Number(config.threshold);
	if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new ParameterError('threshold must be from 0 to 1');
	const random = seeded(`tagger:${image}:${String(config.tagger_type ?? '')}`);
	const probs = TAGGER_LABELS.map(() => round(random(), 6));
	const kept = TAGGER_LABELS.filter((_, i) => probs[i] >= threshold);
	return { caption: ['sensitive', ...kept].join(', '), probs };
}

/** Image editing models answer with the edited image as base64 in `data` itself. */
export function editedImage(image: string, config: Json): string {
	if (config.degree !== undefined && (typeof config.degree !== 'number' || !Number.isFinite(config.degree))) {
		throw new ParameterError('degree must be a number');
	}
	const random = seeded(`edit:${image}:${String(config.degree ?? '')}`);
	return tinyPng(Math.floor(random() * 1000)).toString('base64');
}

export function videoQa(url: string): Json {
	const random = seeded(`vqa:${url}`);
	return {
		avg_fps: [24, 25, 30, 60][Math.floor(random() * 4)],
		duration: round(5 + random() * 60, 6),
		height: [720, 1080, 1280, 1920][Math.floor(random() * 4)],
		single_img: round(random(), 6),
		video_score: round(random() * 100, 6),
		width: [480, 720, 1080][Math.floor(random() * 3)],
	};
}

export function classifyVideo(key: string, config: Json, embeddingSize = 64): Json {
	const random = seeded(`cls:${key}`);
	const result: Json = {};
	if (flag(config, 'output_classification', true)) {
		result.classification_result = scored(VIDEO_CLASSES, random, topK(config, 'classification_top_k', 1), 'class');
	}
	result.duration = round(5 + random() * 60, 6);
	if (flag(config, 'output_embedding', true)) result.embedding_result = embedding(random, embeddingSize);
	if (flag(config, 'output_tag', true)) result.tag_result = scored(VIDEO_TAGS, random, topK(config, 'tag_top_k', 5), 'tag');
	result.video_height = [720, 1280][Math.floor(random() * 2)];
	result.video_width = [480, 720][Math.floor(random() * 2)];
	return result;
}
