package io.modeldeploy.operator.deployment;

import io.modeldeploy.operator.api.v1alpha1.Adapter;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each kind of adapter URI puts the adapter's files in the pod, and who brings them there. */
public class AdapterLocationTest {

    public static Adapter adapter(String name, String uri) {
        Adapter adapter = new Adapter();
        adapter.setName(name);
        adapter.setUri(uri);
        return adapter;
    }

    private static AdapterLocation of(String uri) {
        return AdapterLocation.of("sql-lora", uri);
    }

    @Test
    void huggingFaceAdapterIsSyncedIntoTheSharedVolumeUnderItsName() {
        AdapterLocation a = of("hf://org/sql-lora@v2");

        assertThat(a.name()).isEqualTo("sql-lora");
        assertThat(a.uri()).isEqualTo("hf://org/sql-lora@v2");
        assertThat(a.pathInPod()).matches("/adapters/sql-lora-[0-9a-f]{10}");
        assertThat(a.claimName()).isEmpty();
        assertThat(a.synced()).isTrue();
    }

    @Test
    void s3AdapterIsSyncedIntoTheSharedVolumeUnderItsName() {
        AdapterLocation a = of("s3://bucket/loras/sql");

        assertThat(a.pathInPod()).matches("/adapters/sql-lora-[0-9a-f]{10}");
        assertThat(a.claimName()).isEmpty();
        assertThat(a.synced()).isTrue();
    }

    @Test
    void pathInPodFollowsTheAdapterNameNotTheRepository() {
        assertThat(AdapterLocation.of("chat", "hf://org/sql-lora").pathInPod()).startsWith("/adapters/chat-");
    }

    @Test
    void aNewUriUnderTheSameNameIsANewPath_soTheEngineReloadsIt() {
        String v1 = AdapterLocation.of("sql", "hf://org/sql-lora@v1").pathInPod();
        String v2 = AdapterLocation.of("sql", "hf://org/sql-lora@v2").pathInPod();

        assertThat(v1).isNotEqualTo(v2);
        assertThat(AdapterLocation.of("sql", "hf://org/sql-lora@v1").pathInPod()).isEqualTo(v1);
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(of("HF://org/sql-lora").synced()).isTrue();
        assertThat(of("PVC://loras/sql").claimName()).contains("loras");
    }

    @Test
    void claimAdapterIsReadFromTheMountedClaimAndNotSynced() {
        AdapterLocation a = of("pvc://loras/team-a/sql");

        assertThat(a.pathInPod()).isEqualTo("/adapter-claims/loras/team-a/sql");
        assertThat(a.claimName()).isEqualTo(Optional.of("loras"));
        assertThat(a.synced()).isFalse();
    }

    @Test
    void claimWithoutPathIsTheClaimRootAndTrailingSlashesAreDropped() {
        assertThat(of("pvc://loras").pathInPod()).isEqualTo("/adapter-claims/loras");
        assertThat(of("pvc://loras/").pathInPod()).isEqualTo("/adapter-claims/loras");
        assertThat(of("pvc://loras/sql//").pathInPod()).isEqualTo("/adapter-claims/loras/sql");
    }

    @Test
    void claimNameMayBeADnsSubdomain() {
        assertThat(of("pvc://loras.v2/sql").claimName()).contains("loras.v2");
    }

    @Test
    void claimNameThatNoPersistentVolumeClaimCanHaveIsRefused() {
        assertThatThrownBy(() -> of("pvc://Team_Loras/sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Team_Loras' is not a PersistentVolumeClaim name");
    }

    @Test
    void fileAdapterIsTheAbsolutePathAsIs() {
        AdapterLocation a = of("file:///opt/loras/sql");

        assertThat(a.pathInPod()).isEqualTo("/opt/loras/sql");
        assertThat(a.claimName()).isEmpty();
        assertThat(a.synced()).isFalse();
    }

    @Test
    void relativeFilePathIsRefused() {
        assertThatThrownBy(() -> of("file://opt/loras/sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an absolute path");
    }

    @Test
    void uriWithoutSchemeIsRefusedNamingTheSupportedSchemes() {
        assertThatThrownBy(() -> of("org/sql-lora"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no scheme")
                .hasMessageContaining("hf://, s3://, pvc:// or file://");
        assertThatThrownBy(() -> of("://org/sql-lora")).hasMessageContaining("has no scheme");
    }

    @Test
    void unsupportedSchemeIsRefused() {
        assertThatThrownBy(() -> of("https://example.com/sql.safetensors"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme 'https' is not supported for adapters");
    }

    @Test
    void huggingFaceUriWithoutRepositoryIsRefused() {
        assertThatThrownBy(() -> of("hf://")).hasMessageContaining("names no repository");
        assertThatThrownBy(() -> of("hf:///org/x")).hasMessageContaining("names no repository");
    }

    @Test
    void s3UriWithoutBucketIsRefused() {
        assertThatThrownBy(() -> of("s3://")).hasMessageContaining("names no bucket");
    }

    @Test
    void claimUriWithoutClaimIsRefused() {
        assertThatThrownBy(() -> of("pvc:///sql")).hasMessageContaining("names no claim");
    }
}
