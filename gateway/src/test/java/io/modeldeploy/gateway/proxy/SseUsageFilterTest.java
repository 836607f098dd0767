package io.modeldeploy.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseUsageFilterTest {
    private static final String CHUNK = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n";
    private static final String USAGE = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private static List<String> texts(List<Buffer> buffers) {
        return buffers.stream().map(Buffer::toString).toList();
    }

    @Test
    void eventsPassOneByOneAndTheUsageChunkIsDroppedWhenTheClientDidNotAsk() {
        SseUsageFilter f = new SseUsageFilter(false);
        assertThat(texts(f.feed(Buffer.buffer(CHUNK)))).containsExactly(CHUNK);
        assertThat(texts(f.feed(Buffer.buffer(USAGE + DONE)))).containsExactly(DONE);
        assertThat(f.finish()).isEmpty();
        assertThat(f.usage()).contains(new Usage(7, 3));
    }

    @Test
    void theUsageChunkStaysWhenTheClientAskedForIt() {
        SseUsageFilter f = new SseUsageFilter(true);
        assertThat(texts(f.feed(Buffer.buffer(CHUNK + USAGE + DONE)))).containsExactly(CHUNK, USAGE, DONE);
        assertThat(f.usage()).contains(new Usage(7, 3));
    }

    @Test
    void anEventSplitAcrossChunksIsReleasedWhenComplete() {
        SseUsageFilter f = new SseUsageFilter(false);
        assertThat(f.feed(Buffer.buffer(CHUNK.substring(0, 10)))).isEmpty();
        assertThat(texts(f.feed(Buffer.buffer(CHUNK.substring(10) + USAGE.substring(0, 5))))).containsExactly(CHUNK);
        assertThat(texts(f.feed(Buffer.buffer(USAGE.substring(5))))).isEmpty();
        assertThat(f.usage()).contains(new Usage(7, 3));
    }

    @Test
    void crlfSeparatedEventsAndAnUnterminatedTail() {
        SseUsageFilter f = new SseUsageFilter(false);
        String crlf = "data: {\"choices\":[{}]}\r\n\r\n";
        assertThat(texts(f.feed(Buffer.buffer(crlf + "data: [DONE]")))).containsExactly(crlf);
        assertThat(f.finish().map(Buffer::toString)).contains("data: [DONE]");
    }
}
