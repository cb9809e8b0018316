import type { ProjectFiles } from '../../model/files';
import { isRecord } from '../../parse/document';

/**
 * The Python version the project declares: .python-version, runtime.txt, then requires-python in
 * pyproject.toml (its lower bound). Undefined when nothing says: fixes never invent a version.
 */
export function projectPythonVersion(files: ProjectFiles): string | undefined {
  const dotfile = files.text('.python-version')?.split(/\r?\n/)[0]?.trim();
  if (dotfile && /^\d+\.\d+(\.\d+)?$/.test(dotfile)) return dotfile.split('.').slice(0, 2).join('.');
  const runtime = /python-(\d+\.\d+)/.exec(files.text('runtime.txt') ?? '')?.[1];
  if (runtime) return runtime;
  const pyproject = files.toml('pyproject.toml')?.value;
  if (isRecord(pyproject)) {
    const project = isRecord(pyproject.project) ? pyproject.project : {};
    const poetry = isRecord(pyproject.tool) && isRecord(pyproject.tool.poetry) && isRecord(pyproject.tool.poetry.dependencies) ? pyproject.tool.poetry.dependencies : {};
    const spec = typeof project['requires-python'] === 'string' ? project['requires-python'] : typeof poetry.python === 'string' ? poetry.python : undefined;
    const m = spec ? /(?:>=|~=|\^|==|~)\s*(\d+\.\d+)/.exec(spec) : null;
    if (m) return m[1];
  }
  return undefined;
}
