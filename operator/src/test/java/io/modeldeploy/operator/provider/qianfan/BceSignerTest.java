package io.modeldeploy.operator.provider.qianfan;

import io.modeldeploy.operator.provider.qianfan.BceSigner.Param;
import io.modeldeploy.operator.provider.qianfan.BceSigner.Request;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The published bce-auth-v1 test vectors of vendors.md §3.1, reproduced exactly. */
class BceSignerTest {

    @Test
    void v1BceSdkJsExplicitHeadersNullAndEmptyQueryValues() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "bce.baidu.com");
        headers.put("abc", "123");
        headers.put("x-bce-meta-key1", "ABC");
        Request request = new Request("PUT", "/v1/bucket/object1",
                List.of(new Param("A", null), new Param("b", ""), new Param("C", "d")), headers,
                Set.of("host", "x-bce-meta-key1"), true);

        assertThat(BceSigner.canonicalQuery(request.query())).isEqualTo("A=&C=d&b=");
        assertThat(BceSigner.signingKey("my_sk", "bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800"))
                .isEqualTo("b358d27f22640783b887965f17e6cf57ce5b44e3e44ed171a934df6daff52a7c");
        assertThat(BceSigner.authorization("my_ak", "my_sk", Instant.ofEpochSecond(1402639056), 1800, request))
                .isEqualTo("bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/host;x-bce-meta-key1/"
                        + "80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25");
    }

    @Test
    void v2BceSdkJsDefaultHeaderSetLeavesUserAgentUnsigned() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Content-Length", "0");
        headers.put("User-Agent", "This is the user-agent");
        Request request = new Request("DELETE", "/v1/test-bucket1361199862", List.of(), headers, null, true);

        assertThat(BceSigner.authorization("my_ak", "my_sk", Instant.ofEpochSecond(1402639056), 1800, request))
                .isEqualTo("bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/content-length;content-type/"
                        + "c9386b15d585960ae5e6972f73ed92a9a682dc81025480ba5b41206d3e489822");
    }

    @Test
    void v3OfficialDocumentDefaultSetNotNamed() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "bj.bcebos.com");
        headers.put("Content-Type", "text/plain");
        headers.put("Content-Length", "8");
        headers.put("Content-Md5", "NFzcPqhviddjRNnSOGo4rw==");
        headers.put("x-bce-date", "2015-04-27T08:23:49Z");
        Request request = new Request("PUT", "/v1/test/myfolder/readme.txt",
                List.of(new Param("partNumber", "9"), new Param("uploadId", "a44cc9bab11cbd156984767aad637851")),
                headers, null, false);
        String ak = "a".repeat(32);

        assertThat(BceSigner.signingKey("b".repeat(32), "bce-auth-v1/" + ak + "/2015-04-27T08:23:49Z/1800"))
                .isEqualTo("1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479");
        assertThat(BceSigner.authorization(ak, "b".repeat(32), Instant.parse("2015-04-27T08:23:49Z"), 1800, request))
                .isEqualTo("bce-auth-v1/" + ak + "/2015-04-27T08:23:49Z/1800//"
                        + "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e");
    }

    @Test
    void v4QianfanShapedHostAndDate() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "qianfan.baidubce.com");
        headers.put("x-bce-date", "2024-01-10T08:39:09Z");
        headers.put("Content-Type", "application/json");
        Request request = new Request("POST", "/v2/service", List.of(new Param("Action", "DescribeService")), headers,
                Set.of("host", "x-bce-date"), true);

        assertThat(BceSigner.authorization("my_ak", "my_sk", Instant.parse("2024-01-10T08:39:09Z"), 1800, request))
                .isEqualTo("bce-auth-v1/my_ak/2024-01-10T08:39:09Z/1800/host;x-bce-date/"
                        + "8673224cadc22a66166adb19c78facbe97a14091bc3ffd8e90fee54b6193b574");
    }

    @Test
    void encodingFollowsRfc3986() {
        assertThat(BceSigner.encode("a b!'()*~._-/")).isEqualTo("a%20b%21%27%28%29%2A~._-%2F");
        assertThat(BceSigner.encode("千")).isEqualTo("%E5%8D%83");
        assertThat(BceSigner.canonicalUri("/v1/a b/c")).isEqualTo("/v1/a%20b/c");
    }
}
