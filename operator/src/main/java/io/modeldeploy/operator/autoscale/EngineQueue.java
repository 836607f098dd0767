package io.modeldeploy.operator.autoscale;

/**
 * One engine instance's own queue, from its Prometheus gauges.
 *
 * @param running requests in the engine's running batch
 * @param waiting requests waiting for a slot (above vLLM --max-num-seqs, SGLang --max-running-requests)
 */
public record EngineQueue(int running, int waiting) {
}
