import picomatch from 'picomatch';
import type { ProjectFiles } from './files';
import { folderOf } from '../paths';

export type LfsCoverage = 'data' | 'model' | 'media' | 'other';

export interface LfsPattern {
  pattern: string;
  file: string;
  line: number;
  covers: LfsCoverage;
  matches: (path: string) => boolean;
}

const DATA = /(^|\/)(data|datasets?|raw|processed|interim|features)(\/|$)|\.(csv|tsv|parquet|jsonl|ndjson|tfrecords?|feather|arrow|avro|orc|npy|npz|xlsx?|hdf5|zarr|db|sqlite|txt\.gz|csv\.gz|json\.gz)\b/i;
const MODEL = /(^|\/)(models?|weights|checkpoints?|artifacts)(\/|$)|\.(pt|pth|ckpt|bin|safetensors|onnx|h5|keras|pkl|pickle|joblib|pb|tflite|gguf|ggml|mlmodel|model|cbm|xgb|lgb)\b/i;
const MEDIA = /\.(png|jpe?g|gif|bmp|tiff?|webp|svg|mp4|mov|avi|wav|mp3|flac|ogg|pdf|psd)\b/i;

/** git-lfs patterns from every .gitattributes, each classified by what it covers. */
export function lfsPatterns(files: ProjectFiles): LfsPattern[] {
  const out: LfsPattern[] = [];
  for (const f of files.ofKind('gitattributes')) {
    const lines = files.lines(f.path);
    if (!lines) continue;
    const base = folderOf(f.path);
    for (let i = 0; i < lines.lineCount; i++) {
      const text = lines.lineText(i).trim();
      if (!text || text.startsWith('#') || !/\bfilter=lfs\b/.test(text)) continue;
      const pattern = text.split(/\s+/)[0];
      out.push({ pattern, file: f.path, line: i, covers: classifyPattern(pattern), matches: gitattributesMatcher(base, pattern) });
    }
  }
  return out;
}

function classifyPattern(pattern: string): LfsCoverage {
  if (MODEL.test(pattern)) return 'model';
  if (DATA.test(pattern)) return 'data';
  if (MEDIA.test(pattern)) return 'media';
  return 'other';
}

/** gitattributes patterns: no slash matches the basename at any depth, otherwise relative to the file's folder. */
function gitattributesMatcher(base: string, pattern: string): (path: string) => boolean {
  const anchored = pattern.includes('/') && !pattern.endsWith('/');
  const glob = anchored ? base + pattern.replace(/^\//, '') : `${base}**/${pattern}`;
  const match = picomatch(glob, { dot: true });
  return (path) => match(path);
}

export function isModelPath(path: string): boolean {
  return MODEL.test(path);
}

export function isDataPath(path: string): boolean {
  return DATA.test(path) && !MODEL.test(path);
}
