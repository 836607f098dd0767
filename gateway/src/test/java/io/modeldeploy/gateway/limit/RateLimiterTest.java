package io.modeldeploy.gateway.limit;

import io.github.bucket4j.TimeMeter;
import io.modeldeploy.gateway.catalog.Limits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final AtomicInteger replicas = new AtomicInteger(1);
    private final RateLimiter limiter = new RateLimiter(clock, replicas::get);

    private static Limits requests(int perMinute) {
        return new Limits(OptionalInt.of(perMinute), OptionalInt.empty());
    }

    private int admitted(String deployment, Limits limits, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (limiter.admit(deployment, limits) instanceof Admission.Admitted) {
                n++;
            }
        }
        return n;
    }

    @Test
    void noLimitAdmitsEverything() {
        assertThat(admitted("ns/a", Limits.NONE, 1000)).isEqualTo(1000);
    }

    @Test
    void requestsPerMinuteAreAdmittedThenRefusedWithRetryAfter() {
        assertThat(admitted("ns/a", requests(6), 10)).isEqualTo(6);
        Admission refused = limiter.admit("ns/a", requests(6));
        assertThat(refused).isInstanceOf(Admission.Refused.class);
        // One request's worth refills in 10 s.
        assertThat(((Admission.Refused) refused).retryAfterSeconds()).isEqualTo(10);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(admitted("ns/a", requests(6), 10)).isEqualTo(1);
    }

    @Test
    void eachDeploymentHasItsOwnBucket() {
        assertThat(admitted("ns/a", requests(2), 5)).isEqualTo(2);
        assertThat(admitted("ns/b", requests(2), 5)).isEqualTo(2);
    }

    @Test
    void eachReplicaEnforcesItsShare() {
        replicas.set(2);
        assertThat(admitted("ns/a", requests(10), 20)).isEqualTo(5);
        replicas.set(3);
        // A new share (ceil(10 / 3) = 4) starts a new bucket.
        assertThat(admitted("ns/a", requests(10), 20)).isEqualTo(4);
    }

    @Test
    void tokensAreChargedAfterTheAnswerAndHoldBackTheNextRequests() {
        Limits tokens = new Limits(OptionalInt.empty(), OptionalInt.of(600));
        assertThat(limiter.admit("ns/a", tokens)).isInstanceOf(Admission.Admitted.class);
        limiter.charge("ns/a", tokens, 900);
        Admission refused = limiter.admit("ns/a", tokens);
        assertThat(refused).isInstanceOf(Admission.Refused.class);
        // 300 tokens of debt plus one token, at 10 tokens per second.
        assertThat(((Admission.Refused) refused).retryAfterSeconds()).isEqualTo(31);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(limiter.admit("ns/a", tokens)).isInstanceOf(Admission.Admitted.class);
    }
}
