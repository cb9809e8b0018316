import type { StructuredDoc } from '../../parse/document';
import type { RuleDoc, ViewContext } from '../view';
import { bentoView, condaView, pyprojectView, requirementsView } from './deps';
import { dockerView } from './docker';
import { dvcView } from './dvc';
import { k8sView } from './k8s';
import { gitlabView, mlprojectView, paramsView } from './project';
import { ghaView } from './gha';

export type View = (doc: StructuredDoc, ctx: ViewContext) => RuleDoc;

/** Views by name: code that computes the facts rules need (a script path exists, a package's locked version...). */
export const VIEWS: Record<string, View> = {
  gha: ghaView,
  dvc: dvcView,
  requirements: requirementsView,
  conda: condaView,
  bento: bentoView,
  pyproject: pyprojectView,
  docker: (doc) => dockerView(doc),
  k8s: (doc) => k8sView(doc),
  gitlab: gitlabView,
  params: paramsView,
  mlproject: mlprojectView,
};
