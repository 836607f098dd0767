package io.modeldeploy.operator.provider;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The copied examples stay what the pages say: each is found, byte for byte, in its page under ../shared/vendor-docs/. */
class VendorDocExamplesTest {
    private static final Path PAGES = Path.of("../../shared/vendor-docs");

    /** Example resource → the page it was copied from. */
    private static final Map<String, String> SOURCES = Map.of(
            "alayanew-detail-quickstart.example.json", "alayanew-deployment-detail-quickstart.txt",
            "alayanew-detail-lora.example.json", "alayanew-deployment-detail-lora.txt",
            "qianfan-describe-service.request.example.json", "qianfan-describe-service.txt",
            "qianfan-describe-service.response.example.json", "qianfan-describe-service.txt",
            "qianfan-error.response.example.json", "qianfan-describe-service.txt",
            "drun-chat.request.example.txt", "drun-model-service-guide.txt");

    @Test
    void everyCopiedExampleIsVerbatimInItsPage() throws IOException {
        assertThat(PAGES).as("../shared beside the checkout").isDirectory();
        for (Map.Entry<String, String> example : SOURCES.entrySet()) {
            String page = Files.readString(PAGES.resolve(example.getValue()), StandardCharsets.UTF_8);
            assertThat(page).as(example.getKey()).contains(VendorDocExamples.read(example.getKey()).stripTrailing());
        }
    }
}
