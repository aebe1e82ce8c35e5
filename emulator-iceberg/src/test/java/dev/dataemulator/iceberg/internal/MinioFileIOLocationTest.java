package dev.dataemulator.iceberg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinioFileIOLocationTest {

    @Test
    void anS3LocationSplitsIntoBucketAndKey() {
        MinioFileIO.Location at = MinioFileIO.Location.of("s3://lake/warehouse/emulator/t/data/x.parquet");
        assertThat(at.bucket()).isEqualTo("lake");
        assertThat(at.key()).isEqualTo("warehouse/emulator/t/data/x.parquet");
        assertThat(MinioFileIO.Location.of("s3a://lake/k").key()).isEqualTo("k");
        // a warehouse that is a whole bucket, as the sink asks for it to be created
        assertThat(MinioFileIO.Location.of("s3://lake/").bucket()).isEqualTo("lake");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> MinioFileIO.Location.of("/data/x.parquet"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://bucket/key");
        assertThatThrownBy(() -> MinioFileIO.Location.of("gs://lake/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinioFileIO.Location.of("s3://lake")).isInstanceOf(IllegalArgumentException.class);
    }
}
