package io.modeldeploy.operator.autoscale;

import java.util.List;
import java.util.Optional;

/** The gateway's side of the load: the latest report of each of its replicas. */
public interface GatewayLoad {

    /** The reports fresh enough to decide on, and how many replicas there are. */
    Snapshot snapshot();

    /** Polls while some deployment has spec.autoscaling, and not at all otherwise. */
    void wanted(boolean wanted);

    /** {@code listener} runs as soon as a replica reports new demand at zero (its generation moved). */
    void onNewDemand(Runnable listener);

    /**
     * @param replicas the gateway replicas there are (0: no gateway configured)
     * @param fresh    the recent reports, one per replica that answered
     */
    record Snapshot(int replicas, List<GatewayReport> fresh) {
        public Snapshot {
            fresh = List.copyOf(fresh);
        }

        /**
         * One deployment's figures summed over the replicas, and whether they are all of them: every replica
         * answered and knows the deployment (a replica that does not list it has not seen it yet).
         */
        public Figures figures(ScaleKey key) {
            GatewayReport.Figures sum = GatewayReport.Figures.NONE;
            boolean all = fresh.size() >= replicas;
            for (GatewayReport report : fresh) {
                Optional<GatewayReport.Figures> f = Optional.ofNullable(report.deployments().get(key));
                all &= f.isPresent();
                sum = sum.plus(f.orElse(GatewayReport.Figures.NONE));
            }
            return new Figures(sum.inFlight(), sum.held(), all);
        }
    }

    record Figures(int inFlight, int held, boolean complete) {
    }
}
