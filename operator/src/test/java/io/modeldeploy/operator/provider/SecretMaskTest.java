package io.modeldeploy.operator.provider;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

    @Test
    void everyValueIsHiddenAlsoUrlEncodedAndJsonEscaped() {
        SecretMask mask = SecretMask.of(List.of("s3cr/et+key\"x"));

        assertThat(mask.hide("a s3cr/et+key\"x b")).isEqualTo("a *** b");
        assertThat(mask.hide("q=s3cr%2Fet%2Bkey%22x")).isEqualTo("q=***");
        assertThat(mask.hide("{\"k\":\"s3cr\\/et+key\\\"x\"}")).isEqualTo("{\"k\":\"***\"}");
    }

    @Test
    void aValueContainingAnotherIsHiddenWhole() {
        assertThat(SecretMask.of(List.of("abcd", "abcdefgh")).hide("abcdefgh")).isEqualTo("***");
    }

    @Test
    void valuesTooShortToBeCredentialsDoNotHideOrdinaryWords() {
        assertThat(SecretMask.of(List.of("a", "", "ok")).hide("a book is ok")).isEqualTo("a book is ok");
    }

    @Test
    void anExcerptIsMaskedBeforeItIsCutSoNoPartOfASecretSurvives() {
        String secret = "k".repeat(40);
        String text = "x".repeat(SecretMask.MAX_EXCERPT - 10) + secret;

        String excerpt = SecretMask.of(List.of(secret)).excerpt(text);

        assertThat(excerpt).doesNotContain("kkkk").endsWith("***");
        assertThat(SecretMask.excerpt("y".repeat(5000), SecretMask.MAX_EXCERPT)).hasSize(SecretMask.MAX_EXCERPT + 3);
        assertThat(SecretMask.excerpt("line one\nline\ttwo\r\n", 100)).isEqualTo("line one line two");
    }

    @Test
    void credentialsMaskTheirValuesAndWhatWasDerivedFromThem() {
        VendorCredentials credentials = new VendorCredentials(Map.of("accessKey", "AK-1234", "secretKey", "SK-5678"));
        credentials.derived("session-abcdef");

        assertThat(credentials.mask().hide("AK-1234 SK-5678 session-abcdef")).isEqualTo("*** *** ***");
        assertThat(credentials.toString()).doesNotContain("AK-1234");
    }
}
