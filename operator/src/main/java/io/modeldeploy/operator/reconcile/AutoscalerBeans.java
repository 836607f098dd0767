package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.autoscale.Autoscaler;
import io.modeldeploy.operator.autoscale.GatewayLoad;
import io.modeldeploy.operator.autoscale.GatewayReplicas;
import io.modeldeploy.operator.autoscale.HttpEngineQueues;
import io.modeldeploy.operator.autoscale.HttpGatewayLoad;
import io.modeldeploy.operator.autoscale.ScaleBook;
import io.modeldeploy.operator.config.OperatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The scaler's parts, made from the operator's configuration; the loop starts and stops with the operator. */
final class AutoscalerBeans {
    /** The contract's ceiling for a load poll held open. */
    private static final Duration MAX_GATEWAY_WAIT = Duration.ofSeconds(5);

    @Produces
    @Singleton
    ScaleBook scaleBook() {
        return new ScaleBook();
    }

    @Produces
    @Singleton
    GatewayLoad gatewayLoad(OperatorConfig config, Clock clock) {
        OperatorConfig.Autoscaling settings = config.autoscaling();
        GatewayReplicas replicas = new GatewayReplicas(GatewayReplicas.parse(settings.gatewayUrls().orElse(List.of())),
                InetAddress::getAllByName);
        Duration wait = settings.gatewayWait().compareTo(MAX_GATEWAY_WAIT) > 0 ? MAX_GATEWAY_WAIT : settings.gatewayWait();
        return new HttpGatewayLoad(replicas, wait, clock);
    }

    @Produces
    @Singleton
    Autoscaler autoscaler(ScaleBook book, GatewayLoad gateway, OperatorConfig config, Clock clock) {
        return new Autoscaler(book, gateway, new HttpEngineQueues(config.autoscaling().engineTimeout()), clock,
                config.autoscaling().interval());
    }

    void start(@Observes StartupEvent event, Autoscaler autoscaler) {
        autoscaler.start();
    }

    void stop(@Observes ShutdownEvent event, Autoscaler autoscaler) {
        autoscaler.close();
    }
}
