package io.modeldeploy.sim.platform.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Faults a test injects into one simulator. Request faults (errors, 429 with {@code Retry-After}, slow answers) are
 * consumed one per request, in the order they were added, by requests of the named operation (or any operation);
 * they hit before the credential check, as a struggling gateway answers whoever calls. Deployment faults make a
 * service end in the vendor's failed state instead of running. A storm ({@link #storm}) fails a seeded share of all
 * requests, and an outage ({@link #down}) every request, until cleared. Thread-safe.
 *
 * <p>Operation names are listed in each simulator's Javadoc (e.g. {@code "create"}, {@code "CreateService"}).
 */
public final class Faults {
    /** Matches every operation. */
    public static final String ANY = "*";

    private enum Kind { FAIL, THROTTLE, DELAY }

    private static final class Rule {
        final String operation;
        final Kind kind;
        final int status;
        final Duration duration;
        int remaining;

        Rule(String operation, Kind kind, int status, Duration duration, int remaining) {
            this.operation = operation;
            this.kind = kind;
            this.status = status;
            this.duration = duration;
            this.remaining = remaining;
        }

        boolean appliesTo(String op) {
            return remaining > 0 && (ANY.equals(operation) || operation.equals(op));
        }
    }

    /** An error to answer instead of running the handler. */
    public record InjectedError(int status, Optional<Duration> retryAfter) {
    }

    /** What the router does to one request before handling it. */
    record Decision(Duration delay, Optional<InjectedError> error) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> failingServiceNames = new HashSet<>();
    private Duration slowAnswers = Duration.ZERO;
    private int failingDeployments;
    /** A storm: each request fails with {@link #stormStatus} at this ratio, drawn from a seeded source. */
    private double stormRatio;
    private int stormStatus;
    private Random stormDraws;
    /** Present while the vendor is down: every request answers this status (after the queued delays). */
    private Optional<Integer> outage = Optional.empty();

    /** The next {@code times} requests (any operation) answer {@code status} in the vendor's error shape. */
    public Faults failNext(int status, int times) {
        return failNext(ANY, status, times);
    }

    public synchronized Faults failNext(String operation, int status, int times) {
        requireErrorStatus(status);
        rules.add(new Rule(operation, Kind.FAIL, status, Duration.ZERO, times));
        return this;
    }

    private static void requireErrorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an injected error needs a 4xx or 5xx status, not " + status);
        }
    }

    /** The next {@code times} requests answer 429 with {@code Retry-After: <seconds>}. */
    public Faults throttleNext(int times, Duration retryAfter) {
        return throttleNext(ANY, times, retryAfter);
    }

    public synchronized Faults throttleNext(String operation, int times, Duration retryAfter) {
        rules.add(new Rule(operation, Kind.THROTTLE, 429, retryAfter, times));
        return this;
    }

    /** The next {@code times} requests are answered only after {@code delay} (a slow vendor). */
    public Faults delayNext(Duration delay, int times) {
        return delayNext(ANY, delay, times);
    }

    public synchronized Faults delayNext(String operation, Duration delay, int times) {
        rules.add(new Rule(operation, Kind.DELAY, 0, delay, times));
        return this;
    }

    /** Every answer is slowed by {@code delay} until {@link #clear()}; zero turns it off. */
    public synchronized Faults delayAll(Duration delay) {
        slowAnswers = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        return this;
    }

    /**
     * Until {@link #clear()}, each request fails with {@code status} at {@code ratio} (0 to 1), drawn from
     * {@code draws}: a seeded source makes a storm repeatable for the same sequence of requests.
     */
    public synchronized Faults storm(double ratio, int status, Random draws) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("a storm's error ratio is between 0 and 1, not " + ratio);
        }
        requireErrorStatus(status);
        stormRatio = ratio;
        stormStatus = status;
        stormDraws = draws;
        return this;
    }

    /**
     * The vendor is down until {@link #up()} or {@link #clear()}: every request answers {@code status} (as the
     * gateway in front of a vendor's API answers when the API behind it is gone).
     */
    public synchronized Faults down(int status) {
        requireErrorStatus(status);
        outage = Optional.of(status);
        return this;
    }

    /** Ends a {@link #down} outage; the other faults stay. */
    public synchronized Faults up() {
        outage = Optional.empty();
        return this;
    }

    /** Every deployment of a service with this name (now and later) ends in the vendor's failed state. */
    public synchronized Faults failDeploymentOf(String serviceName) {
        failingServiceNames.add(serviceName);
        return this;
    }

    /** The next {@code count} deployments, whatever their names, end in the vendor's failed state. */
    public synchronized Faults failNextDeployments(int count) {
        failingDeployments += count;
        return this;
    }

    /** Removes every fault that has not been consumed yet. */
    public synchronized void clear() {
        rules.clear();
        failingServiceNames.clear();
        slowAnswers = Duration.ZERO;
        failingDeployments = 0;
        stormRatio = 0;
        stormDraws = null;
        outage = Optional.empty();
    }

    /**
     * For simulators: whether a deployment of this service starting now is to fail. Consumes one
     * {@link #failNextDeployments} count when that is what decides it.
     */
    public synchronized boolean deploymentFails(String serviceName) {
        if (failingServiceNames.contains(serviceName)) {
            return true;
        }
        if (failingDeployments > 0) {
            failingDeployments--;
            return true;
        }
        return false;
    }

    synchronized Decision take(String operation) {
        Duration delay = slowAnswers;
        Optional<InjectedError> error = Optional.empty();
        boolean delayTaken = false;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (!rule.appliesTo(operation)) {
                continue;
            }
            if (rule.kind == Kind.DELAY && !delayTaken) {
                delay = delay.plus(rule.duration);
                delayTaken = true;
                rule.remaining--;
            } else if (rule.kind != Kind.DELAY && error.isEmpty()) {
                error = Optional.of(new InjectedError(rule.status,
                        rule.kind == Kind.THROTTLE ? Optional.of(rule.duration) : Optional.empty()));
                rule.remaining--;
            }
            if (rule.remaining <= 0) {
                it.remove();
            }
        }
        if (outage.isPresent()) {
            error = Optional.of(new InjectedError(outage.get(), Optional.empty()));
        } else if (error.isEmpty() && stormDraws != null && stormDraws.nextDouble() < stormRatio) {
            error = Optional.of(new InjectedError(stormStatus, Optional.empty()));
        }
        return new Decision(delay, error);
    }
}
