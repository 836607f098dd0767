package io.modeldeploy.sim.platform.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A test picks out its own service's requests by what they name, whatever else the simulator answered. */
class RequestLogTest {

    private static RecordedRequest request(String operation, String path, String rawQuery, String body) {
        return new RecordedRequest(Instant.EPOCH, operation, "POST", path, rawQuery, Map.of(), body, 200);
    }

    @Test
    void aRequestMentionsWhatItsPathDecodedQueryOrBodyNames() {
        assertThat(request("get", "/services/svc-1", null, "").mentions("svc-1")).isTrue();
        assertThat(request("list", "/services", "q=name%3Dmine-1a2b", "").mentions("name=mine-1a2b")).isTrue();
        assertThat(request("create", "/services", null, "{\"name\":\"mine-1a2b\"}").mentions("mine-1a2b")).isTrue();
        assertThat(request("create", "/services", "x=1", "{\"name\":\"other-3c4d\"}").mentions("mine-1a2b")).isFalse();
    }

    @Test
    void countsAndLastAreOfOneServicesRequestsAlone() {
        RequestLog log = new RequestLog();
        RecordedRequest mine = request("scale", "/services/mine", null, "{\"replicas\":2}");
        RecordedRequest other = request("scale", "/services/other", null, "{\"replicas\":3}");
        log.add(mine);
        log.add(other);
        log.add(request("get", "/services/mine", null, ""));

        assertThat(log.count("scale")).isEqualTo(2);
        assertThat(log.count("scale", "mine")).isEqualTo(1);
        assertThat(log.last("scale", "mine")).contains(mine);
        assertThat(log.last("scale", "nobody")).isEmpty();
        assertThat(log.about("other")).isEqualTo(List.of(other));
    }
}
