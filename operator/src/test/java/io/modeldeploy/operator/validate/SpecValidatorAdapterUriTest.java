package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.modeldeploy.operator.Fixtures.expert;
import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

/** Adapter URIs the operator could not place in a pod are refused at validation, naming the adapter. */
class SpecValidatorAdapterUriTest {

    private static ModelDeployment withAdapterUris(String... uris) {
        ModelDeployment md = vllmQuickStart();
        List<Adapter> adapters = new ArrayList<>();
        for (int i = 0; i < uris.length; i++) {
            Adapter a = new Adapter();
            a.setName("lora-" + i);
            a.setUri(uris[i]);
            adapters.add(a);
        }
        md.getSpec().setAdapters(adapters);
        return md;
    }

    private static SpecError onlyError(ModelDeployment md) {
        List<SpecError> errors = Fixtures.resolver().resolve(md).errors();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void everySupportedSchemeIsValid() {
        assertThat(Fixtures.resolver().resolve(withAdapterUris(
                "hf://org/sql-lora", "hf://org/sql-lora@v1.2", "s3://bucket/loras/sql", "pvc://loras/sql",
                "pvc://loras.v2", "file:///opt/loras/sql")).errors()).isEmpty();
    }

    @Test
    void anEmptyAdapterListIsValidOnQuickStartAndExpert() {
        ModelDeployment quickStart = withAdapterUris();
        ModelDeployment expert = expert();
        expert.getSpec().setAdapters(List.of());

        assertThat(Fixtures.resolver().resolve(quickStart).errors()).isEmpty();
        assertThat(Fixtures.resolver().resolve(expert).errors()).isEmpty();
    }

    @Test
    void uriWithoutSchemeIsRefusedAtItsIndex() {
        SpecError error = onlyError(withAdapterUris("hf://org/a", "org/sql-lora"));

        assertThat(error.field()).isEqualTo("spec.adapters[1].uri");
        assertThat(error.message()).contains("'org/sql-lora' has no scheme");
    }

    @Test
    void unsupportedSchemeIsRefused() {
        SpecError error = onlyError(withAdapterUris("gs://bucket/sql"));

        assertThat(error.field()).isEqualTo("spec.adapters[0].uri");
        assertThat(error.message()).contains("scheme 'gs' is not supported for adapters");
    }

    @Test
    void huggingFaceUriWithoutRepositoryIsRefused() {
        assertThat(onlyError(withAdapterUris("hf://")).message()).contains("names no repository");
    }

    @Test
    void s3UriWithoutBucketIsRefused() {
        assertThat(onlyError(withAdapterUris("s3:///prefix")).message()).contains("names no bucket");
    }

    @Test
    void claimUriWithoutClaimIsRefused() {
        assertThat(onlyError(withAdapterUris("pvc:///sql")).message()).contains("names no claim");
    }

    @Test
    void claimUriWhoseClaimIsNoPvcNameIsRefused() {
        SpecError error = onlyError(withAdapterUris("pvc://Shared_Loras/sql"));

        assertThat(error.field()).isEqualTo("spec.adapters[0].uri");
        assertThat(error.message()).contains("'Shared_Loras' is not a PersistentVolumeClaim name");
    }

    @Test
    void relativeFilePathIsRefused() {
        assertThat(onlyError(withAdapterUris("file://opt/loras/sql")).message()).contains("must be an absolute path");
    }

    @Test
    void eachBadUriIsReportedSeparately() {
        assertThat(Fixtures.resolver().resolve(withAdapterUris("ftp://x/y", "hf://org/ok", "nothing")).errors())
                .extracting(SpecError::field).containsExactly("spec.adapters[0].uri", "spec.adapters[2].uri");
    }
}
