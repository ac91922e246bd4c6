export { chaosPlanIssues } from './chaos-plan-issues.js';
export { renderChaosMesh, type ChaosMeshWorkflow, type WorkflowTemplate } from './render-chaos-mesh.js';
export { renderLitmus, type LitmusChaosEngine, type LitmusExperiment } from './render-litmus.js';
export { resolveChaos, type AbortCheck, type ChaosTool, type ResolvedChaos } from './resolve-chaos.js';
