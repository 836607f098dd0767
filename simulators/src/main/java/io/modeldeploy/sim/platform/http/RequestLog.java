package io.modeldeploy.sim.platform.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The requests a simulator answered, oldest first, so a test can count calls (e.g. that a retried create reached
 * the vendor once) and read what was sent. Bounded, so a simulator left running does not grow without end.
 */
public final class RequestLog {
    private static final int CAPACITY = 10_000;

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();

    synchronized void add(RecordedRequest request) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    /** How many requests of this operation arrived, whatever they were answered. */
    public synchronized int count(String operation) {
        return (int) entries.stream().filter(r -> r.operation().equals(operation)).count();
    }

    /**
     * How many requests of this operation about one vendor service arrived (see {@link RecordedRequest#mentions}), so a
     * test counts its own service's calls whatever other deployments on the simulator are doing.
     */
    public synchronized int count(String operation, String about) {
        return (int) entries.stream().filter(r -> r.operation().equals(operation) && r.mentions(about)).count();
    }

    /** The requests about one vendor service (see {@link RecordedRequest#mentions}), oldest first. */
    public synchronized List<RecordedRequest> about(String text) {
        return entries.stream().filter(r -> r.mentions(text)).toList();
    }

    public synchronized Optional<RecordedRequest> last() {
        return Optional.ofNullable(entries.peekLast());
    }

    public synchronized Optional<RecordedRequest> last(String operation) {
        return entries.stream().filter(r -> r.operation().equals(operation)).reduce((first, second) -> second);
    }

    /** The last request of this operation about one vendor service (see {@link RecordedRequest#mentions}). */
    public synchronized Optional<RecordedRequest> last(String operation, String about) {
        return entries.stream().filter(r -> r.operation().equals(operation) && r.mentions(about))
                .reduce((first, second) -> second);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
