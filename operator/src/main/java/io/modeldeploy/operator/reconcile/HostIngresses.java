package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.List;

/** The Ingresses of ModelDeployments, in every namespace the operator watches, that route a host. */
interface HostIngresses {

    List<Ingress> routing(String host, Context<ModelDeployment> context);

    /** The Ingress informer's cache: it holds the operator's Ingresses of every watched namespace, and nothing else. */
    @SuppressWarnings("unchecked")
    static HostIngresses fromInformer() {
        return (host, context) -> ((Cache<Ingress>) context.eventSourceRetriever().getEventSourceFor(Ingress.class))
                .list(ingress -> HostClaim.routes(ingress, host)).toList();
    }
}
