package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Asks for one more reconcile of a LoRA base, from the reconcile of one of its services. */
@FunctionalInterface
interface BaseWakeup {
    void wake(ResourceID base);
}
