import { formatPointer, isRecord, type StructuredDoc } from '../../parse/document';
import { cloneValue, factView, type RuleDoc } from '../view';

interface ContainerFact {
  pointer: string;
  name: string;
  image?: string;
  resources: boolean;
  probes: boolean;
  port: number;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const KSERVE_FRAMEWORKS = ['model', 'sklearn', 'xgboost', 'lightgbm', 'pytorch', 'tensorflow', 'onnx', 'triton', 'huggingface', 'pmml', 'paddle', 'mlflow'];

/** Serving containers of a Kubernetes manifest, wherever the kind keeps them (Deployment, KServe, Seldon, Knative). */
export function k8sView(base: StructuredDoc): RuleDoc {
  // Most YAML files are no manifest: read as they are, not copied (a 10,000-line config is read at every keystroke).
  if (!isRecord(base.value) || typeof base.value.kind !== 'string') return factView(base, base.value);
  const value = cloneValue(base.value) as Record<string, unknown> & { kind: string };
  const containers: ContainerFact[] = [];
  const add = (node: unknown, path: (string | number)[]) => {
    if (!isRecord(node)) return;
    const ports = Array.isArray(node.ports) ? node.ports.filter(isRecord) : [];
    const port = Number(ports[0]?.containerPort ?? 8080);
    containers.push({
      pointer: formatPointer(path), name: String(node.name ?? path[path.length - 1]),
      ...(typeof node.image === 'string' ? { image: node.image } : {}),
      resources: isRecord(node.resources) && Object.keys(node.resources).length > 0,
      probes: 'readinessProbe' in node || 'livenessProbe' in node,
      port: Number.isFinite(port) ? port : 8080,
    });
  };
  const list = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) node.forEach((c, i) => add(c, [...path, i]));
  };
  const spec = isRecord(value.spec) ? value.spec : {};
  const template = isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : undefined;
  if (WORKLOADS.has(value.kind) || (value.kind === 'Service' && String(value.apiVersion).startsWith('serving.knative.dev'))) {
    list(template?.containers, ['spec', 'template', 'spec', 'containers']);
  } else if (value.kind === 'Pod') {
    list(spec.containers, ['spec', 'containers']);
  } else if (value.kind === 'InferenceService' && isRecord(spec.predictor)) {
    list(spec.predictor.containers, ['spec', 'predictor', 'containers']);
    for (const fw of KSERVE_FRAMEWORKS) if (isRecord(spec.predictor[fw])) add({ name: fw, ...spec.predictor[fw] }, ['spec', 'predictor', fw]);
  } else if (value.kind === 'SeldonDeployment' && Array.isArray(spec.predictors)) {
    spec.predictors.forEach((p, i) => {
      if (!isRecord(p) || !Array.isArray(p.componentSpecs)) return;
      p.componentSpecs.forEach((c, j) => {
        if (isRecord(c) && isRecord(c.spec)) list(c.spec.containers, ['spec', 'predictors', i, 'componentSpecs', j, 'spec', 'containers']);
      });
    });
  }
  if (containers.length) value.$containers = containers;
  return factView(base, value);
}
