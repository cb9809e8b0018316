import type { StructuredDoc } from '../../parse/document';
import { cloneValue, factView, type RuleDoc } from '../view';

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
  [fact: string]: unknown;
}

const DATA_PATH = /(^|\/)(data|datasets?|raw|processed)(\/|$)|\.(csv|tsv|parquet|jsonl|feather|arrow|tfrecords?|npy|npz|h5|hdf5)$/i;
const WEIGHTS_PATH = /(^|\/)(models?|weights|checkpoints?)(\/|$)|\.(pt|pth|ckpt|bin|safetensors|onnx|pkl|pickle|joblib|keras|gguf)$/i;

/** Facts about a Dockerfile: base images, the final stage's user, exposed port and health check, copied data. */
export function dockerView(base: StructuredDoc): RuleDoc {
  const value = cloneValue(base.value) as { instructions: Instruction[]; [fact: string]: unknown };
  const ins = value.instructions ?? [];
  const stageNames = new Set<string>();
  let lastFrom = -1;
  ins.forEach((i, n) => {
    if (i.keyword !== 'FROM') return;
    lastFrom = n;
    const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    const image = words[0] ?? '';
    const alias = /^as$/i.test(words[1] ?? '') ? words[2] : undefined;
    const known = image === 'scratch' || stageNames.has(image.toLowerCase()) || image.includes('$');
    const digest = image.includes('@sha256:');
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    i.$image = { name: image, unpinned: !known && !digest && (!tag || tag === 'latest') };
    if (alias) stageNames.add(alias.toLowerCase());
  });
  if (lastFrom >= 0) {
    const finalStage = ins.slice(lastFrom);
    const from = ins[lastFrom].$image as { name: string };
    value.$lastFrom = lastFrom;
    value.$userAfterLastFrom = finalStage.some((i) => i.keyword === 'USER' && !/^(root|0)(:|$)/.test(i.args.trim()));
    value.$addUser = /alpine/i.test(from.name) ? 'RUN adduser -D -u 1000 app\nUSER app' : 'RUN useradd --create-home --uid 1000 app\nUSER app';
    const expose = finalStage.findIndex((i) => i.keyword === 'EXPOSE');
    if (expose >= 0) {
      const port = /\d+/.exec(finalStage[expose].args)?.[0];
      value.$expose = { index: lastFrom + expose, ...(port ? { port } : {}) };
      value.$healthcheck = finalStage.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args.trim()));
    }
  }
  const noPipCache = ins.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /\bPIP_NO_CACHE_DIR\b/.test(i.args));
  for (const i of ins) {
    if (i.keyword === 'RUN' && noPipCache) i.$pipCacheOff = true;
    if ((i.keyword === 'COPY' || i.keyword === 'ADD') && !/--from=/.test(i.args)) {
      const paths = i.args.replace(/--\S+/g, '').trim().split(/\s+/);
      const copied = paths.slice(0, -1).find((p) => DATA_PATH.test(p) || WEIGHTS_PATH.test(p));
      if (copied) i.$copiesData = copied;
    }
  }
  return factView(base, value);
}
