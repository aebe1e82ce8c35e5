package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.support.SchemaValidator;
import org.junit.jupiter.api.Test;

class ParcelDomainTest {

    @Test
    void aHundredThousandParcelsMatchTheirSchema() {
        DomainRegistry domains = DomainRegistry.of(new ParcelDomain());
        SchemaValidator validator = SchemaValidator.of(ParcelDomain.NAME, domains.schema(ParcelDomain.NAME));
        Fixtures.Stream stream = Fixtures.of(ParcelDomain.NAME).registry(domains).seed(2).stream();
        for (long seq = 0; seq < 100_000; seq++) {
            validator.validate(stream.record(seq).data());
        }
        assertThat(validator.schema().field("dims")).isPresent();
    }
}
