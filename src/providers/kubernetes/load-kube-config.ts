import { KubeConfig } from '@kubernetes/client-node';
import { NotFoundError } from '../../core/errors.js';

/**
 * A KubeConfig switched to one context: from the given file, else $KUBECONFIG or ~/.kube/config.
 * Throws NotFoundError naming the context (never the file's contents) when it is not there.
 */
export function loadKubeConfig(config: { context: string; kubeconfig?: string }): KubeConfig {
  const kc = new KubeConfig();
  if (config.kubeconfig) kc.loadFromFile(config.kubeconfig);
  else kc.loadFromDefault();
  if (!kc.getContextObject(config.context)) {
    throw new NotFoundError(`kubeconfig context ${config.context} not found${config.kubeconfig ? ` in ${config.kubeconfig}` : ''}`);
  }
  kc.setCurrentContext(config.context);
  return kc;
}
