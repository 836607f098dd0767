package io.modeldeploy.operator.autoscale;

import java.util.List;

/**
 * What the scaler observed of one deployment in one round.
 *
 * @param inFlight requests the gateway forwarded and that have not finished, summed over its replicas
 * @param held     requests the gateway holds because no instance is ready, summed over its replicas
 * @param engines  each ready instance's own queue (empty where engines are not scraped: a managed platform)
 * @param complete every gateway replica and every ready instance answered: only a complete round may vote
 *                 for fewer instances, so a replica that is lost cannot cause a scale-down
 */
public record Load(int inFlight, int held, List<EngineQueue> engines, boolean complete) {
    public Load {
        engines = List.copyOf(engines);
    }

    public int engineRunning() {
        return engines.stream().mapToInt(EngineQueue::running).sum();
    }

    public int engineWaiting() {
        return engines.stream().mapToInt(EngineQueue::waiting).sum();
    }

    /**
     * Requests that need an instance now. The gateway's in-flight requests are the engines' running and waiting
     * ones seen from the other side, so the larger of the two counts (the engines also see requests that bypass
     * the gateway), plus what the gateway holds (which no engine sees).
     */
    public int demand() {
        return Math.max(inFlight, engineRunning() + engineWaiting()) + held;
    }
}
