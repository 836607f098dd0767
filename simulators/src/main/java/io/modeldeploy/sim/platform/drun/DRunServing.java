package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Instant;

/** One simulated d.run ModelServing, mutable under the {@link DRunStore}'s lock. */
final class DRunServing {
    static final String DEPLOYING = "DEPLOYING";
    static final String RUNNING = "RUNNING";
    static final String SCALING = "SCALING";
    static final String STOPPED = "STOPPED";
    static final String FAILED = "FAILED";
    static final String DELETING = "DELETING";

    final String id;
    final String name;
    final Instant createdAt;
    /** The create body as received. */
    final ObjectNode request;
    int replicas;
    Timeline<String> status;
    /** Set once deleted: the object disappears at this instant. */
    Instant deleteAt;

    DRunServing(String id, String name, Instant createdAt, ObjectNode request, int replicas) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
        this.request = request;
        this.replicas = replicas;
    }
}
