package io.modeldeploy.operator.autoscale;

/** A load source answered nothing usable this round: the round is incomplete. */
public final class LoadUnavailable extends RuntimeException {
    public LoadUnavailable(String message) {
        super(message);
    }
}
