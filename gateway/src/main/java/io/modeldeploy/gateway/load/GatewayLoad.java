package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.GatewayConfig;
import io.modeldeploy.gateway.hold.DemandGeneration;
import io.modeldeploy.gateway.hold.HeldRequest;
import io.modeldeploy.gateway.hold.HoldQueue;
import io.modeldeploy.gateway.route.InFlight;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** What this gateway replica carries: requests in flight, requests held, and the demand generation. */
@ApplicationScoped
public class GatewayLoad {
    private final String replicaId;
    private final InFlight inFlight = new InFlight();
    private final DemandGeneration demand = new DemandGeneration();
    private final HoldQueue<HeldRequest> held;

    public GatewayLoad(GatewayConfig config) {
        // The pod's name in Kubernetes (HOSTNAME), else an id fixed for this process's life.
        this.replicaId = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                .orElseGet(() -> "gateway-" + UUID.randomUUID());
        this.held = new HoldQueue<>(config.hold().maxPerDeployment(), System::nanoTime, demand::bump);
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
