package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.GatewayConfig;
import io.modeldeploy.gateway.hold.DemandGeneration;
import io.modeldeploy.gateway.hold.HeldRequest;
import io.modeldeploy.gateway.hold.HoldQueue;
import io.modeldeploy.gateway.route.InFlight;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;

/** What this gateway replica carries: requests in flight, requests held, and the demand generation. */
@ApplicationScoped
public class GatewayLoad {
    private final String replicaId;
    private final InFlight inFlight = new InFlight();
    private final DemandGeneration demand = new DemandGeneration();
    private final HoldQueue<HeldRequest> held;

    @Inject
    public GatewayLoad(GatewayConfig config) {
        // The pod's name in Kubernetes (HOSTNAME), else an id fixed for this process's life.
        this(Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                .orElseGet(() -> "gateway-" + UUID.randomUUID()), config.hold().maxPerDeployment());
    }

    public GatewayLoad(String replicaId, int maxHeldPerDeployment) {
        this.replicaId = replicaId;
        this.held = new HoldQueue<>(maxHeldPerDeployment, System::nanoTime, demand::bump);
    }

    public String replicaId() {
        return replicaId;
    }

    public InFlight inFlight() {
        return inFlight;
    }

    public DemandGeneration demand() {
        return demand;
    }

    public HoldQueue<HeldRequest> held() {
        return held;
    }
}
