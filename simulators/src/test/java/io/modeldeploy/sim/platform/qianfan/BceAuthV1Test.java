package io.modeldeploy.sim.platform.qianfan;

import io.modeldeploy.sim.platform.qianfan.BceAuthV1.Param;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The published bce-auth-v1 test vectors of vendors.md §3.1 (V1–V3), and the computed Qianfan-shaped V4. */
class BceAuthV1Test {
    private static final Instant V1_TIME = Instant.ofEpochSecond(1402639056);

    @Test
    void v1DefaultHeadersAndNullQueryValues() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "bce.baidu.com");
        headers.put("abc", "123");
        headers.put("x-bce-meta-key1", "ABC");
        List<Param> query = List.of(new Param("A", null), new Param("b", ""), new Param("C", "d"));

        assertThat(BceAuthV1.timestamp(V1_TIME)).isEqualTo("2014-06-13T05:57:36Z");
        assertThat(BceAuthV1.canonicalQueryString(query)).isEqualTo("A=&C=d&b=");
        assertThat(BceAuthV1.signingKey("my_sk", BceAuthV1.authStringPrefix("my_ak", V1_TIME, 1800)))
                .isEqualTo("b358d27f22640783b887965f17e6cf57ce5b44e3e44ed171a934df6daff52a7c");
        assertThat(BceAuthV1.authorization("my_ak", "my_sk", V1_TIME, 1800, "PUT", "/v1/bucket/object1", query,
                headers, null, true))
                .isEqualTo("bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/host;x-bce-meta-key1/"
                        + "80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25");
    }

    @Test
    void v2ContentHeadersSignedAndUserAgentNot() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Content-Length", "0");
        headers.put("User-Agent", "This is the user-agent");

        assertThat(BceAuthV1.authorization("my_ak", "my_sk", V1_TIME, 1800, "DELETE", "/v1/test-bucket1361199862",
                List.of(), headers, null, true))
                .isEqualTo("bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/content-length;content-type/"
                        + "c9386b15d585960ae5e6972f73ed92a9a682dc81025480ba5b41206d3e489822");
    }

    @Test
    void v3OfficialExampleWithEmptySignedHeaders() {
        Instant time = BceAuthV1.parseTimestamp("2015-04-27T08:23:49Z");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "bj.bcebos.com");
        headers.put("Content-Type", "text/plain");
        headers.put("Content-Length", "8");
        headers.put("Content-Md5", "NFzcPqhviddjRNnSOGo4rw==");
        headers.put("x-bce-date", "2015-04-27T08:23:49Z");
        List<Param> query = List.of(new Param("partNumber", "9"),
                new Param("uploadId", "a44cc9bab11cbd156984767aad637851"));
        String ak = "a".repeat(32);
        String sk = "b".repeat(32);

        assertThat(BceAuthV1.signingKey(sk, BceAuthV1.authStringPrefix(ak, time, 1800)))
                .isEqualTo("1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479");
        assertThat(BceAuthV1.authorization(ak, sk, time, 1800, "PUT", "/v1/test/myfolder/readme.txt", query, headers,
                null, false))
                .isEqualTo("bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800//"
                        + "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e");
    }

    @Test
    void v4QianfanShapedWithAnExplicitHeaderList() {
        Instant time = BceAuthV1.parseTimestamp("2024-01-10T08:39:09Z");
        Map<String, String> headers = Map.of("host", "qianfan.baidubce.com", "x-bce-date", "2024-01-10T08:39:09Z",
                "content-type", "application/json");

        assertThat(BceAuthV1.authorization("my_ak", "my_sk", time, 1800, "POST", "/v2/service",
                List.of(new Param("Action", "DescribeService")), headers, List.of("host", "x-bce-date"), true))
                .isEqualTo("bce-auth-v1/my_ak/2024-01-10T08:39:09Z/1800/host;x-bce-date/"
                        + "8673224cadc22a66166adb19c78facbe97a14091bc3ffd8e90fee54b6193b574");
    }

    @Test
    void encodingFollowsRfc3986() {
        assertThat(BceAuthV1.uriEncode("a b!'()*~-._/中", false)).isEqualTo("a%20b%21%27%28%29%2A~-._%2F%E4%B8%AD");
        assertThat(BceAuthV1.canonicalUri("/v1/a b/c")).isEqualTo("/v1/a%20b/c");
        assertThat(BceAuthV1.canonicalQueryString(List.of(new Param("authorization", "x"), new Param("k", "v"))))
                .as("the authorization parameter is never signed").isEqualTo("k=v");
    }
}
