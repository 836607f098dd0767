package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Ids;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ZStack's async API jobs (vendors.md §2): a call is accepted with 202 and a job uuid (the client's
 * {@code X-Job-UUID} if it sent one); the job's result is polled at {@code /v1/api-jobs/{uuid}}. A job uuid already
 * seen is never executed again: the retried call gets the first call's job, whatever its result.
 */
final class ZStackJobs {
    /** A finished job: its 200 body, or its {@code {"error":…}} body answered with 503. */
    record Outcome(boolean success, ObjectNode body) {
        static Outcome success(ObjectNode body) {
            return new Outcome(true, body);
        }

        static Outcome failure(ZStackErrors.ApiFailure failure) {
            return new Outcome(false, failure.body());
        }
    }

    /** When a job finishes and what it then reports (computed at that time, e.g. the group's inventory). */
    record Plan(Instant doneAt, Supplier<Outcome> outcome) {
        static Plan failedNow(Instant now, ZStackErrors.ApiFailure failure) {
            return new Plan(now, () -> Outcome.failure(failure));
        }
    }

    private static final class Job {
        final String uuid;
        final String operation;
        final Plan plan;
        Outcome outcome;

        Job(String uuid, String operation, Plan plan) {
            this.uuid = uuid;
            this.operation = operation;
            this.plan = plan;
        }
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Clock clock;

    ZStackJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code execute} and records its job, unless a job with {@code clientJobUuid} exists: then nothing runs.
     * Holding the lock while executing keeps two concurrent calls with one job uuid from both running.
     *
     * @param clientJobUuid the {@code X-Job-UUID} header, or null for a fresh uuid
     * @return the job uuid
     */
    synchronized String submit(String clientJobUuid, String operation, Supplier<Plan> execute) {
        if (clientJobUuid != null && jobs.containsKey(clientJobUuid)) {
            return clientJobUuid;
        }
        String uuid = clientJobUuid != null ? clientJobUuid : Ids.compactUuid();
        jobs.put(uuid, new Job(uuid, operation, execute.get()));
        return uuid;
    }

    /** Empty when unknown (expired); otherwise the outcome, which is empty while still processing. */
    synchronized Optional<Optional<Outcome>> poll(String uuid) {
        Job job = jobs.get(uuid);
        if (job == null) {
            return Optional.empty();
        }
        return Optional.of(outcomeOf(job, clock.instant()));
    }

    /** Test hook: forgets every job, so polls answer 404 ("the job has been expired"). */
    synchronized void expireAll() {
        jobs.clear();
    }

    synchronized List<ZStackJob> snapshot() {
        Instant now = clock.instant();
        return jobs.values().stream().map(job -> {
            Optional<Outcome> outcome = outcomeOf(job, now);
            return new ZStackJob(job.uuid, job.operation, outcome.isPresent(),
                    outcome.map(Outcome::success).orElse(false));
        }).toList();
    }

    private static Optional<Outcome> outcomeOf(Job job, Instant now) {
        if (job.outcome == null && !now.isBefore(job.plan.doneAt())) {
            job.outcome = job.plan.outcome().get();
        }
        return Optional.ofNullable(job.outcome);
    }
}
