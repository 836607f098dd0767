package io.modeldeploy.sim.platform.zstack;

/**
 * A snapshot of one SIMULATED ZStack async job. One job exists per job uuid however often a call with that
 * {@code X-Job-UUID} arrived: a test compares this with the request count to prove a retry ran once.
 *
 * @param success meaningful only when {@code done}
 */
public record ZStackJob(String uuid, String operation, boolean done, boolean success) {
}
